package targets

import "time"

// Candidate statuses of the forecast, most likely first: a candidate takes
// the first that holds (see rules/targets/<year>.yaml).
const (
	StatusPass     = "pass"      // the tier's latest assessment passes
	StatusReview   = "review"    // passes up to an official's check
	StatusInPlan   = "in_plan"   // has an open cultivation plan for the tier
	StatusNearMiss = "near_miss" // listed by the near_miss inclusion rule
	StatusListed   = "listed"    // any other listed candidate
)

// Statuses in the order they are tried.
var Statuses = []string{StatusPass, StatusReview, StatusInPlan, StatusNearMiss, StatusListed}

var statusNames = map[string]string{
	StatusPass: "评价符合", StatusReview: "待核实", StatusInPlan: "有培育计划",
	StatusNearMiss: "差一项或差 10 分以内", StatusListed: "其他在库",
}

// StatusName is the status as the page shows it.
func StatusName(s string) string { return statusNames[s] }

func isStatus(s string) bool { _, ok := statusNames[s]; return ok }

// Candidate is what the forecast needs to know of one listed enterprise and
// tier. The store fills it from the backup-list entry and the enterprise's
// outcome columns. InPlan says the enterprise has an open cultivation plan
// for the tier.
type Candidate struct {
	Region   string
	Tier     string
	Outcome  string // the tier's latest assessment status: pass, review, missing, fail, ""
	NearMiss bool   // the entry's source is the near_miss rule
	InPlan   bool
	// Recognized says the candidate was recognised in the year; only a
	// backtest reads it.
	Recognized bool
}

// Status is the candidate's forecast status.
func (c Candidate) Status() string {
	switch {
	case c.Outcome == "pass":
		return StatusPass
	case c.Outcome == "review" || c.Outcome == "missing":
		return StatusReview
	case c.InPlan:
		return StatusInPlan
	case c.NearMiss:
		return StatusNearMiss
	}
	return StatusListed
}

// Key is a region and a tier.
type Key struct{ Region, Tier string }

// Expect sums the candidates' likelihoods per region and tier, in
// hundredths of an enterprise: percents add exactly.
func Expect(f Forecast, cands []Candidate) map[Key]int {
	out := map[Key]int{}
	for _, c := range cands {
		out[Key{c.Region, c.Tier}] += f.Percent(c.Tier, c.Status())
	}
	return out
}

// Calibration compares the table with a year's outcomes: per status the
// candidates, the recognitions the table expected (hundredths) and those
// that came; per tier the same summed.
type Calibration struct {
	Rows  []CalibrationRow
	Tiers []CalibrationRow // Status empty
	Total CalibrationRow
}

// CalibrationRow is one line of a Calibration.
type CalibrationRow struct {
	Tier       string
	Status     string
	Candidates int
	Expected   int // hundredths of an enterprise
	Actual     int
	Percent    int // the table's likelihood (rows only)
}

// Error is expected − actual, in enterprises (positive: over-forecast).
func (r CalibrationRow) Error() float64 { return float64(r.Expected)/100 - float64(r.Actual) }

// ErrorPercent is |expected − actual| / actual in percent, the figure the
// README states; -1 when nothing came (no base to compare with).
func (r CalibrationRow) ErrorPercent() float64 {
	if r.Actual == 0 {
		return -1
	}
	e := r.Error()
	if e < 0 {
		e = -e
	}
	return e / float64(r.Actual) * 100
}

// ObservedPercent is the share of the status's candidates recognised.
func (r CalibrationRow) ObservedPercent() float64 {
	if r.Candidates == 0 {
		return 0
	}
	return float64(r.Actual) * 100 / float64(r.Candidates)
}

// Backtest checks the table against candidates whose outcome is known.
func Backtest(f Forecast, cands []Candidate) Calibration {
	type k struct{ tier, status string }
	rows := map[k]*CalibrationRow{}
	tiers := map[string]*CalibrationRow{}
	var cal Calibration
	for _, c := range cands {
		s := c.Status()
		p := f.Percent(c.Tier, s)
		r := rows[k{c.Tier, s}]
		if r == nil {
			r = &CalibrationRow{Tier: c.Tier, Status: s, Percent: p}
			rows[k{c.Tier, s}] = r
		}
		t := tiers[c.Tier]
		if t == nil {
			t = &CalibrationRow{Tier: c.Tier}
			tiers[c.Tier] = t
		}
		for _, x := range []*CalibrationRow{r, t, &cal.Total} {
			x.Candidates++
			x.Expected += p
			if c.Recognized {
				x.Actual++
			}
		}
	}
	for _, tier := range Tiers {
		for _, s := range Statuses {
			if r := rows[k{tier, s}]; r != nil {
				cal.Rows = append(cal.Rows, *r)
			}
		}
		if t := tiers[tier]; t != nil {
			cal.Tiers = append(cal.Tiers, *t)
		}
	}
	return cal
}

// Share is the part of a year still to run: Left of Of days.
type Share struct{ Left, Of int }

// YearLeft is the share of year left on today (today's own day counted as
// left): all of a year to come, none of a year gone.
func YearLeft(year int, today time.Time) Share {
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	next := time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	of := int(next.Sub(first).Hours() / 24)
	switch {
	case day.Before(first):
		return Share{of, of}
	case !day.Before(next):
		return Share{0, of}
	}
	return Share{int(next.Sub(day).Hours() / 24), of}
}

// Open reports whether any of the year is left.
func (s Share) Open() bool { return s.Left > 0 }

// Prorate scales expected recognitions (hundredths) to the share of the
// year left: the table's likelihoods are a whole year's, and a candidate
// has less time to be recognised in December than in January. Recognitions
// come in batches, not evenly, so this is the simple reading, not a
// calendar of batches.
func Prorate(m map[Key]int, s Share) map[Key]int {
	out := make(map[Key]int, len(m))
	if s.Of <= 0 {
		return out
	}
	for k, v := range m {
		out[k] = v * s.Left / s.Of
	}
	return out
}
