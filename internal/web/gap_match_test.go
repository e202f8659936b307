package web_test

import (
	"strings"
	"testing"
)

// TestGapReportMatches: the enterprise's own page shows, for the gaps of
// its latest assessment, matched services with their explanations and
// links to the products; the district sees the same for an enterprise of
// its district; an institution and a bank do not see the enterprise at all.
func TestGapReportMatches(t *testing.T) {
	e := newEnv(t)
	page := e.as("enterprise").get(e.expand("/enterprises/{own}"))
	if page.status != 200 {
		t.Fatalf("the enterprise's page: %d", page.status)
	}
	i := strings.Index(page.body, `id="gap-matches"`)
	if i < 0 {
		t.Fatalf("the enterprise's page has no 匹配服务 section: %.500s", page.body)
	}
	section := page.body[i:]
	section = section[:strings.Index(section, "</section>")]
	for _, want := range []string{"匹配服务", "差距项", "匹配说明：", "满足", `href="/products?`, "#product-"} {
		if !strings.Contains(section, want) {
			t.Errorf("the 匹配服务 section lacks %q: %.1500s", want, section)
		}
	}
	if p := e.as("district").get(e.expand("/enterprises/{own}")); p.status != 200 || !strings.Contains(p.body, `id="gap-matches"`) {
		t.Errorf("the district official: %d, section shown %v", p.status, strings.Contains(p.body, `id="gap-matches"`))
	}
	for _, role := range []string{"institution", "bank"} {
		if p := e.as(role).get(e.expand("/enterprises/{own}")); strings.Contains(p.body, `id="gap-matches"`) {
			t.Errorf("%s sees the enterprise's matched services (%d)", role, p.status)
		}
	}
	if p := e.as("enterprise").get(e.expand("/enterprises/{jinshui}")); p.status != 404 {
		t.Errorf("the enterprise reads another enterprise's page: %d", p.status)
	}
}

// TestPlanFormOffersPackageProducts: the district's plan form offers the
// products of the cultivation service packages as task owners; the
// enterprise gets no plan form at all.
func TestPlanFormOffersPackageProducts(t *testing.T) {
	e := newEnv(t)
	p := e.as("district").get(e.expand("/enterprises/{own}"))
	i := strings.Index(p.body, `id="plan-owner"`)
	if i < 0 {
		t.Fatalf("no owner select on the district's plan form: %d", p.status)
	}
	sel := p.body[i:]
	sel = sel[:strings.Index(sel, "</select>")]
	if !strings.Contains(sel, `value="p`) || !strings.Contains(sel, "服务包（") {
		t.Errorf("the owners offer no package product: %.2000s", sel)
	}
	if p := e.as("enterprise").get(e.expand("/enterprises/{own}")); strings.Contains(p.body, `id="plan-owner"`) {
		t.Error("the enterprise is offered the plan form")
	}
}
