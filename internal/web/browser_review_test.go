package web_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserReview: the city opens the 回头看 roll-up (the city's row and
// every district, the city's the districts' sum), follows a count to its
// list, which holds as many enterprises, opens a district's page with a
// list per check, and reads the quota allocation on the targets page. A
// district official sees its own district only, and another district's
// page is not found.
func TestBrowserReview(t *testing.T) {
	requireBrowser(t)
	e := newEnv(t)
	r := newRun(t, e)
	r.login("city")
	r.do("review", chromedp.Navigate(r.url("/review")), chromedp.WaitVisible(chromedp.CSS("#review-board")))
	regions := eval[[]string](r, "rows", `Array.from(document.querySelectorAll("#review-board tbody tr")).map(tr => tr.dataset.region)`)
	if len(regions) != 17 || regions[0] != "4101" {
		r.fail("roll-up", fmt.Errorf("rows %v, want the city's (4101) and 16 districts", regions))
	}
	sums := eval[[]bool](r, "city = sum", `(() => {
		const rows = Array.from(document.querySelectorAll("#review-board tbody tr")).map(tr =>
			Array.from(tr.querySelectorAll("td")).map(td => Number(td.textContent.trim())));
		return rows[0].map((n, i) => n === rows.slice(1).reduce((s, row) => s + row[i], 0));
	})()`)
	for i, ok := range sums {
		if !ok {
			r.fail("roll-up", fmt.Errorf("column %d: the city's count is not the districts' sum", i))
		}
	}
	r.screenshot("review.png", true)

	// The first count that links: its list holds as many enterprises.
	link := eval[[]string](r, "a count", `(() => { const a = document.querySelector('#review-board tr:not([data-region="4101"]) td a');
		return a ? [a.getAttribute("href"), a.textContent.trim()] : []; })()`)
	if len(link) != 2 {
		r.fail("roll-up", fmt.Errorf("no district count links to its list"))
	}
	r.do("list", chromedp.Navigate(r.url(link[0])), chromedp.WaitVisible(chromedp.CSS("#review-list")))
	if n := eval[int](r, "list rows", `document.querySelectorAll("#review-list tbody tr").length`); strconv.Itoa(n) != link[1] {
		r.fail("list", fmt.Errorf("%s lists %d enterprises, the roll-up says %s", link[0], n, link[1]))
	}

	r.do("district page", chromedp.Navigate(r.url("/review/410105")), chromedp.WaitVisible(chromedp.CSS("#check-unassigned")))
	if n := eval[int](r, "sections", `document.querySelectorAll("section[id^=check-]").length`); n != 7 {
		r.fail("district page", fmt.Errorf("%d check sections, want 7", n))
	}

	r.do("quota", chromedp.Navigate(r.url("/targets?year=2026")), chromedp.WaitVisible(chromedp.CSS("#quota")))
	if n := eval[int](r, "quota rows", `document.querySelectorAll("#quota tbody tr[data-region]").length`); n < 16 {
		r.fail("quota", fmt.Errorf("%d districts in the allocation, want every district", n))
	}

	d := newRun(t, e)
	d.login("district")
	d.do("district's review", chromedp.Navigate(d.url("/review")), chromedp.WaitVisible(chromedp.CSS("#review-board")))
	own := eval[[]string](d, "rows", `Array.from(document.querySelectorAll("#review-board tbody tr")).map(tr => tr.dataset.region)`)
	if strings.Join(own, ",") != "410105" {
		d.fail("district rows", fmt.Errorf("rows %v, want 金水区's only", own))
	}
	d.do("another district", chromedp.Navigate(d.url("/review/410102")), chromedp.WaitVisible(chromedp.CSS(".error-page")))
	if status := eval[string](d, "status", `document.querySelector(".error-page .display-5").textContent.trim()`); status != "404" {
		d.fail("another district", fmt.Errorf("中原区's review for 金水区's official: %s, want 404", status))
	}
}
