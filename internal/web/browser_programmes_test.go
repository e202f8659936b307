package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserProgrammes: the enterprise files a land need on the park's
// page and sees its 亩均效益 class; the city sees every applicant ranked
// and grants a place; a district official searches the policy library and
// opens a document with the rule clauses citing it; a visitor reads the
// published cases.
func TestBrowserProgrammes(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("enterprise")
	r.do("the parks", chromedp.Navigate(r.url("/parks")), chromedp.WaitVisible(chromedp.CSS("#parks")))
	park := eval[string](r, "park link", `document.querySelector("#parks tbody a").getAttribute("href")`)
	r.do("apply for land",
		chromedp.Navigate(r.url(park)), chromedp.WaitVisible(chromedp.CSS("#apply-form")),
		chromedp.SendKeys(chromedp.CSS("#a-need"), "20"), chromedp.SendKeys(chromedp.CSS("#a-used"), "12"),
		chromedp.SendKeys(chromedp.CSS("#a-rev"), "7200"), chromedp.SendKeys(chromedp.CSS("#a-tax"), "300"),
		chromedp.SendKeys(chromedp.CSS("#a-rd"), "360"), chromedp.SendKeys(chromedp.CSS("#a-emp"), "80"),
		chromedp.Click(chromedp.CSS("#apply-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#applicants tbody tr[data-class]")),
	)
	// 25 万元/亩 tax (33.33), 600 revenue (30), 5 % R&D (20), 90 万元/人 (9):
	// 92.33 points, class A.
	if got := eval[string](r, "own class", `document.querySelector("#applicants tbody tr[data-class]").dataset.class`); got != "A" {
		r.fail("own class", fmt.Errorf("class %q, want A", got))
	}
	if row := eval[string](r, "own row", `document.querySelector("#applicants tbody tr").textContent`); !strings.Contains(row, "92.33") {
		r.fail("own row", fmt.Errorf("row %q lacks the score 92.33", row))
	}

	c := newRun(t, e)
	c.login("city")
	c.do("the ranking", chromedp.Navigate(c.url(park)), chromedp.WaitVisible(chromedp.CSS("#applicants")))
	n := eval[int](c, "applicants", `document.querySelectorAll("#applicants tbody tr[data-class]").length`)
	within := eval[int](c, "within", `document.querySelectorAll("#applicants tbody tr.table-success").length`)
	if n < 10 || within == 0 || within > 8 {
		c.fail("ranking", fmt.Errorf("%d applicants, %d within the places; want ≥ 10 and 1–8", n, within))
	}
	c.screenshot("park-ranking.png", true)
	c.do("grant the first place",
		chromedp.Click(chromedp.CSS(`#applicants tbody tr:first-child button.btn-outline-success`)),
		chromedp.WaitVisible(chromedp.CSS("#applicants")))
	if got := eval[string](c, "granted", `document.querySelector("#applicants tbody tr:first-child").textContent`); !strings.Contains(got, "已入园") {
		c.fail("granted", fmt.Errorf("first row %q is not 已入园", got))
	}

	d := newRun(t, e)
	d.login("district")
	d.do("search the library",
		chromedp.Navigate(d.url("/policies?q=%E6%A2%AF%E5%BA%A6%E5%9F%B9%E8%82%B2%E7%AE%A1%E7%90%86")),
		chromedp.WaitVisible(chromedp.CSS("#policies")))
	titles := eval[string](d, "results", `document.querySelector("#policies tbody").textContent`)
	if !strings.Contains(titles, "优质中小企业梯度培育管理暂行办法") || strings.Contains(titles, "专精特新贷") {
		d.fail("results", fmt.Errorf("results %q", titles))
	}
	doc := eval[string](d, "document link", `Array.from(document.querySelectorAll("#policies a")).find(a => a.textContent === "优质中小企业梯度培育管理暂行办法").getAttribute("href")`)
	d.do("open the 2022 办法", chromedp.Navigate(d.url(doc)), chromedp.WaitVisible(chromedp.CSS("#clauses")))
	if k := eval[int](d, "clauses", `document.querySelectorAll("#clauses tbody tr").length`); k < 20 {
		d.fail("clauses", fmt.Errorf("%d citing clauses, want the rule sets' conditions and items", k))
	}
	d.screenshot("policy-document.png", true)

	v := newRun(t, e)
	v.do("the public cases", chromedp.Navigate(v.url("/showcase")), chromedp.WaitVisible(chromedp.CSS("article.case")))
	if k := eval[int](v, "cases", `document.querySelectorAll("article.case").length`); k != 3 {
		v.fail("cases", fmt.Errorf("%d published cases, want the demo's 3", k))
	}
}
