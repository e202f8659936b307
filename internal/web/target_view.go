package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
	"zjtx/internal/targets"
)

// targetFigures are a year's numbers behind the targets page, its export
// and the dashboard: the board in the caller's scope, the ranking and the
// quota allocation under the year's parameters.
type targetFigures struct {
	Year    int
	Open    bool // the year is still running: the forecast counts candidates
	Left    targets.Share
	Params  *targets.Params
	Rows    []targets.Progress
	Ranking []targets.Ranked
	Alloc   []targets.Allocation
	Places  int
}

// targetYear reads the year parameter: this year by default, else one of
// the years targets may have.
func (w *Web) targetYear(r *http.Request) (int, error) {
	s := r.URL.Query().Get("year")
	if s == "" {
		return w.today().Year(), nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < targets.MinYear || y > targets.MaxYear {
		return 0, httpx.Invalid("年度有误", httpx.Field{Path: "year",
			Message: fmt.Sprintf("year：年度应为 %d—%d 之间的整数，不能是“%s”", targets.MinYear, targets.MaxYear, s)})
	}
	return y, nil
}

func (w *Web) targetFigures(r *http.Request, year int) (*targetFigures, error) {
	f := &targetFigures{Year: year, Left: targets.YearLeft(year, w.today()), Params: targets.Default().For(year)}
	f.Open = f.Left.Open()
	var err error
	if f.Rows, err = w.store.TargetBoard(r.Context(), year, f.Params.Forecast, f.Left); err != nil {
		return nil, err
	}
	f.Ranking = targets.Rank(f.Rows, "")
	f.Alloc, f.Places = targets.Allocate(f.Params.Quota, f.Rows)
	return f, nil
}

// boardRow is a region's line of the targets table: one cell per tier.
type boardRow struct {
	Region string
	Name   string
	City   bool
	Cells  []boardCell
}

type boardCell struct {
	Tier     string
	Target   string // "—" without one
	Done     int
	Rate     string
	Forecast string
	Reach    string // the forecast's share of the target
	Behind   bool   // the forecast falls short of the target
}

// boardRows lays the board out a region a line, city first.
func (w *Web) boardRows(rows []targets.Progress) []boardRow {
	var out []boardRow
	idx := map[string]int{}
	for _, p := range rows {
		i, ok := idx[p.Region]
		if !ok {
			i = len(out)
			idx[p.Region] = i
			out = append(out, boardRow{Region: p.Region, Name: w.targetRegionName(p.Region), City: p.Region == targets.CityRegion})
		}
		c := boardCell{Tier: p.Tier, Target: "—", Done: p.Done, Rate: percent(p.Rate()), Forecast: strconv.FormatFloat(p.Forecast(), 'f', 1, 64),
			Reach: percent(p.ForecastRate())}
		if p.HasTarget {
			c.Target = strconv.Itoa(p.Target)
			c.Behind = p.Forecast() < float64(p.Target)
		}
		out[i].Cells = append(out[i].Cells, c)
	}
	return out
}

// targetRegionName is a region's name, 全市 for the city's row.
func (w *Web) targetRegionName(code string) string {
	if code == targets.CityRegion {
		return "全市"
	}
	return lookupOr(w.region, code)
}

// percent writes a rate to one decimal, "—" for none (negative).
func percent(x float64) string {
	if x < 0 {
		return "—"
	}
	return strconv.FormatFloat(x, 'f', 1, 64) + "%"
}
