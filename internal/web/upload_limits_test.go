package web_test

import (
	"strings"
	"testing"

	"zjtx/internal/web"
	"zjtx/internal/xlsx"
	"zjtx/internal/xlsx/xlsxtest"
)

// TestUploadBombsRefused posts each hostile workbook to the public
// self-test, anonymously, and to the import page as the city's official:
// each is refused with 413 and the limit in Chinese on the page, within a
// second, and the server's heap stays under 100 MB above its start.
func TestUploadBombsRefused(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		name, role, path, field string
		lim                     xlsx.Limits
		prefix                  string // of the message on the page
	}{
		{"SelfTest", "", "/selftest", "profile_file", xlsx.SelfTestLimits, ""},
		{"Import", "city", "/enterprises/import", "file", xlsx.ImportLimits, "未导入任何数据："},
	} {
		b := e.as(tt.role)
		b.get(tt.path)
		for _, bomb := range xlsxtest.Bombs(tt.lim) {
			t.Run(tt.name+"/"+bomb.Name, func(t *testing.T) {
				var p page
				xlsxtest.Within(t, bomb, true, func() { p = b.postFile(tt.path, tt.field, "炸弹.xlsx", bomb.Data, nil) })
				want, text := 413, "超过"
				if bomb.Name == "LyingSize" {
					want, text = 400, "不是 Excel 工作簿"
				}
				if p.status != want || !strings.Contains(p.body, tt.prefix) || !strings.Contains(p.body, text) {
					t.Fatalf("status %d, want %d with %q: %.600s", p.status, want, text, p.body)
				}
			})
		}
	}
	t.Run("SelfTest/LargeJSON", func(t *testing.T) {
		b := e.as("")
		b.get("/selftest")
		doc := []byte(`{"name": "` + strings.Repeat("大", 400_000) + `"}`)
		if p := b.upload(doc); p.status != 413 || !strings.Contains(p.body, "上传的文件超过 1 MB") {
			t.Errorf("status %d: %.400s", p.status, p.body)
		}
	})
}

// TestSelftestUploadSlots fills every slot of the self-test upload: the
// next upload is answered 503 at once, with Retry-After and a Chinese
// message, and a form without a file is still evaluated.
func TestSelftestUploadSlots(t *testing.T) {
	defer web.SetSelftestUploadSlots(0)()
	e := newEnv(t)
	b := e.as("")
	b.get("/selftest")
	p := b.upload([]byte(`{"name": "郑州示例"}`))
	if p.status != 503 || p.header.Get("Retry-After") == "" || !strings.Contains(p.body, "请稍后再试") {
		t.Errorf("upload over the cap: %d %v %.300s", p.status, p.header, p.body)
	}
}
