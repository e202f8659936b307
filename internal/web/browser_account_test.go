package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAccounts: the city administrator reaches 账号管理 from the
// navigation, creates a bank account through the form, and issues an API
// token on 账号设置, which shows it once.
func TestBrowserAccounts(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("city")
	r.do("账号管理",
		chromedp.Click(chromedp.CSS(`.site-nav a[href="/users"]`)),
		chromedp.WaitVisible(chromedp.CSS("#users")),
		chromedp.Click(chromedp.CSS("#new-user")),
		chromedp.WaitVisible(chromedp.CSS("#user-form")),
		chromedp.SendKeys(chromedp.CSS("#username"), "bank.sun"),
		chromedp.SendKeys(chromedp.CSS("#name"), "孙经理"),
		chromedp.SetValue(chromedp.CSS("#role"), "bank"),
		chromedp.SendKeys(chromedp.CSS("#organization"), "某银行郑州分行"),
		chromedp.SendKeys(chromedp.CSS("#password"), "Credit-Line-2026"),
		chromedp.SendKeys(chromedp.CSS("#password2"), "Credit-Line-2026"),
		chromedp.Click(chromedp.CSS(`#user-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#done")),
	)
	if got := eval[string](r, "account page", `document.querySelector("main").textContent`); !strings.Contains(got, "某银行郑州分行") || !strings.Contains(got, "金融机构") {
		r.fail("account page", fmt.Errorf("the new account's page lacks its organisation or role: %.300s", got))
	}
	r.screenshot("user_show.png", false)
	r.do("账号设置",
		chromedp.Click(chromedp.CSS(`.user-box a[href="/account"]`)),
		chromedp.WaitVisible(chromedp.CSS("#token-form")),
		chromedp.SendKeys(chromedp.CSS(`#token-form input[name=name]`), "报表同步"),
		chromedp.Click(chromedp.CSS(`#token-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#new-token")),
	)
	if got := eval[string](r, "token", `document.querySelector("#new-token").textContent`); !strings.HasPrefix(got, "zjtx_") {
		r.fail("token", fmt.Errorf("new token %q", got))
	}
	r.screenshot("account.png", false)
}
