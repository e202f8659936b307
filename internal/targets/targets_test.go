package targets_test

import (
	"io/fs"
	"reflect"
	"testing"
	"time"

	"zjtx/internal/targets"
	"zjtx/rules"
)

func TestDoubling(t *testing.T) {
	for _, c := range []struct{ prev, want int }{{0, 0}, {1, 2}, {20, 26}, {300, 378}, {500, 630}, {4, 6}} {
		if got := targets.Doubling(c.prev); got != c.want {
			t.Errorf("Doubling(%d) = %d, want %d", c.prev, got, c.want)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		name    string
		total   int
		weights map[string]int
		want    map[string]int
	}{
		{"Proportional", 10, map[string]int{"a": 1, "b": 1, "c": 3}, map[string]int{"a": 2, "b": 2, "c": 6}},
		{"LargestRemainderAddsUp", 20, map[string]int{"a": 1, "b": 1, "c": 1}, map[string]int{"a": 7, "b": 7, "c": 6}},
		{"NoWeightEqualShares", 5, map[string]int{"a": 0, "b": 0}, map[string]int{"a": 3, "b": 2}},
		{"ZeroTotal", 0, map[string]int{"a": 4}, map[string]int{"a": 0}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := targets.Split(c.total, c.weights); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestCandidateStatus(t *testing.T) {
	for _, c := range []struct {
		name string
		c    targets.Candidate
		want string
	}{
		{"PassBeatsPlan", targets.Candidate{Outcome: "pass", InPlan: true, NearMiss: true}, targets.StatusPass},
		{"MissingIsReview", targets.Candidate{Outcome: "missing"}, targets.StatusReview},
		{"PlanBeatsNearMiss", targets.Candidate{Outcome: "fail", InPlan: true, NearMiss: true}, targets.StatusInPlan},
		{"NearMiss", targets.Candidate{Outcome: "fail", NearMiss: true}, targets.StatusNearMiss},
		{"Listed", targets.Candidate{}, targets.StatusListed},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.c.Status(); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func book(t *testing.T) *targets.Book {
	t.Helper()
	sub, err := fs.Sub(rules.TargetsFS, "targets")
	if err != nil {
		t.Fatal(err)
	}
	b, err := targets.Load(sub)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadShippedParams(t *testing.T) {
	b := book(t)
	p := b.For(2025)
	if p.Year != 2025 {
		t.Fatalf("For(2025).Year = %d", p.Year)
	}
	if got := b.For(2026).Year; got != 2025 {
		t.Errorf("2026 without a file takes the latest earlier one: got %d", got)
	}
	if got := p.Forecast.Percent("little_giant", targets.StatusPass); got != 30 {
		t.Errorf("little_giant pass = %d, want the by_tier override 30", got)
	}
	if got := p.Forecast.Percent("srdi", targets.StatusPass); got != 45 {
		t.Errorf("srdi pass = %d, want 45", got)
	}
}

func TestExpectAndBoard(t *testing.T) {
	f := targets.Forecast{Likelihood: map[string]int{"pass": 50, "review": 20, "in_plan": 10, "near_miss": 10, "listed": 5}}
	cands := []targets.Candidate{
		{Region: "A", Tier: "srdi", Outcome: "pass"},
		{Region: "A", Tier: "srdi", Outcome: "review"},
		{Region: "B", Tier: "srdi", NearMiss: true},
	}
	exp := targets.Expect(f, cands)
	if exp[targets.Key{Region: "A", Tier: "srdi"}] != 70 || exp[targets.Key{Region: "B", Tier: "srdi"}] != 10 {
		t.Fatalf("Expect = %v", exp)
	}
	list := []*targets.Target{{Year: 2025, Tier: "srdi", Region: targets.CityRegion, Target: 10},
		{Year: 2025, Tier: "srdi", Region: "A", Target: 4}, {Year: 2024, Tier: "srdi", Region: "B", Target: 9}}
	done := map[targets.Key]int{{Region: "A", Tier: "srdi"}: 2, {Region: "B", Tier: "srdi"}: 1}
	rows := targets.Board(2025, list, done, exp, []string{"A", "B"})
	var city, b targets.Progress
	for _, p := range rows {
		if p.Tier == "srdi" && p.Region == targets.CityRegion {
			city = p
		}
		if p.Tier == "srdi" && p.Region == "B" {
			b = p
		}
	}
	if city.Target != 10 || city.Done != 3 || city.Forecast() != 3.8 || city.Rate() != 30 {
		t.Errorf("city = %+v forecast %v rate %v", city, city.Forecast(), city.Rate())
	}
	if b.HasTarget || b.Rate() != -1 {
		t.Errorf("B has only a 2024 target: %+v", b)
	}
	if len(rows) != 9 {
		t.Errorf("rows = %d, want 3 tiers × (city + 2 districts)", len(rows))
	}
}

func TestRank(t *testing.T) {
	p := func(region, tier string, target, done int) targets.Progress {
		return targets.Progress{Region: region, Tier: tier, Target: target, HasTarget: target >= 0, Done: done}
	}
	rows := []targets.Progress{
		p(targets.CityRegion, "srdi", 100, 50),
		p("A", "srdi", 3, 2), p("B", "srdi", 6, 4), p("C", "srdi", 10, 9), p("D", "srdi", -1, 5), p("E", "srdi", 4, 1),
		p("A", "innovative", 10, 10),
	}
	for _, c := range []struct {
		name   string
		tier   string
		order  []string
		places []int
	}{
		// B ties A exactly (4/6 = 2/3) and ranks first on more recognitions;
		// D has no target and comes last although it has five.
		{"SRDI", "srdi", []string{"C", "B", "A", "E", "D"}, []int{1, 2, 2, 4, 5}},
		// A: 12 of 13 over both tiers beats C's 9 of 10.
		{"AllTiers", "", []string{"A", "C", "B", "E", "D"}, []int{1, 2, 3, 4, 5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := targets.Rank(rows, c.tier)
			var order []string
			var places []int
			for _, r := range got {
				order = append(order, r.Region)
				places = append(places, r.Place)
			}
			if !reflect.DeepEqual(order, c.order) || !reflect.DeepEqual(places, c.places) {
				t.Errorf("got %v %v, want %v %v", order, places, c.order, c.places)
			}
		})
	}
}

func TestAllocate(t *testing.T) {
	q := targets.QuotaRule{Tier: "srdi", BasisTier: "innovative", BasePlaces: 5, BasePercent: 100,
		Bands: []targets.Band{{MinPercent: 120, Extra: 8, Label: "超额"}, {MinPercent: 100, Extra: 5, Label: "完成"}, {MinPercent: 80, Extra: 2, Label: "八成"}}}
	p := func(region, tier string, target, done int) targets.Progress {
		return targets.Progress{Region: region, Tier: tier, Target: target, HasTarget: target >= 0, Done: done}
	}
	rows := []targets.Progress{
		p(targets.CityRegion, "innovative", 500, 400),
		p("A", "srdi", 20, 0), p("A", "innovative", 50, 60), // exactly 120 %
		p("B", "srdi", 15, 0), p("B", "innovative", 40, 39), // 97.5 %: 80 band
		p("C", "srdi", 7, 0), p("C", "innovative", 30, 23), // 76.7 %: none
		p("D", "srdi", -1, 0), p("D", "innovative", -1, 8), // no targets: base places only
	}
	got, total := targets.Allocate(q, rows)
	want := []struct {
		region              string
		base, extra, places int
	}{{"A", 25, 8, 33}, {"B", 20, 2, 22}, {"C", 12, 0, 12}, {"D", 5, 0, 5}}
	if len(got) != len(want) {
		t.Fatalf("got %d allocations, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Region != w.region || g.Base != w.base || g.Extra != w.extra || g.Places != w.places {
			t.Errorf("%d: got %+v, want %+v", i, g, w)
		}
	}
	if total != 72 {
		t.Errorf("total = %d, want 72", total)
	}
}

func TestBacktest(t *testing.T) {
	f := targets.Forecast{Likelihood: map[string]int{"pass": 50, "review": 20, "in_plan": 10, "near_miss": 10, "listed": 0}}
	cands := []targets.Candidate{
		{Tier: "srdi", Outcome: "pass", Recognized: true},
		{Tier: "srdi", Outcome: "pass", Recognized: true},
		{Tier: "srdi", Outcome: "pass"},
		{Tier: "srdi", Outcome: "pass"},
		{Tier: "srdi", NearMiss: true},
		{Tier: "innovative", Outcome: "review", Recognized: true},
	}
	cal := targets.Backtest(f, cands)
	if cal.Total.Candidates != 6 || cal.Total.Actual != 3 || cal.Total.Expected != 230 {
		t.Fatalf("total = %+v", cal.Total)
	}
	// 2.3 expected against 3 came: 23.3 % under.
	if e := cal.Total.ErrorPercent(); e < 23.33 || e > 23.34 {
		t.Errorf("error = %v %%", e)
	}
	if len(cal.Rows) != 3 || cal.Rows[0].Tier != "innovative" || cal.Rows[1].Status != "pass" || cal.Rows[1].ObservedPercent() != 50 {
		t.Errorf("rows = %+v", cal.Rows)
	}
}

func TestTargetProblems(t *testing.T) {
	bad := targets.Target{Year: 1999, Tier: "x", Target: -1}
	var paths []string
	for _, p := range bad.Problems() {
		paths = append(paths, p.Path)
	}
	if want := []string{"year", "tier", "region", "target"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("got %v, want %v", paths, want)
	}
	good := targets.Target{Year: 2025, Tier: "srdi", Region: targets.CityRegion, Target: 300}
	if ps := good.Problems(); len(ps) != 0 {
		t.Errorf("good target: %v", ps)
	}
	_ = rules.TargetsFS
}

func TestYearLeftAndProrate(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, c := range []struct {
		name  string
		year  int
		today string
		want  targets.Share
	}{
		{"FutureYearWhole", 2027, "2026-12-04", targets.Share{Left: 365, Of: 365}},
		{"FirstDay", 2026, "2026-01-01", targets.Share{Left: 365, Of: 365}},
		{"LastDayCounts", 2026, "2026-12-31", targets.Share{Left: 1, Of: 365}},
		{"LeapYear", 2028, "2028-12-31", targets.Share{Left: 1, Of: 366}},
		{"PastYearNone", 2025, "2026-12-04", targets.Share{Left: 0, Of: 365}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := targets.YearLeft(c.year, day(c.today)); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	k := targets.Key{Region: "A", Tier: "srdi"}
	if got := targets.Prorate(map[targets.Key]int{k: 730}, targets.Share{Left: 73, Of: 365})[k]; got != 146 {
		t.Errorf("Prorate = %d, want 146 (a fifth of the year left)", got)
	}
	if got := targets.Prorate(map[targets.Key]int{k: 730}, targets.Share{Of: 365})[k]; got != 0 {
		t.Errorf("Prorate of a closed year = %d, want 0", got)
	}
}
