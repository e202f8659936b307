package criteria_test

import (
	"testing"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// TestSweepRDExpense sweeps E1's R&D expense: the innovative score climbs
// by bands (3.5 % → 5 % at 150 万元) and never falls, and the profile is
// left as it was.
func TestSweepRDExpense(t *testing.T) {
	eng := mustEngine(t)
	p := loadProfile(t, "examples/E1-innovative-60.json")
	before := *p.Years[2025].RDExpense
	from, _ := profile.ParseDec("0")
	to, _ := profile.ParseDec("300")
	pts, err := eng.Sweep(p, criteria.Options{AsOf: asOf2026, Tiers: []string{"innovative"}}, "years.2025.rd_expense", from, to, 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 31 || pts[0].Value != "0" || pts[30].Value != "300" {
		t.Fatalf("points %d from %s to %s", len(pts), pts[0].Value, pts[len(pts)-1].Value)
	}
	want := map[string]int{"0": 45, "100": 60, "150": 65, "300": 65} // 0 %: I-S2 0; 3.33 %: 15; 5 %: 20
	last := -1
	for _, pt := range pts {
		s := *pt.Tiers[0].Score
		if s < last {
			t.Errorf("score fell from %d to %d at %s", last, s, pt.Value)
		}
		last = s
		if w, ok := want[pt.Value]; ok && s != w {
			t.Errorf("at %s: score %d, want %d", pt.Value, s, w)
		}
	}
	if *p.Years[2025].RDExpense != before {
		t.Error("the sweep changed the profile")
	}
	for _, bad := range []string{"name", "years.2025.nothing", "flags.abnormal_list"} {
		if _, err := eng.Sweep(p, criteria.Options{AsOf: asOf2026}, bad, from, to, 10); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	if _, err := eng.Sweep(p, criteria.Options{AsOf: asOf2026}, "years.2025.rd_expense", from, to, criteria.MaxSweepSteps+1); err == nil {
		t.Error("no error for too many steps")
	}
}

// BenchmarkSweep: a 100-point sweep of one input over all tiers.
func BenchmarkSweep(b *testing.B) {
	eng := mustEngine(b)
	p := loadProfile(b, "examples/E1-innovative-60.json")
	to, _ := profile.ParseDec("300")
	for b.Loop() {
		if _, err := eng.Sweep(p, criteria.Options{AsOf: asOf2026}, "years.2025.rd_expense", 0, to, 100); err != nil {
			b.Fatal(err)
		}
	}
}
