package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zjtx/internal/demo"
)

// TestBrowserPlan: a district official generates a 科技型中小企业 plan on an
// enterprise's page, closes its first task with a PDF and the figure
// reached, and sees the points regained; the enterprise account sees its
// own plan on its home page.
func TestBrowserPlan(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	e.weaken(e.ids.jinshui)
	own := e.weakPlan(e.ids.own)
	pdf := filepath.Join(t.TempDir(), "rd-audit-2025.pdf")
	if err := os.WriteFile(pdf, demo.PDF("R&D expense audit 2025", "rd_expense: 180"), 0o644); err != nil {
		t.Fatal(err)
	}

	r := newRun(t, e)
	r.login("district")
	r.do("generate a plan",
		chromedp.Navigate(r.url("/enterprises/{jinshui}")),
		chromedp.WaitVisible(chromedp.CSS("#plan-create")),
		chromedp.SetValue(chromedp.CSS("#plan-tier"), "tech_sme"),
		chromedp.Click(chromedp.CSS(`#plan-create button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".plan-tasks")),
	)
	before := eval[string](r, "score now", `document.querySelector(".score-latest").textContent.trim()`)
	done := eval[string](r, "score done", `document.querySelector(".score-done").textContent.trim()`)
	if !strings.HasSuffix(before, " 分") || !strings.HasSuffix(done, " 分") || before == done {
		r.fail("standing", fmt.Errorf("now %q, when done %q; want two different scores", before, done))
	}
	first := eval[string](r, "first task", `document.querySelector(".plan-tasks tbody tr.task .task-summary").textContent.trim()`)
	if !strings.Contains(first, "研发费用增至") {
		r.fail("first task", fmt.Errorf("first task %q; want the R&D target", first))
	}
	r.screenshot("plan-generated.png", true)

	form := "#" + eval[string](r, "close form", `document.querySelector("form.task-close").id`)
	r.do("close the first task with a PDF",
		chromedp.SendKeys(chromedp.CSS(form+"-value"), "180"),
		chromedp.SetUploadFiles(chromedp.CSS(form+"-evidence"), []string{pdf}),
		chromedp.Click(chromedp.CSS(form+" button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#closed-notice")),
	)
	notice := eval[string](r, "notice", `document.querySelector("#closed-notice").textContent.replace(/\s+/g, " ")`)
	m := regexp.MustCompile(`得分 (\d+) → (\d+) 分`).FindStringSubmatch(notice)
	if m == nil || m[1] == m[2] || !strings.Contains(notice, "+") {
		r.fail("notice", fmt.Errorf("notice %q; want the score before and after and the points regained", notice))
	}
	if got := eval[string](r, "evidence", `document.querySelector(".evidence-link").textContent`); got != "rd-audit-2025.pdf" {
		r.fail("evidence", fmt.Errorf("evidence link %q", got))
	}
	if latest := eval[string](r, "latest", `document.querySelector(".score-latest").textContent.trim()`); latest != m[2]+" 分" {
		r.fail("latest", fmt.Errorf("the plan's current score %q; want %s 分", latest, m[2]))
	}
	r.screenshot("plan-closed.png", true)

	ent := newRun(t, e)
	ent.login("enterprise")
	ent.do("home", chromedp.Navigate(ent.url("/")), chromedp.WaitVisible(chromedp.CSS("#home-plans")))
	if got := eval[string](ent, "home plans", `document.querySelector("#home-plans").textContent.replace(/\s+/g, " ")`); !strings.Contains(got, "科技型中小企业培育辅导计划") || !strings.Contains(got, "研发费用增至") {
		ent.fail("home plans", fmt.Errorf("home plans %q", got))
	}
	ent.elementShot("plan-enterprise-home.png", "#home-plans", true)
	ent.do("its plan", chromedp.Navigate(ent.url(fmt.Sprintf("/plans/%d", own.ID))), chromedp.WaitVisible(chromedp.CSS(".plan-tasks")))
	if n := eval[int](ent, "close forms", `document.querySelectorAll("form.task-close").length`); n != 0 {
		ent.fail("close forms", fmt.Errorf("the enterprise sees %d close forms; want none", n))
	}
}
