package api

import (
	"math"
	"net/http"

	"zjtx/internal/targets"
)

// targetItem is a row of GET /targets: a region's target, recognitions done
// and forecast for the year's end on one tier.
type targetItem struct {
	Region   string   `json:"region"`
	Tier     string   `json:"tier"`
	Target   *int     `json:"target"` // null: no target set
	Done     int      `json:"done"`
	Forecast float64  `json:"forecast"` // expected recognitions by the year's end, to 0.01
	Rate     *float64 `json:"rate"`     // done / target in percent, to 0.1; null without a target
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func newTargetItem(p targets.Progress) targetItem {
	it := targetItem{Region: p.Region, Tier: p.Tier, Done: p.Done, Forecast: round(p.Forecast(), 2)}
	it.Target, it.Rate = targetRate(p.HasTarget, p.Target, p.Rate())
	return it
}

// targetRate are a target and its completion rate (percent, to 0.1) as the
// API writes them: null without a target, the rate null for a target of 0.
func targetRate(has bool, target int, rate float64) (*int, *float64) {
	if !has {
		return nil, nil
	}
	if rate < 0 {
		return &target, nil
	}
	rate = round(rate, 1)
	return &target, &rate
}

// targetYear reads the year parameter (default: this year) and says how
// much of it is left.
func (a *API) targetYear(r *http.Request) (year int, left targets.Share, err error) {
	q := query(r)
	now := a.now().In(cst)
	year = q.int("year", now.Year(), targets.MinYear, targets.MaxYear)
	return year, targets.YearLeft(year, now), q.err()
}

// targetBoard is the caller's board of the year in the request.
func (a *API) targetBoard(r *http.Request) (int, []targets.Progress, error) {
	year, left, err := a.targetYear(r)
	if err != nil {
		return 0, nil, err
	}
	rows, err := a.store.TargetBoard(r.Context(), year, targets.Default().For(year).Forecast, left)
	return year, rows, err
}
