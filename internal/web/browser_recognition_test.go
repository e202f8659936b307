package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRecognitions: a district official imports an official list
// with one row for another district's enterprise, sees that row refused
// with its reason (the other district not named) and the workbook
// annotated, then opens the calendar and the risk radar, which show only
// 金水区.
func TestBrowserRecognitions(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	_, other, book := officialList(t, e)
	list := filepath.Join(t.TempDir(), "list.xlsx")
	if err := os.WriteFile(list, book, 0o644); err != nil {
		t.Fatal(err)
	}
	r := newRun(t, e)
	r.login("district")
	r.do("import the official list",
		chromedp.Navigate(r.url("/recognitions")),
		chromedp.WaitVisible(chromedp.CSS("#recognition-import-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{list}),
	)
	r.do("submit the list",
		chromedp.Click(chromedp.CSS(`#recognition-import-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-errors, #import-message")),
	)
	msg := eval[string](r, "import errors", `document.querySelector("#import-errors tbody").textContent`)
	if !strings.Contains(msg, other.USCC) || !strings.Contains(msg, "未能匹配") || strings.Contains(msg, "中原区") {
		r.fail("import errors", fmt.Errorf("error list %q; want the unmatched USCC, not its district", msg))
	}
	if n := eval[int](r, "error rows", `document.querySelectorAll("#import-errors tbody tr").length`); n != 1 {
		r.fail("import errors", fmt.Errorf("%d error rows, want 1", n))
	}
	if got := eval[string](r, "created", `document.querySelector("#created").textContent`); got != "1" {
		r.fail("created", fmt.Errorf("created %q, want 1", got))
	}
	if !eval[bool](r, "annotated", `!!document.querySelector("#annotated-link[download]")`) {
		r.fail("annotated", fmt.Errorf("no annotated workbook offered"))
	}
	r.do("the enterprise's recognitions",
		chromedp.Navigate(r.url("/enterprises/{jinshui}")), chromedp.WaitVisible(chromedp.CSS("#recognitions-link")),
		chromedp.Click(chromedp.CSS("#recognitions-link")), chromedp.WaitVisible(chromedp.CSS("#recognition-form")))
	if got := eval[string](r, "recognitions", `document.querySelector("#recognitions tbody").textContent`); !strings.Contains(got, "豫工信企业〔2026〕61号") {
		r.fail("recognitions", fmt.Errorf("the enterprise's recognitions %q lack the imported one", got))
	}
	r.screenshot("recognitions.png", false)
	r.do("calendar", chromedp.Navigate(r.url("/calendar?within=365")), chromedp.WaitVisible(chromedp.CSS("#calendar")))
	regions := eval[[]string](r, "calendar regions", `Array.from(document.querySelectorAll("#calendar tbody tr td:nth-child(5)")).map(td => td.textContent)`)
	if len(regions) == 0 {
		r.fail("calendar", fmt.Errorf("no duties in a year"))
	}
	for _, rg := range regions {
		if rg != "金水区" {
			r.fail("calendar", fmt.Errorf("a duty of %q on the district's calendar", rg))
		}
	}
	kinds := eval[string](r, "calendar kinds", `Array.from(document.querySelectorAll("#calendar tbody tr")).map(tr => tr.dataset.kind).join(" ")`)
	for _, k := range []string{"expiry_", "review", "annual_update"} {
		if !strings.Contains(kinds, k) {
			r.fail("calendar", fmt.Errorf("kinds %q lack %s", kinds, k))
		}
	}
	r.screenshot("calendar.png", true)
	r.do("risks", chromedp.Navigate(r.url("/risks")), chromedp.WaitVisible(chromedp.CSS("#risks")))
	rows := eval[[]string](r, "risk rows", `Array.from(document.querySelectorAll("#risks tbody tr")).map(tr => tr.textContent.replace(/\s+/g, " "))`)
	if len(rows) == 0 || strings.Contains(rows[0], "没有发现风险") {
		r.fail("risks", fmt.Errorf("no risk in 金水区: %q", rows))
	}
	for _, row := range rows {
		if !strings.Contains(row, "金水区") || !(strings.Contains(row, "未达标") || strings.Contains(row, "标记")) {
			r.fail("risks", fmt.Errorf("row %q: want 金水区 with a failing condition or a flag", row))
		}
	}
	r.screenshot("risks.png", true)
}
