package jobs_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"syscall"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/batch"
	"zjtx/internal/criteria"
	"zjtx/internal/demo"
	"zjtx/internal/discovery"
	"zjtx/internal/jobs"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
	"zjtx/internal/xlsx"
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
//
// The collector runs as zjtx serve sets it (server.TuneGC: a target of
// 400 % and a soft limit of 900 MiB), where the analyses run in
// production, unless GOGC or GOMEMLIMIT is set.
func measure(b *testing.B, body func()) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(900 << 20))
	}
	runtime.GC()
	stop, peak := sampleMemory()
	cpu0, _ := usage()
	for b.Loop() {
		body()
	}
	cpu1, rss := usage()
	stop()
	b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(rss)/(1<<20), "MB-peak-RSS")
	b.ReportMetric(float64(*peak)/(1<<20), "MB-peak-mem")
}

// sampleMemory samples, every 20 ms until stop, the memory the Go runtime
// holds from the system and has not returned (what the body's work makes
// resident, unlike the process's peak RSS, which counts the benchmark's
// setup too), and keeps the largest.
func sampleMemory() (stop func(), peak *uint64) {
	peak = new(uint64)
	done := make(chan struct{})
	finished := make(chan struct{})
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64()-s[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }, peak
}

// populationCSV writes n demo enterprises (valid USCCs) as a population
// CSV in the template's columns, three data years each.
func populationCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("统一社会信用代码,企业名称,所属区县（市）,国民经济行业分类代码,独立法人资格,成立日期,从事特定细分市场起始日," +
		"年度,营业收入（万元）,主营业务收入（万元）,研发费用（万元）,资产总额（万元）,负债总额（万元）,净利润（万元）,从业人员（人）,研发人员（人）\n")
	dec := func(d *profile.Dec) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	num := func(v *int64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatInt(*v, 10)
	}
	for _, rec := range demo.Records(n, 99, 2025) {
		p := rec.Profile
		for k, y := range []int{2023, 2024, 2025} {
			yr := p.Years[y]
			if k == 0 {
				fmt.Fprintf(&b, "%s,%s,%s,%s,是,%s,%s,", p.USCC, p.Name, p.Region, p.Industry, p.Established, p.NicheSince)
			} else {
				fmt.Fprintf(&b, "%s,,,,,,,", p.USCC)
			}
			fmt.Fprintf(&b, "%d,%s,%s,%s,%s,%s,%s,%s,%s\n", y, dec(yr.Revenue), dec(yr.MainRevenue), dec(yr.RDExpense),
				dec(yr.TotalAssets), dec(yr.TotalLiabilities), dec(yr.NetProfit), num(yr.Employees), num(yr.RDStaff))
		}
	}
	return b.Bytes()
}

// BenchmarkImport100k imports a population of 100,000 enterprises (300,000
// CSV lines in the template's columns) as the import job does: every cell
// read and every profile checked, the clean rows encoded and stored in
// blocks with their identity rows, then every tier evaluated for all, near
// misses given their gap plans, and the results stored.
func BenchmarkImport100k(b *testing.B) {
	ctx := auth.WithCaller(context.Background(), auth.System)
	st, _, eng := storedPopulation(b, 0)
	data := populationCSV(100_000)
	regions, err := st.ListRegions(ctx)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	measure(b, func() {
		res, err := xlsx.ImportCSV(bytes.NewReader(data), regions)
		if err != nil || len(res.Records) != 100_000 {
			b.Fatalf("%v; %d records, errors %v", err, len(res.Records), res.Errors[:min(3, len(res.Errors))])
		}
		ps := make([]*profile.Profile, len(res.Records))
		for i, r := range res.Records {
			ps[i] = r.Profile
		}
		res = nil
		pop := &sqlstore.Population{Name: "import", Source: "csv"}
		if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.CreatePopulation(ctx, pop, nil) }); err != nil {
			b.Fatal(err)
		}
		if err := jobs.SavePopulation(ctx, st, pop.ID, 2, ps); err != nil {
			b.Fatal(err)
		}
		ps = nil
		discover(b, ctx, st, eng, pop.ID)
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
