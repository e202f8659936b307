package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserBaolian: a district official designates an official beside an
// enterprise, records a visit with an issue raised on it and sees the
// issue's 13710 deadlines; the enterprise account sees its official and
// raises an issue of its own.
func TestBrowserBaolian(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("district")
	r.do("the desk",
		chromedp.Click(chromedp.CSS(`.site-nav a[href="/baolian"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#workload")),
	)
	r.screenshot("baolian-desk.png", true)
	r.do("a listed enterprise without an official",
		chromedp.Click(chromedp.CSS(`#unassigned tbody tr a[href^="/baolian/enterprises/"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#assign-form")),
	)
	official := eval[string](r, "an official", `(() => { const o = Array.from(document.querySelectorAll("#f-official_id option")).find(o => o.value && o.textContent.startsWith("金水区科技工业和信息化局")); return o ? o.value : "" })()`)
	if official == "" {
		r.fail("officials", fmt.Errorf("the demo district account is not among the officials to assign"))
	}
	r.do("assign as 主包",
		chromedp.SetValue(chromedp.CSS("#f-official_id"), official),
		chromedp.SetValue(chromedp.CSS("#f-role"), "lead"),
		chromedp.Click(chromedp.CSS("#assign-form button[type=submit]")),
		// The table is on the page before the form is sent: wait for its row.
		chromedp.WaitVisible(chromedp.CSS("#assignments .official-name")),
	)
	rows := eval[string](r, "assignments", `document.querySelector("#assignments tbody").textContent.replace(/\s+/g, "")`)
	if !strings.Contains(rows, "金水区科技工业和信息化局企业服务科主包") {
		r.fail("assigned", fmt.Errorf("the officials' table says %q", rows))
	}
	r.do("record a visit with an issue",
		chromedp.SetValue(chromedp.CSS("#f-form"), "onsite"),
		chromedp.SendKeys(chromedp.CSS("#f-attendees"), "区工信局 企业服务科；企业 总经理"),
		chromedp.SendKeys(chromedp.CSS("#f-summary"), "了解新产线投产进度和研发投入"),
		chromedp.SendKeys(chromedp.CSS("#f-policies"), "郑州市专精特新企业奖补政策"),
		chromedp.SetValue(chromedp.CSS(`[id="f-issue.category"]`), "用地用房"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-issue.title"]`), "新产线需新增标准化厂房约 3000 平方米"),
		chromedp.Click(chromedp.CSS("#visit button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#due")),
	)
	due := eval[string](r, "deadlines", `document.querySelector("#due").textContent`)
	// Registered on Tuesday 1 September 2026 (the tests' clock): route by
	// Wednesday, first feedback by Friday, solved within 7 working days.
	if !strings.Contains(due, "交办 2026-09-02") || !strings.Contains(due, "首次反馈 2026-09-04") || !strings.Contains(due, "办结 2026-09-10") {
		r.fail("deadlines", fmt.Errorf("the 13710 deadlines say %q", due))
	}
	r.do("route it",
		chromedp.SetValue(chromedp.CSS("#f-action"), "route"),
		chromedp.SendKeys(chromedp.CSS("#f-lead_unit"), "区自然资源局"),
		chromedp.SendKeys(chromedp.CSS("#f-co_units"), "区发展改革委"),
		chromedp.Click(chromedp.CSS("#act-form button[type=submit]")),
		// The visit's page has a note too: wait for the routing's own.
		chromedp.WaitVisible(chromedp.CSS("#notes li:nth-child(2)")),
	)
	if st := eval[string](r, "status", `document.querySelector("#status").textContent`); !strings.Contains(st, "已交办") {
		r.fail("routed", fmt.Errorf("status %q", st))
	}
	if h := eval[string](r, "heading", `document.querySelector("h1").textContent`); !strings.Contains(h, "新产线需新增标准化厂房约 3000 平方米") {
		r.fail("heading", fmt.Errorf("the issue's heading %q does not name it", h))
	}
	r.screenshot("baolian-appeal.png", true)

	ent := newRun(t, e)
	ent.login("enterprise")
	ent.do("its 包联 page",
		chromedp.Click(chromedp.CSS(`.site-nav a[href="/baolian"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#appeal-form")),
	)
	if n := eval[string](ent, "its official", `document.querySelector("#assignments .official-name") ? document.querySelector("#assignments .official-name").textContent : ""`); n == "" {
		ent.fail("official", fmt.Errorf("the enterprise sees no official"))
	}
	ent.do("raise an issue",
		chromedp.SetValue(chromedp.CSS("#f-category"), "人才用工"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "招聘高级技工困难，希望对接职业院校"),
		chromedp.Click(chromedp.CSS("#appeal-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#done")),
	)
	if got := eval[string](ent, "the issue", `document.querySelector("main").textContent.replace(/\s+/g, " ")`); !strings.Contains(got, "企业提出") || !strings.Contains(got, "登记") {
		ent.fail("raised", fmt.Errorf("the issue's page says %.300q", got))
	}
	ent.do("back to its page", chromedp.Navigate(ent.url("/baolian/enterprises/{own}")), chromedp.WaitVisible(chromedp.CSS("#appeal-table")))
	ent.screenshot("baolian-enterprise.png", true)
}
