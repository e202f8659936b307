package web

import (
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/targets"
)

type targetsView struct {
	base
	*targetFigures
	City      bool // the caller sets targets
	Tiers     []string
	Years     []option
	Board     []boardRow
	Ranking   []rankRow
	Quota     []quotaRow
	Rule      ruleText
	Check     *checkView // the table checked against the year before
	Targets   []*targets.Target
	CityBasis []*targets.Target // the city's targets, whose basis the page cites
	Form      targetForm
	Regions   []option
	Problems  []string
	Saved     bool
}

type rankRow struct {
	Place         int
	Region, Name  string
	Target, Done  string
	Rate          string
	WithoutTarget bool
}

type quotaRow struct {
	Region, Name string
	Target       int
	BasisTarget  string
	BasisDone    int
	BasisRate    string
	Base, Extra  int
	Band         string
	Places       int
}

// ruleText says the quota rule in words, from its data.
type ruleText struct {
	Name, Tier, BasisTier   string
	BasePlaces, BasePercent int
	Bands                   []targets.Band
}

// checkView is the backtest of the likelihood table on a closed year.
type checkView struct {
	Year  int
	Rows  []checkRow
	Tiers []checkRow
	Total checkRow
}

type checkRow struct {
	Tier, Status       string
	Candidates, Actual int
	Percent            int
	Observed           string
	Expected, Error    string
	ErrorPercent       string
}

// targetForm is the set-a-target form as typed.
type targetForm struct {
	Year, Tier, Region, Target, Basis string
	Version                           int64
}

// targetList is the targets page: the year's targets with completion and
// forecast, the districts' ranking, the recommendation places of 强化结果
// 运用, the likelihood table checked against the year before, and for the
// city the form that sets a target (?edit=tier:region fills it with that
// target and the version read).
func (w *Web) targetList(rw http.ResponseWriter, r *http.Request) {
	w.renderTargets(rw, r, http.StatusOK, nil, nil)
}

func (w *Web) renderTargets(rw http.ResponseWriter, r *http.Request, status int, form *targetForm, problems []string) {
	year, err := w.targetYear(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if form != nil {
		if y, err := strconv.Atoi(form.Year); err == nil && y >= targets.MinYear && y <= targets.MaxYear {
			year = y
		}
	}
	f, err := w.targetFigures(r, year)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	b := w.base(r, strconv.Itoa(year)+"年培育目标", "targets")
	v := targetsView{base: b, targetFigures: f, City: b.User.Role == auth.RoleCity, Tiers: targets.Tiers,
		Board: w.boardRows(f.Rows), Problems: problems, Saved: r.URL.Query().Get("saved") == "1"}
	now := w.today().Year()
	for y := 2025; y <= max(now+1, year); y++ {
		v.Years = append(v.Years, option{strconv.Itoa(y), strconv.Itoa(y) + "年"})
	}
	for _, k := range f.Ranking {
		row := rankRow{Place: k.Place, Region: k.Region, Name: w.targetRegionName(k.Region), Target: "—",
			Done: strconv.Itoa(k.Done), Rate: percent(k.Rate()), WithoutTarget: !k.Has}
		if k.Has {
			row.Target = strconv.Itoa(k.Target)
		}
		v.Ranking = append(v.Ranking, row)
	}
	v.Quota = w.quotaRows(f.Alloc)
	q := f.Params.Quota
	v.Rule = ruleText{Name: q.Name, Tier: q.Tier, BasisTier: q.BasisTier, BasePlaces: q.BasePlaces, BasePercent: q.BasePercent, Bands: q.Bands}
	cal, err := w.store.TargetBacktest(r.Context(), year-1, targets.Default().For(year-1).Forecast)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Check = newCheckView(year-1, cal)
	if v.Targets, err = w.store.ListTargets(r.Context(), year); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, t := range v.Targets {
		if t.Region == targets.CityRegion {
			v.CityBasis = append(v.CityBasis, t)
		}
	}
	if v.City {
		v.Regions = append([]option{{targets.CityRegion, "全市（郑州市）"}}, w.regionOptions()...)
		v.Form = w.editForm(r, year, v.Targets, form)
	}
	w.render(rw, r, status, "targets", v)
}

// editForm is the form: as typed after a refusal, else the target named by
// ?edit=tier:region with its version, else a new one.
func (w *Web) editForm(r *http.Request, year int, list []*targets.Target, typed *targetForm) targetForm {
	if typed != nil {
		return *typed
	}
	f := targetForm{Year: strconv.Itoa(year), Tier: "srdi", Region: targets.CityRegion}
	if tier, region, ok := strings.Cut(r.URL.Query().Get("edit"), ":"); ok {
		f.Tier, f.Region = tier, region
		for _, t := range list {
			if t.Tier == tier && t.Region == region {
				f.Target, f.Basis, f.Version = strconv.Itoa(t.Target), t.Basis, t.Version
			}
		}
	}
	return f
}

func (w *Web) quotaRows(alloc []targets.Allocation) []quotaRow {
	out := make([]quotaRow, len(alloc))
	for i, a := range alloc {
		out[i] = quotaRow{Region: a.Region, Name: w.targetRegionName(a.Region), Target: a.Target, BasisTarget: "—",
			BasisDone: a.BasisDone, BasisRate: percent(a.BasisRate()), Base: a.Base, Extra: a.Extra, Band: a.Band, Places: a.Places}
		if a.BasisHas {
			out[i].BasisTarget = strconv.Itoa(a.BasisTarget)
		}
	}
	return out
}

func newCheckView(year int, cal targets.Calibration) *checkView {
	row := func(c targets.CalibrationRow) checkRow {
		return checkRow{Tier: c.Tier, Status: c.Status, Candidates: c.Candidates, Actual: c.Actual, Percent: c.Percent,
			Observed: percent(c.ObservedPercent()), Expected: strconv.FormatFloat(float64(c.Expected)/100, 'f', 1, 64),
			Error: strconv.FormatFloat(c.Error(), 'f', 1, 64), ErrorPercent: percent(c.ErrorPercent())}
	}
	v := &checkView{Year: year, Total: row(cal.Total)}
	for _, c := range cal.Rows {
		v.Rows = append(v.Rows, row(c))
	}
	for _, c := range cal.Tiers {
		v.Tiers = append(v.Tiers, row(c))
	}
	return v
}
