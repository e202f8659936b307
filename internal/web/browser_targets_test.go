package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTargets: the city opens its home, whose dashboard draws a
// chart above each table; opens the targets page with completion, forecast
// and the quota allocation; changes a district's target through the form
// and sees it and the recomputed places. A district official's page shows
// its district and the city only.
func TestBrowserTargets(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("city")
	r.do("home", chromedp.Navigate(r.url("/")), chromedp.WaitVisible(chromedp.CSS("#dash-targets canvas")))
	for _, id := range []string{"dash-funnel", "dash-targets", "dash-trend", "dash-baolian"} {
		js := fmt.Sprintf(`!!document.querySelector("#%s canvas") && document.querySelectorAll("#%s table tbody tr").length > 0`, id, id)
		if !eval[bool](r, id, js) {
			r.fail(id, fmt.Errorf("section %s lacks its chart or its table", id))
		}
	}
	r.do("scroll to the dashboard", chromedp.ScrollIntoView(chromedp.CSS("#dash-funnel")))
	r.elementShot("dashboard-funnel.png", "#dash-funnel", true)
	r.elementShot("dashboard-targets.png", "#dash-targets", true)
	r.do("scroll to 包联", chromedp.ScrollIntoView(chromedp.CSS("#dash-baolian")))
	r.elementShot("dashboard-baolian.png", "#dash-baolian", true)

	r.do("targets page", chromedp.Navigate(r.url("/targets?year=2026")), chromedp.WaitVisible(chromedp.CSS("#quota")))
	city := eval[string](r, "city row", `document.querySelector('#target-board tr[data-region="4101"]').textContent`)
	if !strings.Contains(city, "378") || !strings.Contains(city, "630") {
		r.fail("city row", fmt.Errorf("city row %q lacks the 2026 targets 378 and 630", city))
	}
	places := eval[string](r, "quota total", `document.querySelector("#quota-total").textContent`)
	r.screenshot("targets.png", true)

	// 金水区's 创新型 target down to 1: its completion passes 120 % and its
	// places rise to the top band's.
	r.do("edit 金水区's innovative target",
		chromedp.Click(chromedp.CSS(`#target-board tr[data-region="410105"] a[href*="edit=innovative:410105"]`)),
		chromedp.WaitVisible(chromedp.CSS("#target-form")))
	r.do("set it to 1",
		chromedp.SetValue(chromedp.CSS("#t-target"), "1"),
		chromedp.SetValue(chromedp.CSS("#t-basis"), "浏览器测试：调整金水区目标"),
		chromedp.Click(chromedp.CSS(`#target-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#saved")))
	band := eval[string](r, "金水区's band", `document.querySelector('#quota tr[data-region="410105"]').textContent`)
	if !strings.Contains(band, "超额完成") {
		r.fail("quota", fmt.Errorf("金水区's quota row %q lacks the top band after its target fell to 1", band))
	}
	if after := eval[string](r, "quota total", `document.querySelector("#quota-total").textContent`); after == places {
		r.fail("quota", fmt.Errorf("the places in all stayed %s after the change", after))
	}

	d := newRun(t, e)
	d.login("district")
	d.do("district's targets", chromedp.Navigate(d.url("/targets?year=2026")), chromedp.WaitVisible(chromedp.CSS("#target-board")))
	regions := eval[[]string](d, "rows", `Array.from(document.querySelectorAll("#target-board tbody tr")).map(tr => tr.dataset.region)`)
	if strings.Join(regions, ",") != "4101,410105" {
		d.fail("district rows", fmt.Errorf("rows %v, want the city's and 金水区's", regions))
	}
}
