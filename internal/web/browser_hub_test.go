package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserHub: the enterprise confirms a demand proposed from a gap of
// its latest assessment, sees where it came from and the products that fit
// it, each with why it matched, and chooses the demo institution's; the institution contacts it, the
// enterprise signs, the institution records the delivery with evidence,
// the enterprise rates it; the district official sees the whole record and
// the institution's outcome, and follows the service from the enterprise's
// cultivation plan.
func TestBrowserHub(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("enterprise")
	r.do("the proposed demands",
		chromedp.Navigate(r.url("/demands?status=proposed")), chromedp.WaitVisible(chromedp.CSS("#demands")),
		chromedp.Click(chromedp.CSS("#demands tbody tr td a")), chromedp.WaitVisible(chromedp.CSS("#confirm-demand")))
	if got := eval[string](r, "gap origin", `document.querySelector("#gap-origin").textContent`); !strings.Contains(got, "差距项") {
		r.fail("gap origin", fmt.Errorf("the demand does not say its gap: %q", got))
	}
	demandURL := eval[string](r, "demand url", `location.pathname`)
	r.do("confirm", chromedp.Click(chromedp.CSS("#confirm-demand")), chromedp.WaitVisible(chromedp.CSS("#suggestions")))
	if got := eval[string](r, "status", `document.querySelector("#demand-status").textContent`); got != "对接中" {
		r.fail("status", fmt.Errorf("status %q after confirming, want 对接中", got))
	}
	if got := eval[string](r, "explained", `(document.querySelector("#suggestions .match-why") || {}).textContent || ""`); !strings.Contains(got, "匹配说明：") || !strings.Contains(got, "满足") {
		r.fail("explained", fmt.Errorf("the suggestions are not explained: %q", got))
	}
	picked := eval[bool](r, "choose", `(() => {
		const row = Array.from(document.querySelectorAll("#suggestions tbody tr")).find(tr => tr.textContent.includes("演示机构"));
		if (!row) return false;
		row.querySelector("button[data-action=propose]").click();
		return true;
	})()`)
	if !picked {
		r.fail("choose", fmt.Errorf("no product of the demo institution among the suggestions"))
	}
	r.do("chosen", chromedp.WaitVisible(chromedp.CSS("#matches .stage")))
	r.screenshot("hub-demand.png", true)
	// Each party in its own browser (and time budget), as in life.
	step := func(role, what, action string, fill ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		r = newRun(t, e)
		r.login(role)
		r.do(what, chromedp.Navigate(r.url(demandURL)), chromedp.WaitVisible(chromedp.CSS(`[data-action=`+action+`]`)))
		r.do(what, fill...)
		// Done when the step's button is gone: the page after the redirect
		// offers the next party's step, not this one again.
		r.do(what, chromedp.Click(chromedp.CSS(`[data-action=`+action+`]`)),
			chromedp.WaitNotPresent(chromedp.CSS(`[data-action=`+action+`]`)), chromedp.WaitVisible(chromedp.CSS("#matches")))
	}
	step("institution", "contact", "contact")
	step("enterprise", "sign", "sign")
	step("institution", "deliver", "deliver",
		chromedp.SendKeys(chromedp.CSS(`[data-form=deliver] input[name=summary]`), "完成专利挖掘与布局方案，提交发明专利申请 2 件"),
		chromedp.SendKeys(chromedp.CSS(`[data-form=deliver] input[name=evidence]`), "服务合同 FW-2026-0901；专利受理通知书"))
	step("enterprise", "rate", "rate", chromedp.SendKeys(chromedp.CSS(`[data-form=rate] input[name=comment]`), "响应及时，方案专业"))
	row := eval[string](r, "rated", `document.querySelector("#matches tbody tr").textContent`)
	for _, want := range []string{"已评价", "5 分", "FW-2026-0901"} {
		if !strings.Contains(row, want) {
			r.fail("rated", fmt.Errorf("the match %q lacks %q", row, want))
		}
	}
	if got := eval[string](r, "status", `document.querySelector("#demand-status").textContent`); got != "已完成" {
		r.fail("status", fmt.Errorf("status %q after rating, want 已完成", got))
	}
	r.screenshot("hub-delivered.png", true)
	r = newRun(t, e)
	r.login("district")
	r.do("the district's view", chromedp.Navigate(r.url(demandURL)), chromedp.WaitVisible(chromedp.CSS("#matches")))
	if got := eval[string](r, "district", `document.querySelector("#matches tbody tr").textContent`); !strings.Contains(got, "已评价") {
		r.fail("district", fmt.Errorf("the district sees %q", got))
	}
	// The district follows the service from the enterprise's cultivation
	// plan, next to the tasks it serves.
	own := e.weakPlan(e.ids.own)
	r.do("the plan", chromedp.Navigate(r.url(fmt.Sprintf("/plans/%d", own.ID))), chromedp.WaitVisible(chromedp.CSS("#plan-services")))
	if got := eval[string](r, "plan services", `document.querySelector("#plan-services tbody").textContent`); !strings.Contains(got, "演示机构") || !strings.Contains(got, "已评价") {
		r.fail("plan services", fmt.Errorf("the plan's services read %q; want the demo institution's rated service", got))
	}
	r.elementShot("plan-services.png", "#plan-services", true)
	r.do("outcomes", chromedp.Navigate(r.url("/institutions?year=2026")), chromedp.WaitVisible(chromedp.CSS("#outcomes")))
	if got := eval[string](r, "outcomes", `document.querySelector("#outcomes").textContent`); !strings.Contains(got, "演示机构") {
		r.fail("outcomes", fmt.Errorf("the district's outcomes lack the demo institution: %q", got))
	}
	r.screenshot("hub-institutions.png", true)
}
