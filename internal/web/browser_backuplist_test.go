package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserBackupList: a district official opens the 专精特新 list, sees
// only 金水区's enterprises and why each is on it, is told what is missing
// when moving one without a status reason where one is needed, and moves one
// to 拟申报 with a reason.
func TestBrowserBackupList(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("district")
	r.do("open the list",
		chromedp.Click(chromedp.CSS(`.site-nav a[href="/backup-lists/srdi"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(".backup-table")),
	)
	if h := eval[string](r, "heading", `document.querySelector("h1").textContent`); h != "专精特新中小企业后备清单" {
		r.fail("heading", fmt.Errorf("heading %q", h))
	}
	regions := eval[[]string](r, "regions", `Array.from(document.querySelectorAll(".backup-table tbody tr td:nth-child(3)")).map(td => td.textContent.trim())`)
	if len(regions) == 0 {
		r.fail("rows", fmt.Errorf("the 专精特新 list of 金水区 is empty"))
	}
	for _, rg := range regions {
		if rg != "金水区" {
			r.fail("scope", fmt.Errorf("a row of %q on 金水区's list", rg))
		}
	}
	r.do("reserve only", chromedp.Navigate(r.url("/backup-lists/srdi?status=reserve&source=srdi.from_innovative")), chromedp.WaitVisible(chromedp.CSS(".backup-table")))
	why := eval[string](r, "why", `(() => { const tr = document.querySelector(".backup-table tbody tr"); return tr.querySelector(".reason").textContent.trim() + " | " + tr.querySelector(".rule").textContent.trim() })()`)
	if !strings.HasPrefix(why, "创新型中小企业（有效期至 ") || !strings.Contains(why, "创新型中小企业纳入专精特新后备") || !strings.Contains(why, "srdi.from_innovative") {
		r.fail("why", fmt.Errorf("first row says %q, want the innovative title with its validity and the rule", why))
	}
	name := eval[string](r, "name", `document.querySelector(".backup-table tbody tr td:nth-child(2) a").textContent.trim()`)

	r.do("remove without a reason",
		chromedp.Click(chromedp.CSS(".backup-table tbody tr .row-check"), chromedp.NodeVisible),
		void(chromedp.Poll[bool](`!document.querySelector("#status-selected").disabled`, chromedp.WithPollingTimeout(5*time.Second))),
		chromedp.SetValue(chromedp.CSS("#bulk-status"), "removed"),
		chromedp.Click(chromedp.CSS("#status-selected")),
		chromedp.WaitVisible(chromedp.CSS("#error-summary")),
	)
	if msg := eval[string](r, "error", `document.querySelector("#error-summary").textContent`); !strings.Contains(msg, "移出后备清单须注明原因") {
		r.fail("error", fmt.Errorf("error summary %q", msg))
	}
	if !eval[bool](r, "kept tick", `document.querySelector(".backup-table tbody tr .row-check").checked`) {
		r.fail("kept tick", fmt.Errorf("the ticked row is no longer ticked after the refusal"))
	}
	r.do("move to 拟申报",
		chromedp.SetValue(chromedp.CSS("#bulk-status"), "to_apply"),
		chromedp.SendKeys(chromedp.CSS("#bulk-reason"), "研发费用与知识产权已达标，拟于本批次申报"),
		chromedp.Click(chromedp.CSS("#status-selected")),
		chromedp.WaitVisible(chromedp.CSS("#done-note")),
	)
	if done := eval[string](r, "done", `document.querySelector("#done-note").textContent`); done != "已将 1 家企业的状态改为「拟申报」。" {
		r.fail("done", fmt.Errorf("note %q", done))
	}
	r.do("the 拟申报 filter", chromedp.Navigate(r.url("/backup-lists/srdi?status=to_apply")), chromedp.WaitVisible(chromedp.CSS(".backup-table")))
	rows := eval[string](r, "to_apply rows", `document.querySelector(".backup-table tbody").textContent.replace(/\s+/g, " ")`)
	for _, want := range []string{name, "拟申报", "研发费用与知识产权已达标，拟于本批次申报"} {
		if !strings.Contains(rows, want) {
			r.fail("to_apply rows", fmt.Errorf("the 拟申报 list lacks %q: %s", want, rows))
		}
	}
	r.do("the record page",
		chromedp.Click(chromedp.CSS(".backup-table tbody tr td:nth-child(2) a"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#backup-lists")),
	)
	if got := eval[string](r, "record entries", `document.querySelector("#backup-lists").textContent.replace(/\s+/g, " ")`); !strings.Contains(got, "专精特新中小企业后备清单 拟申报") {
		r.fail("record entries", fmt.Errorf("the record page's 后备清单 says %q", got))
	}
	r.elementShot("backup-record.png", "#backup-lists", false)
	r.do("the whole list", chromedp.Navigate(r.url("/backup-lists/srdi")), chromedp.WaitVisible(chromedp.CSS(".backup-table")))
	r.screenshot("backup-list.png", true)
}
