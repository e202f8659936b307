package review_test

import (
	"context"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/profile"
	"zjtx/internal/review"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
	"zjtx/rules"
)

// BenchmarkReview3000 times the 回头看 on the 3,000-enterprise demo
// (SQLite): the city's roll-up of every district, and one district's page.
// Each is every check: the five SQL counts, the calendar over the
// recognitions and the radar over every titled enterprise; CitySQLChecks
// is the SQL counts alone.
//
//	go test ./internal/review -run '^$' -bench Review3000 -benchtime 10x
func BenchmarkReview3000(b *testing.B) {
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, testdb.Demo(b, 3000, now))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return now }
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		b.Fatal(err)
	}
	today := profile.Date{Y: 2026, M: 9, D: 1}
	city := auth.WithCaller(ctx, auth.System)
	for _, bc := range []struct{ name, region string }{{"City", ""}, {"District", "410105"}} {
		b.Run(bc.name, func(b *testing.B) {
			var found int
			for b.Loop() {
				rv, err := review.Load(city, s, eng, bc.region, today)
				if err != nil {
					b.Fatal(err)
				}
				found = len(rv.Found)
			}
			b.ReportMetric(float64(found), "findings")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/review")
		})
	}
	// The share of the SQL checks alone; the rest is the radar's
	// evaluations and the calendar.
	b.Run("CitySQLChecks", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ReviewFindings(city, ""); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/review")
	})
}
