package batch_test

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"zjtx/internal/batch"
	"zjtx/internal/criteria"
	"zjtx/internal/profile"
	"zjtx/rules"
)

var asOf = profile.MustDate("2026-09-01")

func engine(tb testing.TB) *criteria.Engine {
	tb.Helper()
	e, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// TestRunMatchesEvaluate checks the batch answers against the explaining
// evaluator, and that they do not depend on the number of workers.
func TestRunMatchesEvaluate(t *testing.T) {
	eng := engine(t)
	ps := batch.Synthetic(20000, 1, 2025)
	one, err := batch.Run(eng, ps, asOf, 1)
	if err != nil {
		t.Fatal(err)
	}
	two, _ := batch.Run(eng, ps, asOf, 2)
	counts := map[string]int{}
	for i := range ps {
		if one[i] != two[i] {
			t.Fatalf("profile %d: 1 worker %v, 2 workers %v", i, one[i], two[i])
		}
		for ti, tier := range criteria.Tiers {
			counts[tier+"/"+one[i].Status[ti].String()]++
		}
		if i%97 != 0 {
			continue
		}
		rep, err := eng.Evaluate(ps[i], criteria.Options{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		for ti, tr := range rep.Tiers {
			if tr.Status != one[i].Status[ti] {
				t.Fatalf("profile %d tier %s: batch %s, evaluate %s", i, tr.Tier, one[i].Status[ti], tr.Status)
			}
		}
	}
	// The synthetic population must exercise every outcome of the ladder.
	for _, k := range []string{"innovative/pass", "innovative/fail", "srdi/fail", "tech_sme/pass", "little_giant/fail"} {
		if counts[k] == 0 {
			t.Errorf("no %s in the synthetic population: %v", k, counts)
		}
	}
	t.Logf("outcomes over %d profiles: %v", len(ps), counts)
}

// BenchmarkBatch reports enterprise-evaluations (all four tiers) per second
// per core, on one worker.
func BenchmarkBatch(b *testing.B) {
	eng := engine(b)
	ps := batch.Synthetic(100000, 2, 2025)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := batch.Run(eng, ps, asOf, 1); err != nil {
			b.Fatal(err)
		}
		n += len(ps)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/enterprise")
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "enterprises/s/core")
}

// BenchmarkMillion evaluates one million synthetic profiles over every core
// and reports the wall time and the process's peak resident memory.
func BenchmarkMillion(b *testing.B) {
	eng := engine(b)
	ps := batch.Synthetic(1_000_000, 3, 2025)
	runtime.GC()
	b.ResetTimer()
	var worst time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := batch.Run(eng, ps, asOf, 0); err != nil {
			b.Fatal(err)
		}
		worst = max(worst, time.Since(start))
	}
	b.ReportMetric(worst.Seconds(), "s/million")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-MB")
	runtime.KeepAlive(ps)
}

// peakRSS reads the process's peak resident set size (VmHWM) in bytes.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return -1
}
