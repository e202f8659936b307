package criteria_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"zjtx/internal/batch"
	"zjtx/internal/criteria"
	"zjtx/internal/profile"
	"zjtx/rules"
)

var asOf2026 = profile.MustDate("2026-09-01")

// rank orders outcomes from worst to best for monotonicity checks.
var rank = map[criteria.Outcome]int{criteria.Fail: 0, criteria.Missing: 1, criteria.Review: 2, criteria.Pass: 3}

func evalAll(t *testing.T, eng *criteria.Engine, p *profile.Profile, asOf profile.Date, gaps bool) *criteria.Report {
	t.Helper()
	rep, err := eng.Evaluate(p, criteria.Options{AsOf: asOf, Gaps: gaps})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestRaisingRDNeverLowers: more R&D expense never lowers a score or a status.
func TestRaisingRDNeverLowers(t *testing.T) {
	eng := mustEngine(t)
	for _, asOf := range []profile.Date{profile.MustDate("2025-09-01"), asOf2026} {
		for i, p := range batch.Synthetic(300, 11, asOf.Y-1) {
			before := evalAll(t, eng, p, asOf, false)
			q := p.Clone()
			rd := q.Years[asOf.Y-1].RDExpense
			more := *rd + profile.Dec(rand.New(rand.NewPCG(uint64(i), 1)).Int64N(5_000_000))
			q.Years[asOf.Y-1].RDExpense = &more
			after := evalAll(t, eng, q, asOf, false)
			for k, a := range before.Tiers {
				b := after.Tiers[k]
				if rank[b.Status] < rank[a.Status] {
					t.Errorf("%s profile %d %s: R&D %s → %s lowered the status %s → %s", asOf, i, a.Tier, rd, more, a.Status, b.Status)
				}
				if a.Score != nil && *b.Score < *a.Score {
					t.Errorf("%s profile %d %s: R&D %s → %s lowered the score %d → %d", asOf, i, a.Tier, rd, more, *a.Score, *b.Score)
				}
			}
		}
	}
}

// TestEmptyOverlayChangesNothing: a city overlay with no patches gives the
// national results, and is selected for the city's enterprises.
func TestEmptyOverlayChangesNothing(t *testing.T) {
	sets, err := criteria.LoadDir(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	overlay, err := criteria.ParseRuleSet([]byte("id: srdi@2026-zz\ntier: srdi\nversion: \"2026\"\njurisdiction: \"4101\"\nextends: srdi@2026\n"))
	if err != nil {
		t.Fatal(err)
	}
	var base *criteria.RuleSet
	for _, rs := range sets {
		if rs.ID == "srdi@2026" {
			base = rs
		}
	}
	merged, err := criteria.ApplyOverlay(base, overlay)
	if err != nil {
		t.Fatal(err)
	}
	withOverlay, err := criteria.NewEngine(append(sets, merged))
	if err != nil {
		t.Fatal(err)
	}
	national := mustEngine(t)
	for i, p := range batch.Synthetic(200, 12, 2025) {
		a, b := evalAll(t, national, p, asOf2026, true), evalAll(t, withOverlay, p, asOf2026, true)
		if b.Tiers[2].RuleSet != "srdi@2026-zz" {
			t.Fatalf("the Zhengzhou overlay was not selected for region %s: %s", p.Region, b.Tiers[2].RuleSet)
		}
		b.Tiers[2].RuleSet, b.Tiers[2].RuleSetHash = a.Tiers[2].RuleSet, a.Tiers[2].RuleSetHash
		if ja, jb := mustJSON(t, a), mustJSON(t, b); !bytes.Equal(ja, jb) {
			t.Fatalf("profile %d: the empty overlay changed the result", i)
		}
	}
}

// TestIPOrderDoesNotMatter: shuffling ip[] changes nothing in the report.
func TestIPOrderDoesNotMatter(t *testing.T) {
	eng := mustEngine(t)
	rng := rand.New(rand.NewPCG(5, 5))
	for i, p := range batch.Synthetic(200, 13, 2025) {
		a := mustJSON(t, evalAll(t, eng, p, asOf2026, true))
		q := p.Clone()
		rng.Shuffle(len(q.IP), func(x, y int) { q.IP[x], q.IP[y] = q.IP[y], q.IP[x] })
		if b := mustJSON(t, evalAll(t, eng, q, asOf2026, true)); !bytes.Equal(a, b) {
			t.Fatalf("profile %d: the order of ip[] changed the report", i)
		}
	}
}

// TestGapPlansReachTheTier: every plan returned for a synthetic population,
// applied through its dotted paths, reaches the tier.
func TestGapPlansReachTheTier(t *testing.T) {
	eng := mustEngine(t)
	plans := 0
	for _, asOf := range []profile.Date{profile.MustDate("2025-09-01"), asOf2026} {
		for _, p := range batch.Synthetic(300, 14, asOf.Y-1) {
			rep := evalAll(t, eng, p, asOf, true)
			for _, tr := range rep.Tiers {
				plans += len(tr.Gaps)
				checkGaps(t, eng, p, asOf, false, tr)
			}
		}
	}
	if plans < 100 {
		t.Fatalf("only %d gap plans over 600 profiles: the planner finds too little", plans)
	}
	t.Logf("%d gap plans checked", plans)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzEvaluate: no input makes decoding or evaluation panic.
func FuzzEvaluate(f *testing.F) {
	for _, name := range []string{"E1-innovative-60.json", "E6-srdi-2026-boundary.json", "E9-little-giant-2022-vs-2026.json"} {
		f.Add(readExample(f, name), "2026-09-01", false)
	}
	f.Add([]byte(`{"uscc":"91350100M000100Y43","name":"x","years":{"2025":{"revenue":0}}}`), "2026-04-01", true)
	eng := mustEngine(f)
	f.Fuzz(func(t *testing.T, data []byte, date string, review bool) {
		p, errs := profile.DecodeBytes(data)
		if errs.HasErrors() {
			return
		}
		d, err := profile.ParseDate(date)
		if err != nil || d.Y < 2023 || d.Y > 2030 {
			return
		}
		if _, err := eng.Evaluate(p, criteria.Options{AsOf: d, Review: review, Gaps: true}); err != nil {
			return
		}
	})
}

func readExample(tb testing.TB, name string) []byte {
	tb.Helper()
	p := loadProfile(tb, "examples/"+name)
	b, err := json.Marshal(p)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
