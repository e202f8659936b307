package demo_test

import (
	"context"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
	"zjtx/internal/targets"
)

// statedError is the forecast error of the shipped table on the demo's
// 2025 recognitions that README.md states ("Targets, forecast and quotas"),
// in percent of the recognitions that came.
const statedError = 39.4

// checkForecast checks the shipped likelihood table against the demo's 2025
// recognitions (the year before the test's clock) and logs the error per
// status and tier. The candidates of 2025 are the enterprises on a tier's
// list and those recognised in 2025, each with its status. The test holds
// the README to its figure: a change of the table, the rules or the demo
// that moves the error by more than 2 points fails until the README says
// the new figure.
func checkForecast(t *testing.T, s *sqlstore.Store) {
	ctx := auth.WithCaller(context.Background(), auth.System)
	cal, err := s.TargetBacktest(ctx, 2025, targets.Default().For(2025).Forecast)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cal.Rows {
		t.Logf("%-12s %-9s candidates %4d  table %3d%%  observed %5.1f%%  expected %7.1f  actual %4d",
			r.Tier, r.Status, r.Candidates, r.Percent, r.ObservedPercent(), float64(r.Expected)/100, r.Actual)
	}
	for _, r := range cal.Tiers {
		t.Logf("%-12s expected %7.1f  actual %4d  error %+.1f (%.1f%%)", r.Tier, float64(r.Expected)/100, r.Actual, r.Error(), r.ErrorPercent())
	}
	tot := cal.Total
	t.Logf("city: %d candidates, expected %.1f, actual %d, error %+.1f (%.1f%%)",
		tot.Candidates, float64(tot.Expected)/100, tot.Actual, tot.Error(), tot.ErrorPercent())
	if tot.Actual == 0 {
		t.Fatal("no 2025 recognitions in the demo: nothing to check the table against")
	}
	if e := tot.ErrorPercent(); e < statedError-2 || e > statedError+2 {
		t.Errorf("the table forecasts 2025 with an error of %.1f%%; README states %.1f%%: update it", e, statedError)
	}
	if len(cal.Rows) < 5 || len(cal.Tiers) != 3 {
		t.Errorf("calibration has %d status rows and %d tiers; want every tier's statuses", len(cal.Rows), len(cal.Tiers))
	}
}
