package web_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/xlsx"
)

// TestRecognitionImportPage: the page records the matched row and lists the
// unmatched one with its reason and the annotated workbook.
func TestRecognitionImportPage(t *testing.T) {
	e := newEnv(t)
	own, other, list := officialList(t, e)
	b := e.as("district")
	b.get("/recognitions")
	page := b.postFile("/recognitions/import", "file", "认定名单.xlsx", list, nil)
	for _, want := range []string{`id="import-errors"`, other.USCC, "未能匹配", `id="created">1<`, `id="annotated-link"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("import page %d lacks %q: %.2000s", page.status, want, page.body)
		}
	}
	if strings.Contains(page.body, "中原区") {
		t.Errorf("import page names the other district")
	}
	listed := b.get("/recognitions?tier=srdi")
	if !strings.Contains(listed.body, "豫工信企业〔2026〕61号") || !strings.Contains(listed.body, own.Name) {
		t.Errorf("the list lacks the imported recognition")
	}
}

// officialList is an official list of two rows: a 金水区 enterprise and one
// of 中原区, which a district official of 金水区 cannot match.
func officialList(t *testing.T, e *env) (own, other *enterprise.Record, book []byte) {
	t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	own, err := e.app.Store.GetEnterprise(ctx, e.ids.jinshui)
	if err != nil {
		t.Fatal(err)
	}
	if other, err = e.app.Store.GetEnterprise(ctx, e.ids.other); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.RecognitionList(&buf,
		[]any{own.Name, own.USCC, "专精特新中小企业", "省级", "2026年第3批", "豫工信企业〔2026〕61号", "2026-08-15", ""},
		[]any{other.Name, other.USCC, "专精特新中小企业", "省级", "2026年第3批", "豫工信企业〔2026〕61号", "2026-08-15", ""},
	); err != nil {
		t.Fatal(err)
	}
	return own, other, buf.Bytes()
}
