package web

import (
	"net/http"
	"time"

	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// rotationYears is the plan's rotation: "力争通过2—3年将创新型中小企业轮训
// 一遍", taken at its outer bound, both as the coverage window and as the
// planner's target.
const rotationYears = 3

type coverageRow struct {
	programme.Coverage
	RegionName string
	Percent    string
	Below      bool
}

type trainingCoverageView struct {
	programmeBase
	Years       int
	Target      int
	Expected    string
	Rows        []coverageRow
	Plan        programme.Plan
	Scheduled   int // due candidates the scheduled sessions take
	Pace        programme.Pace
	Never       []programme.Candidate
	NeverTotal  int
	Region      string
	Regions     []option
	RegionNames map[string]string
}

// trainingCoverage is the rotation page: per district the share of its
// 创新型 enterprises trained in the window against the even pace of the
// rotation, the enterprises never trained, and the planner's proposal of
// invitees for the coming 普惠 sessions with the date the rotation
// completes at the plan's pace.
func (w *Web) trainingCoverage(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := &trainingCoverageView{programmeBase: w.programmeBase(r, "轮训覆盖与计划", "coverage"),
		Years: queryInt(q, "years", rotationYears, 1, 10), Target: queryInt(q, "target", rotationYears, 1, 10),
		Pace: programme.Pace{SessionsPerYear: queryInt(q, "sessions", programme.DefaultPace.SessionsPerYear, 1, 50),
			Capacity: queryInt(q, "capacity", programme.DefaultPace.Capacity, 1, 2000)},
		Regions: w.managedRegionOptions(r), RegionNames: w.region}
	if w.region[q.Get("region")] != "" {
		v.Region = q.Get("region")
	}
	ctx := r.Context()
	cov, err := w.store.TrainingCoverage(ctx, v.Years)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	expected, err := w.expectedShare(r, v.Years, v.Target)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Expected = percent(expected * 100)
	for _, c := range cov {
		v.Rows = append(v.Rows, coverageRow{Coverage: c, RegionName: w.region[c.Region], Percent: percent(c.Share * 100),
			Below: c.Innovative > 0 && c.Share < expected})
	}
	if v.Plan, err = w.store.RotationPlan(ctx, v.Years, v.Target, v.Region, v.Pace); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Scheduled = v.Plan.Due - v.Plan.Remaining
	due, err := w.store.RotationDue(ctx, v.Years, v.Region)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, c := range due {
		if c.LastTrained.IsZero() {
			v.NeverTotal++
			if len(v.Never) < 100 {
				v.Never = append(v.Never, c)
			}
		}
	}
	w.render(rw, r, http.StatusOK, "training_coverage", v)
}

// expectedShare is the share the rotation should have reached by now: the
// even pace from the first 普惠 session within the window.
func (w *Web) expectedShare(r *http.Request, years, target int) (float64, error) {
	list, _, err := w.store.ListTrainings(r.Context(), sqlstore.TrainingFilter{Level: programme.LevelInclusive})
	if err != nil {
		return 0, err
	}
	today := w.todayDate()
	since := profile.Date{Y: today.Y - years, M: today.M, D: today.D}
	first := today
	for _, t := range list {
		if t.Date.Before(first) && !t.Date.Before(since) {
			first = t.Date
		}
	}
	elapsed := w.today().Sub(time.Date(first.Y, first.M, first.D, 0, 0, 0, 0, cst)).Hours() / 24 / 365
	return programme.Expected(elapsed, target), nil
}
