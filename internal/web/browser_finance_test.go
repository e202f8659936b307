package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserConsent: the demo bank sees the demo enterprise, which
// consented to it, and not the 金水区 or 中原区 enterprises that did not;
// the enterprise revokes its consent and the bank's next page has lost it,
// the profile included; the enterprise reads the consent text, grants
// again, and the bank sees it again.
func TestBrowserConsent(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	bank := newRun(t, e)
	bank.login("bank")
	listed := func(what string) map[string]bool {
		bank.do(what, chromedp.Navigate(bank.url("/bank/enterprises")), chromedp.WaitVisible(chromedp.CSS("#bank-enterprises")))
		hrefs := eval[[]string](bank, what, `Array.from(document.querySelectorAll("#bank-enterprises tbody a")).map(a => a.getAttribute("href"))`)
		out := map[string]bool{}
		for _, h := range hrefs {
			out[h] = true
		}
		return out
	}
	own, jinshui, other := e.expand("/bank/enterprises/{own}"), e.expand("/bank/enterprises/{jinshui}"), e.expand("/bank/enterprises/{other}")
	got := listed("the bank's enterprises")
	if !got[own] || got[jinshui] || got[other] {
		bank.fail("the bank's enterprises", fmt.Errorf("listed %v; want %s and neither %s nor %s", got, own, jinshui, other))
	}
	bank.screenshot("bank-enterprises.png", true)
	bank.do("the consenting enterprise", chromedp.Navigate(bank.url(own)), chromedp.WaitVisible(chromedp.CSS("#room")))
	if !eval[bool](bank, "finance summary", `!!document.querySelector("#finance-summary")`) {
		bank.fail("finance summary", fmt.Errorf("the consented finance scope is not shown"))
	}
	bank.screenshot("bank-enterprise.png", true)

	ent := newRun(t, e)
	ent.login("enterprise")
	ent.do("the consents", chromedp.Navigate(ent.url("/finance/consents")), chromedp.WaitVisible(chromedp.CSS("#consents")))
	if n := eval[int](ent, "live consents", `document.querySelectorAll("#consents .revoke").length`); n != 1 {
		ent.fail("live consents", fmt.Errorf("%d revocable consents, want the one to the demo bank", n))
	}
	ent.do("revoke", chromedp.Click(chromedp.CSS("#consents .revoke")), chromedp.WaitVisible(chromedp.CSS("#revoked")))

	if got := listed("after the revocation"); got[own] {
		bank.fail("after the revocation", fmt.Errorf("the bank still lists %s", own))
	}
	bank.do("the revoked enterprise", chromedp.Navigate(bank.url(own)), chromedp.WaitVisible(chromedp.CSS("main")))
	if title := eval[string](bank, "title", `document.title`); !strings.Contains(title, "未找到") {
		bank.fail("the revoked enterprise", fmt.Errorf("page %q, want not found", title))
	}

	ent.do("choose the bank",
		chromedp.WaitVisible(chromedp.CSS("#consent-form")),
		void(chromedp.Evaluate[any](`(() => { const s = document.querySelector("#bank_id");
			s.value = Array.from(s.options).find(o => o.text.startsWith("演示银行")).value; })()`)),
		chromedp.Click(chromedp.CSS(`#consent-form input[value="finance"]`)),
		chromedp.Click(chromedp.CSS(`#consent-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#confirm")))
	text := eval[string](ent, "consent text", `document.querySelector(".consent-text").textContent`)
	if !strings.Contains(text, "演示银行郑州分行") || !strings.Contains(text, "财务摘要") || !strings.Contains(text, "撤回") {
		ent.fail("consent text", fmt.Errorf("text %q lacks the bank, the scope or the revocation", text))
	}
	ent.screenshot("consent-text.png", true)
	ent.do("agree", chromedp.Click(chromedp.CSS("#confirm-consent")), chromedp.WaitVisible(chromedp.CSS("#consents .revoke")))
	if got := listed("after the new consent"); !got[own] {
		bank.fail("after the new consent", fmt.Errorf("the bank does not list %s again", own))
	}
	bank.do("referrals", chromedp.Navigate(bank.url("/bank/referrals")), chromedp.WaitVisible(chromedp.CSS("#referrals")))
	bank.screenshot("bank-referrals.png", true)

	city := newRun(t, e)
	city.login("city")
	city.do("finance", chromedp.Navigate(city.url("/finance")), chromedp.WaitVisible(chromedp.CSS("#by-bank")))
	if n := eval[int](city, "banks", `document.querySelectorAll("#by-bank tbody tr").length`); n < 2 {
		city.fail("banks", fmt.Errorf("%d banks in the totals, want the demo's lending at two or more", n))
	}
	city.screenshot("finance.png", true)
}
