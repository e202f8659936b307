package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zjtx/internal/auth"
)

// TestBrowserRewards: `city` prepares a 免申即享 run and submits it, is
// refused when it tries to approve its own run, and `city2` approves it;
// the enterprise confirms its bank account, refused first for a holder
// that is not its name, and sees the account masked.
func TestBrowserRewards(t *testing.T) {
	e, r := dryRunPolicy(t, "zz2025.srdi_provincial")
	runURL := eval[string](r, "run url", `location.pathname`)
	if got := eval[string](r, "state", `document.querySelector("#state").textContent`); got != "试算" {
		r.fail("state", fmt.Errorf("state %q, want 试算", got))
	}
	r.screenshot("reward-dry-run.png", true)
	r.do("submit", chromedp.Click(chromedp.CSS(`button[data-action="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[data-action="approve"]`)))
	r.do("approve own run", chromedp.SendKeys(chromedp.CSS("#approve-opinion"), "自己审核"),
		chromedp.Click(chromedp.CSS(`button[data-action="approve"]`)), chromedp.WaitVisible(chromedp.CSS("#problems")))
	if got := eval[string](r, "problems", `document.querySelector("#problems").textContent`); !strings.Contains(got, "试算人不能审核") {
		r.fail("self approval", fmt.Errorf("message %q; want the preparer refused", got))
	}

	r2 := newRun(t, e)
	r2.login("city2")
	r2.do("approve as city2", chromedp.Navigate(r2.url(runURL)), chromedp.WaitVisible(chromedp.CSS("#approve-opinion")),
		chromedp.SendKeys(chromedp.CSS("#approve-opinion"), "经复核，同意"),
		chromedp.Click(chromedp.CSS(`button[data-action="approve"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[data-action="publicize"]`)))
	if got := eval[string](r2, "state", `document.querySelector("#state").textContent`); got != "已审核" {
		r2.fail("state", fmt.Errorf("state %q, want 已审核", got))
	}
	r2.screenshot("reward-approved.png", true)

	ent, err := e.app.Store.GetEnterprise(auth.WithCaller(context.Background(), auth.System), e.ids.own)
	if err != nil {
		t.Fatal(err)
	}
	r3 := newRun(t, e)
	r3.login("enterprise")
	r3.do("wrong holder", chromedp.Navigate(r3.url("/rewards")), chromedp.WaitVisible(chromedp.CSS("#account-form")),
		chromedp.SendKeys(chromedp.CSS("#holder"), "张三"), chromedp.SendKeys(chromedp.CSS("#bank"), "中原银行郑州分行"),
		chromedp.SendKeys(chromedp.CSS("#account_no"), "6222021234567890"),
		chromedp.Click(chromedp.CSS(`#account-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS("#problems")))
	if got := eval[string](r3, "problems", `document.querySelector("#problems").textContent`); !strings.Contains(got, "户名须与企业名称") {
		r3.fail("holder", fmt.Errorf("message %q; want the holder refused", got))
	}
	r3.do("confirm account", chromedp.SetValue(chromedp.CSS("#holder"), ent.Name), chromedp.SetValue(chromedp.CSS("#bank"), "中原银行郑州分行"),
		chromedp.SetValue(chromedp.CSS("#account_no"), "6222021234567890"),
		chromedp.Click(chromedp.CSS(`#account-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS("#account")))
	if got := eval[string](r3, "account", `document.querySelector("#account").textContent`); !strings.Contains(got, "************7890") || strings.Contains(got, "6222021234567890") {
		r3.fail("account", fmt.Errorf("account shown as %q; want it masked", got))
	}
	r3.screenshot("reward-account.png", true)
}

// TestBrowserPrizeRun: `city` dry-runs the 创客中国 二等奖 reward and sees the
// maker team listed 不予兑付 for having no enterprise, beside the placed
// enterprises proposed; from the run it opens the plan the policy cites
// and finds the policy among those citing it.
func TestBrowserPrizeRun(t *testing.T) {
	_, r := dryRunPolicy(t, "zz2025.maker_second")
	team := eval[string](r, "team row", `[...document.querySelectorAll('#items tr[data-subject="prize"]')]
		.filter(tr => tr.textContent.includes("郑大青年创客团队")).map(tr => tr.textContent).join("|")`)
	for _, want := range []string{"不予兑付", "无企业主体", "未登记企业"} {
		if !strings.Contains(team, want) {
			r.fail("team", fmt.Errorf("team row %q lacks %q", team, want))
		}
	}
	proposed := eval[int](r, "proposed", `[...document.querySelectorAll('#items tr[data-subject="prize"]')]
		.filter(tr => tr.textContent.includes("拟兑付")).length`)
	if proposed == 0 {
		r.fail("proposed", fmt.Errorf("no enterprise proposed for the 二等奖"))
	}
	r.screenshot("reward-prize-run.png", true)
	r.do("open the cited plan", chromedp.Click(chromedp.CSS(".doc-link")), chromedp.WaitVisible(chromedp.CSS("#rewards")))
	if got := eval[string](r, "citing policies", `document.querySelector("#rewards").textContent`); !strings.Contains(got, "创客中国郑州分赛二等奖奖励") {
		r.fail("citing", fmt.Errorf("document lists %q; want the 二等奖 policy", got))
	}
}

// dryRunPolicy logs `city` in on a fresh demo and dry-runs the reward
// policy from the policy list, leaving the browser on the run's page.
func dryRunPolicy(t *testing.T, policy string) (*env, *run) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("city")
	r.do("dry run",
		chromedp.Navigate(r.url("/rewards")), chromedp.WaitVisible(chromedp.CSS("#policies")),
		chromedp.Click(chromedp.CSS(`button[data-policy="`+policy+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#items")))
	return e, r
}
