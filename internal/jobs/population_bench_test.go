package jobs_test

import (
	"context"
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/batch"
	"zjtx/internal/criteria"
	"zjtx/internal/discovery"
	"zjtx/internal/jobs"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
	"zjtx/rules"
)

var benchAsOf = profile.MustDate("2026-09-01")

// storedPopulation opens a fresh SQLite store holding a synthetic
// population of n rows (made in chunks, so the profiles of a million do not
// all sit in memory at once).
func storedPopulation(tb testing.TB, n int) (*sqlstore.Store, int64, *criteria.Engine) {
	tb.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	st, err := sqlstore.Open(ctx, testdb.Fresh(tb, sqlstore.SQLite))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	id := newPopulation(tb, st, ctx, n)
	return st, id, eng
}

func newPopulation(tb testing.TB, st *sqlstore.Store, ctx context.Context, n int) int64 {
	tb.Helper()
	pop := &sqlstore.Population{Name: fmt.Sprintf("合成企业总体 %d", n), Source: "synthetic"}
	if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.CreatePopulation(ctx, pop, nil) }); err != nil {
		tb.Fatal(err)
	}
	const chunk = 100_000
	for lo := 0; lo < n; lo += chunk {
		ps := batch.Synthetic(min(chunk, n-lo), uint64(lo+1), 2025)
		if err := jobs.SavePopulation(ctx, st, pop.ID, int64(lo+1), ps); err != nil {
			tb.Fatal(err)
		}
	}
	if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error {
		return tx.FinishPopulation(ctx, pop.ID, sqlstore.PopulationOutcome{State: sqlstore.PopulationReady, Rows: int64(n), Errors: "[]"})
	}); err != nil {
		tb.Fatal(err)
	}
	return pop.ID
}

// usage is the process's CPU time (user and system) and peak resident set.
func usage() (cpu float64, maxRSS int64) {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds(), ru.Maxrss * 1024
}

// measure runs the benchmark's loop body and reports, beside the wall
// time, the CPU time it took per iteration (the machine is shared: CPU
// seconds over the cores say what an idle machine would take) and the
// process's peak resident set, setup included.
func measure(b *testing.B, body func()) {
	cpu0, _ := usage()
	for b.Loop() {
		body()
	}
	cpu1, rss := usage()
	b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(rss)/(1<<20), "MB-peak-RSS")
}

// BenchmarkImport100k stores and evaluates a population of 100,000 rows:
// the profiles encoded and stored in blocks with their identity rows, then
// every tier evaluated for all, near misses given their gap plans, and the
// results stored (what the import job and the discovery job do; the parsing
// of an upload is BenchmarkParseCSV's).
func BenchmarkImport100k(b *testing.B) {
	ctx := auth.WithCaller(context.Background(), auth.System)
	st, _, eng := storedPopulation(b, 0)
	measure(b, func() {
		id := newPopulation(b, st, ctx, 100_000)
		discover(b, ctx, st, eng, id)
	})
}

func discover(b *testing.B, ctx context.Context, st *sqlstore.Store, eng *criteria.Engine, id int64) int {
	blocks, n, err := discovery.Discover(ctx, eng, benchAsOf, runtime.GOMAXPROCS(0), st.EachPopulationBlock(ctx, id))
	if err != nil {
		b.Fatal(err)
	}
	rb := make([]sqlstore.ResultBlock, len(blocks))
	for i, x := range blocks {
		rb[i] = sqlstore.ResultBlock{Region: x.Region, Data: x.Data}
	}
	if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.SaveDiscovery(ctx, id, benchAsOf.String(), rb) }); err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkDiscover1M re-evaluates 1,000,000 stored profiles on SQLite:
// read the blocks, decode, evaluate every tier, seek the gap plans of the
// near misses, store the results, then rank one tier's near misses.
func BenchmarkDiscover1M(b *testing.B) {
	ctx := auth.WithCaller(context.Background(), auth.System)
	st, id, eng := storedPopulation(b, 1_000_000)
	measure(b, func() {
		if n := discover(b, ctx, st, eng, id); n != 1_000_000 {
			b.Fatalf("%d rows", n)
		}
		var cs []discovery.Candidate
		f := discovery.Filter{Tier: profile.TierSRDI, Outcome: "near"}
		for e, err := range st.EachDiscoveryBlock(ctx, id) {
			if err != nil {
				b.Fatal(err)
			}
			rs, err := discovery.DecodeResults(e.Data)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range rs {
				if o := r.Tiers[2]; f.Match(o) {
					cs = append(cs, discovery.Candidate{Row: r.Row, TierOutcome: o})
				}
			}
		}
		discovery.Rank(cs)
		b.ReportMetric(float64(len(cs)), "srdi-near-misses")
	})
}

// BenchmarkImpact1M runs the impact analysis srdi@2022 → srdi@2026 over
// 1,000,000 stored profiles and stores its counts and movers.
func BenchmarkImpact1M(b *testing.B) {
	ctx := auth.WithCaller(context.Background(), auth.System)
	st, id, eng := storedPopulation(b, 1_000_000)
	measure(b, func() {
		im, err := discovery.NewImpact(eng, "srdi@2022", "srdi@2026", benchAsOf)
		if err != nil {
			b.Fatal(err)
		}
		out, err := discovery.RunImpact(ctx, im, runtime.GOMAXPROCS(0), st.EachPopulationBlock(ctx, id))
		if err != nil {
			b.Fatal(err)
		}
		run := &sqlstore.ImpactRun{PopulationID: id, Tier: "srdi", From: "srdi@2022", To: "srdi@2026", AsOf: benchAsOf.String()}
		if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error {
			if err := tx.CreateImpactRun(ctx, run); err != nil {
				return err
			}
			return tx.FinishImpactRun(ctx, run.ID, jobs.ImpactResult(im, out))
		}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out.Movers)), "movers")
	})
}
