package web_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zjtx/internal/profile"
)

// TestBrowserSelftestSave: an enterprise user loads its record into the
// self-test, changes one figure and saves it: that figure alone changes and
// the provincial score, which the form does not show, is kept. A printed
// self-test without a credit code says 未填写 rather than a made-up code.
func TestBrowserSelftestSave(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	rec := e.edit(t, e.ids.own, func(p *profile.Profile) { must(t, p.SetPath("local_score", "8")) })
	r := newRun(t, e)
	r.login("enterprise")
	rd := `#selftest-form input[name="years.2025.rd_expense"]`
	r.do("load own record", chromedp.Navigate(r.url("/selftest?mine=1")), chromedp.WaitVisible(chromedp.CSS(rd)))
	r.do("change and save",
		chromedp.SetValue(chromedp.CSS(rd), "777"),
		chromedp.Click(chromedp.CSS(`button[formaction="/selftest/save"]`)),
		chromedp.WaitVisible(chromedp.CSS("#saved")),
	)
	after := e.get(t, e.ids.own)
	if got := profile.Diff(rec.Profile, after.Profile); !slices.Equal(got, []string{"years.2025.rd_expense"}) {
		r.fail("saved", fmt.Errorf("the save changed %v, want only years.2025.rd_expense", got))
	}
	if s, _ := after.Profile.GetPath("local_score"); s != "8" {
		r.fail("kept", fmt.Errorf("local_score %q after the save, want 8", s))
	}
	r.do("print without a credit code",
		chromedp.Navigate(r.url("/selftest?example=1")),
		chromedp.WaitVisible(chromedp.CSS("#f-uscc")),
		// Cleared as a user would, and printed in this tab rather than a new one.
		void(chromedp.Evaluate[any](`document.querySelector("#f-uscc").value = "";
			document.querySelector('button[formaction="/selftest/print"]').removeAttribute("formtarget")`)),
		chromedp.Click(chromedp.CSS(`button[formaction="/selftest/print"]`)),
		chromedp.WaitVisible(chromedp.CSS(".report-meta")),
	)
	if meta := eval[string](r, "report head", `document.querySelector(".report-meta").textContent`); !strings.Contains(meta, "未填写") || strings.Contains(meta, "91410100MA000000") {
		r.fail("credit code", fmt.Errorf("report head %q", meta))
	}
}

// TestBrowserItemEdit: an official adds an IP item with the form under the
// list, without typing a count, and the count the engine uses follows.
func TestBrowserItemEdit(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	e.edit(t, e.ids.jinshui, func(p *profile.Profile) { p.IP = []profile.IP{} })
	r := newRun(t, e)
	r.login("district")
	add := "#items-ip .item-add"
	r.do("open", chromedp.Navigate(r.url("/enterprises/{jinshui}")), chromedp.WaitReady(chromedp.CSS(add)))
	r.do("add a patent",
		chromedp.Click(chromedp.CSS(add+" summary")),
		chromedp.WaitVisible(chromedp.CSS("#ip-new-kind")),
		chromedp.SetValue(chromedp.CSS("#ip-new-kind"), "invention_patent"),
		chromedp.SetValue(chromedp.CSS("#ip-new-granted"), "2024-03-01"),
		chromedp.Click(chromedp.CSS("#ip-new-related")),
		chromedp.Click(chromedp.CSS(add+" button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#saved")),
	)
	if s := eval[string](r, "count", `document.querySelector("#items-ip .ip-summary").textContent`); !strings.HasPrefix(s, "Ⅰ类知识产权计入 1 项") {
		r.fail("count", fmt.Errorf("summary %q", s))
	}
	r.do("add an application",
		chromedp.Navigate(r.url("/enterprises/{jinshui}")), // without the first save's notice
		chromedp.WaitReady(chromedp.CSS(add)),
		chromedp.Click(chromedp.CSS(add+" summary")),
		chromedp.WaitVisible(chromedp.CSS("#ip-new-kind")),
		chromedp.SetValue(chromedp.CSS("#ip-new-kind"), "invention_patent"),
		chromedp.Click(chromedp.CSS("#ip-new-related")),
		chromedp.Click(chromedp.CSS("#ip-new-pending")),
		chromedp.Click(chromedp.CSS(add+" button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#saved")),
	)
	if s := eval[string](r, "count", `document.querySelector("#items-ip .ip-summary").textContent`); !strings.Contains(s, "计入 1 项") || !strings.Contains(s, "申请中 1 项") {
		r.fail("pending apart", fmt.Errorf("summary %q", s))
	}
}
