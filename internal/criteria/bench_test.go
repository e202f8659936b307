package criteria_test

import (
	"encoding/json"
	"io"
	"slices"
	"testing"
	"time"

	"zjtx/internal/batch"
	"zjtx/internal/criteria"
	"zjtx/internal/profile"
	"zjtx/rules"
)

// benchProfiles are the worked examples plus synthetic enterprises, so a
// benchmark sees passes, failures and near misses of every tier.
func benchProfiles(b *testing.B) []*profile.Profile {
	ps := batch.Synthetic(64, 21, 2025)
	for _, n := range []string{"E1-innovative-60.json", "E2-innovative-category-min.json", "E6-srdi-2026-boundary.json", "E7-srdi-2026-fail.json", "E8-little-giant-2026-boundary.json"} {
		ps = append(ps, loadProfile(b, "examples/"+n))
	}
	return ps
}

// BenchmarkExplainAllTiers: one enterprise, all four tiers, full
// explanation — every condition and item with its outcome, value, band,
// points and points lost, the moves that meet each failed condition and the
// cheapest moves to each item's next band — in reused buffers.
func BenchmarkExplainAllTiers(b *testing.B) {
	eng := mustEngine(b)
	ps := benchProfiles(b)
	var ex criteria.Explanation
	var lat latencies
	i := 0
	for b.Loop() {
		start := time.Now()
		if err := eng.Explain(ps[i%len(ps)], criteria.Options{AsOf: asOf2026}, &ex); err != nil {
			b.Fatal(err)
		}
		lat.add(start)
		i++
	}
	lat.report(b)
}

// BenchmarkReportAllTiers: the same, worded in Chinese as the CLI and the
// API return it (values in their units, needs and next bands as text).
func BenchmarkReportAllTiers(b *testing.B) {
	eng := mustEngine(b)
	ps := benchProfiles(b)
	i := 0
	for b.Loop() {
		if _, err := eng.Evaluate(ps[i%len(ps)], criteria.Options{AsOf: asOf2026}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkGapsAllFailedTiers: explanation plus gap plans for every tier
// not passed, each plan verified by re-evaluation with the real plan.
func BenchmarkGapsAllFailedTiers(b *testing.B) {
	eng := mustEngine(b)
	ps := benchProfiles(b)
	var ex criteria.Explanation
	var lat latencies
	i, plans := 0, 0
	for b.Loop() {
		start := time.Now()
		p := ps[i%len(ps)]
		if err := eng.Explain(p, criteria.Options{AsOf: asOf2026}, &ex); err != nil {
			b.Fatal(err)
		}
		for ti, plan := range ex.Plans {
			r := &ex.Tiers[ti]
			if r.Status == criteria.Fail {
				ex.Ctx.Reset(p, asOf2026, ex.DataYear, false)
				g, _, _ := plan.Gap(&ex.Ctx, r)
				plans += len(g)
			}
		}
		lat.add(start)
		i++
	}
	b.ReportMetric(float64(plans)/float64(i), "plans/op")
	lat.report(b)
}

// latencies collects per-enterprise times, because the targets are medians:
// the mean of a mixed population is pulled up by its hardest cases.
type latencies []time.Duration

func (l *latencies) add(start time.Time) { *l = append(*l, time.Since(start)) }

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	b.ReportMetric(float64(l[len(l)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(l[len(l)*99/100].Nanoseconds())/1e3, "p99-µs")
}

// BenchmarkQuickAllTiers: the batch path for one enterprise, all tiers.
func BenchmarkQuickAllTiers(b *testing.B) {
	eng := mustEngine(b)
	ps := benchProfiles(b)
	var plans []*criteria.Plan
	for _, t := range criteria.Tiers {
		p, err := eng.Select(t, asOf2026, false, "")
		if err != nil {
			b.Fatal(err)
		}
		plans = append(plans, p)
	}
	var c criteria.Ctx
	var r criteria.TierResult
	i := 0
	for b.Loop() {
		p := ps[i%len(ps)]
		for _, plan := range plans {
			c.Reset(p, asOf2026, 2025, false)
			plan.Quick(&c, &r)
		}
		i++
	}
}

// BenchmarkCompile: parse nothing, compile every shipped rule set.
func BenchmarkCompile(b *testing.B) {
	sets, err := criteria.LoadDir(rules.FS)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, rs := range sets {
			if _, err := criteria.Compile(rs); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sets))/1e6, "ms/ruleset")
}

// BenchmarkLoadAndCompile: read the YAML files and compile them all.
func BenchmarkLoadAndCompile(b *testing.B) {
	for b.Loop() {
		if _, err := criteria.LoadEngine(rules.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportJSON: encoding one full report as the contract's JSON.
func BenchmarkReportJSON(b *testing.B) {
	eng := mustEngine(b)
	rep, err := eng.Evaluate(benchProfiles(b)[0], criteria.Options{AsOf: asOf2026, Gaps: true})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := json.NewEncoder(io.Discard).Encode(rep); err != nil {
			b.Fatal(err)
		}
	}
}
