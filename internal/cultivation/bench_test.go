package cultivation_test

import (
	"testing"
	"time"

	"zjtx/internal/cultivation"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
)

// BenchmarkRadar scans the demo's 3,000 enterprises (profiles in memory):
// the engine's share of a radar request; reading the profiles is the rest.
func BenchmarkRadar(b *testing.B) {
	e := engine(b)
	recs := demo.Records(demo.Size, demo.Seed, 2025)
	for _, r := range recs {
		if err := r.Prepare(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			b.Fatal(err)
		}
	}
	seq := func(yield func(*enterprise.Record, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		risks, err := cultivation.Radar(e, seq, date("2026-09-01"))
		if err != nil {
			b.Fatal(err)
		}
		n = len(risks)
	}
	b.ReportMetric(float64(n), "risks")
}
