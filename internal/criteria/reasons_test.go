package criteria_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// TestSummarizeStoredResult: a result stored as JSON before reports carried
// their reasons is worded exactly as the live report was.
func TestSummarizeStoredResult(t *testing.T) {
	eng := mustEngine(t)
	for _, ex := range []string{"E2-innovative-category-min", "E3-innovative-direct-equity", "E7-srdi-2026-fail",
		"E8-little-giant-2026-boundary", "E10-tech-sme-60"} {
		p := loadProfile(t, "examples/"+ex+".json")
		rep, err := eng.Evaluate(p, criteria.Options{AsOf: profile.MustDate("2026-09-01"), Gaps: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, live := range rep.Tiers {
			b, err := json.Marshal(live)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			delete(m, "summary")
			delete(m, "reasons")
			delete(m, "route_text")
			old, _ := json.Marshal(m)
			var stored criteria.TierReport
			if err := json.Unmarshal(old, &stored); err != nil {
				t.Fatalf("%s %s: %v", ex, live.Tier, err)
			}
			criteria.Summarize(&stored)
			if stored.Summary != live.Summary || stored.RouteText != live.RouteText || !slices.Equal(stored.Reasons, live.Reasons) {
				t.Errorf("%s %s: stored %q / %q, live %q / %q", ex, live.Tier, stored.Summary, stored.RouteText, live.Summary, live.RouteText)
			}
			if live.Status == criteria.Fail && live.Route == "direct" && !strings.HasSuffix(live.RouteText, "基本条件未满足") {
				t.Errorf("%s %s: a failed tier reads as met by its 直通条件: %q", ex, live.Tier, live.RouteText)
			}
			if live.Status == criteria.Fail && (strings.Contains(live.RouteText, "评分达标") || strings.Contains(live.RouteText, "全部条件满足")) {
				t.Errorf("%s %s: a failed tier's route reads %q", ex, live.Tier, live.RouteText)
			}
			if !strings.HasPrefix(live.Summary, criteria.OutcomeZH(live.Status)+"：") {
				t.Errorf("%s %s: summary %q does not lead with the outcome", ex, live.Tier, live.Summary)
			}
		}
	}
}

// TestGapMoneyToTheCent: a gap plan names money as forms take it, to 0.01
// 万元, rounded so that it still meets the threshold: 3% of 2,000.01 万元 is
// 60.0003, and the plan says 60.01.
func TestGapMoneyToTheCent(t *testing.T) {
	eng := mustEngine(t)
	p := loadProfile(t, "examples/E2-innovative-category-min.json")
	if err := p.SetPath("years.2025.revenue", "2000.01"); err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Evaluate(p, criteria.Options{AsOf: profile.MustDate("2026-09-01"), Gaps: true, Tiers: []string{"innovative"}})
	if err != nil {
		t.Fatal(err)
	}
	money := regexp.MustCompile(`([0-9][0-9,]*(?:\.[0-9]+)?) 万元`)
	var texts []string
	for _, g := range rep.Tiers[0].Gaps {
		for _, ch := range g.Changes {
			texts = append(texts, ch.Text)
		}
	}
	if !slices.Contains(texts, "2025 年研发费用增至 60.01 万元") {
		t.Errorf("no plan raising R&D to 60.01 万元: %q", texts)
	}
	for _, s := range texts {
		for _, m := range money.FindAllStringSubmatch(s, -1) {
			if _, frac, _ := strings.Cut(m[1], "."); len(frac) != 2 {
				t.Errorf("%q: money not to two decimals of 万元", s)
			}
		}
	}
}

// TestRouteTextOfAFailedDirectRoute: a tier whose 直通条件 is met but a
// condition every route needs is not (科技型: the R&D institution is there,
// the size is not) names the route it tried without reading as met.
func TestRouteTextOfAFailedDirectRoute(t *testing.T) {
	for _, tt := range []struct {
		status criteria.Outcome
		want   string
	}{
		{criteria.Fail, "直通条件「拥有经认定的省部级以上研发机构」已满足，基本条件未满足"},
		{criteria.Pass, "直通条件「拥有经认定的省部级以上研发机构」"},
	} {
		tr := &criteria.TierReport{Status: tt.status, Route: "direct", Conditions: []*criteria.CondReport{
			{ID: "K-B1", Kind: "mandatory", Label: "年销售收入不超过2亿元", Outcome: criteria.Fail},
			{ID: "K-D1", Kind: "direct", Label: "拥有经认定的省部级以上研发机构", Outcome: criteria.Pass},
		}}
		criteria.Summarize(tr)
		if tr.RouteText != tt.want {
			t.Errorf("%s: route %q, want %q", tt.status, tr.RouteText, tt.want)
		}
	}
}
