package carrier_test

import (
	"testing"
	"time"

	"zjtx/internal/carrier"
	"zjtx/internal/profile"
)

func dec(s string) profile.Dec {
	d, err := profile.ParseDec(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestEvaluate(t *testing.T) {
	m, err := carrier.LoadMujun(2025)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		app   carrier.Application
		total float64
		class string
		elig  bool
	}{
		// 30 万元/亩 tax, 600 万元/亩 revenue, 5 % R&D, 100 万元/人: every
		// benchmark met exactly, so every indicator earns its weight.
		{"benchmarks", carrier.Application{UsedMu: dec("10"), Tax: dec("300"), Revenue: dec("6000"), RDExpense: dec("300"), Employees: 60}, 100, "A", true},
		// Twice every benchmark: capped at 1.2 × weight.
		{"capped", carrier.Application{UsedMu: dec("10"), Tax: dec("600"), Revenue: dec("12000"), RDExpense: dec("1200"), Employees: 60}, 120, "A", true},
		// Half of every benchmark: 50 points, class C.
		{"half", carrier.Application{UsedMu: dec("20"), Tax: dec("300"), Revenue: dec("6000"), RDExpense: dec("150"), Employees: 120}, 50, "C", true},
		// Tax 12 万元/亩 (16), revenue 300 (15), R&D 2 % (8), 50 万元/人 (5): 44, class D.
		{"class D", carrier.Application{UsedMu: dec("10"), Tax: dec("120"), Revenue: dec("3000"), RDExpense: dec("60"), Employees: 60}, 44, "D", false},
		{"no employees", carrier.Application{UsedMu: dec("10"), Tax: dec("300"), Revenue: dec("6000"), RDExpense: dec("300")}, 90, "A", true},
	} {
		ev := m.Evaluate(&tc.app)
		if ev.Total != tc.total || ev.Class != tc.class || ev.Eligible != tc.elig {
			t.Errorf("%s: total %v class %s eligible %v, want %v %s %v (%+v)", tc.name, ev.Total, ev.Class, ev.Eligible,
				tc.total, tc.class, tc.elig, ev.Scores)
		}
	}
}

func TestRank(t *testing.T) {
	m, err := carrier.LoadMujun(2025)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	app := func(id int64, tax, need string, status string) *carrier.Application {
		return &carrier.Application{ID: id, UsedMu: dec("10"), Tax: dec(tax), Revenue: dec("6000"), RDExpense: dec("300"),
			Employees: 60, NeedMu: dec(need), Status: status, CreatedAt: t0.Add(time.Duration(id) * time.Hour)}
	}
	apps := []*carrier.Application{
		app(1, "150", "20", carrier.AppApplied),  // 20 + 30 + 20 + 10 = 80: B
		app(2, "300", "50", carrier.AppApplied),  // 100: A, but needs 50 亩
		app(3, "300", "20", carrier.AppApplied),  // 100: A, smaller need than 2, so first
		app(4, "0", "5", carrier.AppApplied),     // 60: C
		app(5, "300", "5", carrier.AppWithdrawn), // withdrawn: not ranked
	}
	park := &carrier.Park{Places: 3, LandMu: dec("60")}
	got := m.Rank(park, apps)
	wantOrder := []int64{3, 2, 1, 4}
	wantWithin := []bool{true, false, true, true} // 2 needs 50 when 40 are left: passed over
	if len(got) != len(wantOrder) {
		t.Fatalf("%d ranked, want %d", len(got), len(wantOrder))
	}
	for i, r := range got {
		if r.ID != wantOrder[i] || r.Within != wantWithin[i] || r.Rank != i+1 {
			t.Errorf("rank %d: id %d within %v, want id %d within %v", i+1, r.ID, r.Within, wantOrder[i], wantWithin[i])
		}
	}
}

func TestParseMujunRefusesBadSettings(t *testing.T) {
	for name, body := range map[string]string{
		"unknown indicator": "year: 2030\nindicators: [{id: energy, weight: 1, benchmark: 1, cap: 1}]\nclasses: [{class: A, min: 0}]\n",
		"zero benchmark":    "year: 2030\nindicators: [{id: tax_per_mu, weight: 1, benchmark: 0, cap: 1}]\nclasses: [{class: A, min: 0}]\n",
		"classes unordered": "year: 2030\nindicators: [{id: tax_per_mu, weight: 1, benchmark: 1, cap: 1}]\nclasses: [{class: B, min: 0}, {class: A, min: 80}]\n",
		"no bottom class":   "year: 2030\nindicators: [{id: tax_per_mu, weight: 1, benchmark: 1, cap: 1}]\nclasses: [{class: A, min: 80}]\n",
	} {
		if _, err := carrier.ParseMujun([]byte(body)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	if _, err := carrier.LatestMujun(2027); err != nil {
		t.Errorf("2027 falls back to 2025: %v", err)
	}
}

func TestTierShare(t *testing.T) {
	for _, tc := range []struct {
		s    carrier.TierShare
		want int
	}{
		{carrier.TierShare{Either: 0, Members: 0}, 0},
		{carrier.TierShare{Either: 1, Members: 3}, 333},
		{carrier.TierShare{Either: 2, Members: 3}, 667},
		{carrier.TierShare{Either: 5, Members: 5}, 1000},
	} {
		if got := tc.s.Share(); got != tc.want {
			t.Errorf("Share(%d/%d) = %d, want %d", tc.s.Either, tc.s.Members, got, tc.want)
		}
	}
}
