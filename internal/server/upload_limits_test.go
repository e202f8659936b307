package server_test

import (
	"strings"
	"testing"

	"zjtx/internal/xlsx"
	"zjtx/internal/xlsx/xlsxtest"
)

// TestAPIImportBombsRefused posts each hostile workbook to the import API:
// 413 with code too_large and the limit in Chinese, within its budget, with
// the heap under 100 MB above its start.
func TestAPIImportBombsRefused(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.token("city")
	for _, b := range xlsxtest.Bombs(xlsx.ImportLimits) {
		t.Run(b.Name, func(t *testing.T) {
			var res response
			xlsxtest.Within(t, b, true, func() {
				res = e.do("city", "POST", "/api/v1/enterprises/import", b.Data,
					"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			})
			want, code, text := 413, "too_large", "超过"
			if b.Name == "LyingSize" {
				want, code, text = 400, "invalid", "不是 Excel 工作簿"
			}
			var out struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			res.json(t, &out)
			if res.status != want || out.Error.Code != code || !strings.Contains(out.Error.Message, text) {
				t.Fatalf("%s, want %d %s with %q", res, want, code, text)
			}
		})
	}
}
