package web_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/xlsx"
)

// TestRecognitionImportPage: the page records the matched row and lists the
// unmatched one with its reason and the annotated workbook.
func TestRecognitionImportPage(t *testing.T) {
	e := newEnv(t)
	ctx := auth.WithCaller(context.Background(), auth.System)
	own, _ := e.app.Store.GetEnterprise(ctx, e.ids.jinshui)
	other, _ := e.app.Store.GetEnterprise(ctx, e.ids.other)
	var buf bytes.Buffer
	if err := xlsx.RecognitionList(&buf,
		[]any{own.Name, own.USCC, "专精特新中小企业", "省级", "2026年第3批", "豫工信企业〔2026〕61号", "2026-08-15", ""},
		[]any{other.Name, other.USCC, "专精特新中小企业", "省级", "2026年第3批", "豫工信企业〔2026〕61号", "2026-08-15", ""},
	); err != nil {
		t.Fatal(err)
	}
	b := e.as("district")
	b.get("/recognitions")
	page := b.postFile("/recognitions/import", "file", "认定名单.xlsx", buf.Bytes(), nil)
	for _, want := range []string{`id="import-errors"`, other.USCC, "未能匹配", `id="created">1<`, `id="annotated-link"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("import page %d lacks %q: %.2000s", page.status, want, page.body)
		}
	}
	if strings.Contains(page.body, "中原区") {
		t.Errorf("import page names the other district")
	}
	list := b.get("/recognitions?tier=srdi")
	if !strings.Contains(list.body, "豫工信企业〔2026〕61号") || !strings.Contains(list.body, own.Name) {
		t.Errorf("the list lacks the imported recognition")
	}
}
