package web_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/xlsx"
)

// TestBrowserImportStaleExport reproduces issue 8 §1's data loss as an
// official would meet it: export the 精密 list, change 研发费用 2025 of one
// of them on its record page, then import the earlier export. The import
// reports that row as a conflict and the edit stays; before, it said
// "更新 42 家" and the edit was gone.
func TestBrowserImportStaleExport(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	file := e.as("district").get("/enterprises/export.xlsx?q=" + url.QueryEscape("精密"))
	if file.status != 200 {
		t.Fatalf("export: %d", file.status)
	}
	codes := column(t, []byte(file.body), xlsx.SheetEnterprise, "统一社会信用代码")
	if len(codes) == 0 {
		t.Fatal("no 精密 enterprise in 金水区")
	}
	// An ASCII file name: chromedp's upload drops a file whose path is not.
	old := filepath.Join(t.TempDir(), "export.xlsx")
	if err := os.WriteFile(old, []byte(file.body), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := auth.WithCaller(context.Background(), auth.System)
	list, _, err := e.app.Store.ListEnterprises(ctx, enterprise.Filter{Q: codes[0], Limit: 1})
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	id := list[0].ID

	r := newRun(t, e)
	r.login("district")
	rd := "#f-2025-rd_expense"
	r.do("edit 研发费用 2025",
		chromedp.Navigate(r.url(fmt.Sprintf("/enterprises/%d", id))),
		chromedp.Click(chromedp.CSS("#year-2025 summary")),
		chromedp.WaitVisible(chromedp.CSS(rd)),
		chromedp.SetValue(chromedp.CSS(rd), "4321.5"),
		chromedp.Submit(chromedp.CSS(rd)),
		chromedp.WaitVisible(chromedp.CSS("#saved")),
	)
	r.do("import the earlier export",
		chromedp.Navigate(r.url("/enterprises/import")),
		chromedp.WaitVisible(chromedp.CSS("#import-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{old}),
		chromedp.Click(chromedp.CSS(`#import-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-errors")),
	)
	if msg := eval[string](r, "import errors", `document.querySelector("#import-errors tbody").textContent`); !strings.Contains(msg, "导出后已被修改") {
		r.fail("conflict", fmt.Errorf("error list %q lacks the conflict", msg))
	}
	r.screenshot("import-conflict.png", false)
	r.do("the record keeps the edit",
		chromedp.Navigate(r.url(fmt.Sprintf("/enterprises/%d", id))),
		chromedp.WaitVisible(chromedp.CSS("#enterprise-name")),
	)
	if body := eval[string](r, "years table", `document.body.innerText`); !strings.Contains(body, "4,321.50") {
		r.fail("edit shown", fmt.Errorf("the record page lacks 研发费用 4,321.50 after the import"))
	}
	got, err := e.app.Store.GetEnterprise(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := got.Profile.GetPath("years.2025.rd_expense"); v != "4321.5" {
		r.fail("edit kept", fmt.Errorf("研发费用 2025 is %q after the import, want the edit 4321.5", v))
	}
}
