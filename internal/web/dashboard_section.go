package web

import (
	"net/http"
	"strconv"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
	"zjtx/internal/targets"
	"zjtx/internal/xlsx"
)

// dashSection is one block of the officials' home: a chart that app.js
// draws from Chart, and the same numbers in Table under it, so the page is
// readable without JavaScript and by a screen reader; the dashboard's Excel
// export writes each section's table as a sheet.
type dashSection struct {
	ID    string // the element id; dash-… keeps sections apart from the home's own blocks
	Title string
	Note  string
	Chart *dashChart // nil: a table only
	Table dashTable
}

// dashChart is what app.js's drawDashCharts needs: one category axis and
// a series per line or bar.
type dashChart struct {
	Kind       string       `json:"kind"` // bar, line
	Categories []string     `json:"categories"`
	Series     []dashSeries `json:"series"`
	Unit       string       `json:"unit"` // the value axis' name
}

type dashSeries struct {
	Name string    `json:"name"`
	Tier string    `json:"tier,omitempty"` // the tier's colour
	Data []float64 `json:"data"`
}

// dashTable is a section's table; cells are strings or numbers, written as
// they are to the page and to Excel.
type dashTable struct {
	Head []string
	Rows [][]any
}

// dashboardSections are the blocks of the officials' home, in order, for
// the caller's scope. Other capabilities add theirs here: a section is
// built by a function like these from their own store queries.
func (w *Web) dashboardSections(r *http.Request) ([]dashSection, error) {
	var out []dashSection
	for _, build := range []func(*http.Request) (dashSection, error){w.funnelSection, w.targetSection, w.trendSection, w.baolianSection} {
		s, err := build(r)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// funnelStages are the funnel's steps over the list statuses: 拟申报 counts
// 已申报 too, both being in the hands of the application.
var funnelStages = []struct {
	name     string
	statuses []string
}{
	{"储备", []string{cultivation.StatusReserve}},
	{"培育", []string{cultivation.StatusCultivating}},
	{"拟申报", []string{cultivation.StatusToApply, cultivation.StatusApplied}},
	{"已认定", []string{cultivation.StatusRecognized}},
}

// funnelSection counts the backup lists' entries by stage and tier. Each
// stage counts the entries at it or beyond, as a funnel does: an
// enterprise 已认定 went through 储备.
func (w *Web) funnelSection(r *http.Request) (dashSection, error) {
	counts, err := w.store.BackupFunnel(r.Context())
	if err != nil {
		return dashSection{}, err
	}
	at := map[string]map[int]int{} // tier → stage → entries at it
	for _, c := range counts {
		for i, st := range funnelStages {
			for _, s := range st.statuses {
				if s == c.Status {
					if at[c.Tier] == nil {
						at[c.Tier] = map[int]int{}
					}
					at[c.Tier][i] += c.N
				}
			}
		}
	}
	s := dashSection{ID: "dash-funnel", Title: "后备清单培育漏斗（储备 → 培育 → 拟申报 → 已认定）",
		Note:  "每一阶段计入处于该阶段及其后阶段的在库企业；未通过和移出的不计。",
		Chart: &dashChart{Kind: "bar", Unit: "企业数（家）"}, Table: dashTable{Head: []string{"阶段"}}}
	for _, st := range funnelStages {
		s.Chart.Categories = append(s.Chart.Categories, st.name)
	}
	rows := make([][]any, len(funnelStages))
	for i, st := range funnelStages {
		rows[i] = []any{st.name}
	}
	for _, tier := range cultivation.Tiers {
		s.Table.Head = append(s.Table.Head, tierShort[tier])
		ser := dashSeries{Name: tierShort[tier], Tier: tier}
		for i := range funnelStages {
			n := 0
			for j := i; j < len(funnelStages); j++ {
				n += at[tier][j]
			}
			ser.Data = append(ser.Data, float64(n))
			rows[i] = append(rows[i], n)
		}
		s.Chart.Series = append(s.Chart.Series, ser)
	}
	s.Table.Rows = rows
	return s, nil
}

// targetSection is this year's standing: the completion rate per tier of
// each region of the caller's scope (the city's row first).
func (w *Web) targetSection(r *http.Request) (dashSection, error) {
	year := w.today().Year()
	f, err := w.targetFigures(r, year)
	if err != nil {
		return dashSection{}, err
	}
	s := dashSection{ID: "dash-targets", Title: strconv.Itoa(year) + "年目标完成情况",
		Note:  "完成率 = 当年认定数 ÷ 目标数；预测为年末预计认定数。详见“培育目标”页。",
		Chart: &dashChart{Kind: "bar", Unit: "完成率（%）"}, Table: dashTable{Head: []string{"区域"}}}
	for _, tier := range targets.Tiers {
		s.Table.Head = append(s.Table.Head, tierShort[tier]+"目标", tierShort[tier]+"已认定", tierShort[tier]+"完成率", tierShort[tier]+"预测")
	}
	board := w.boardRows(f.Rows)
	series := make([]dashSeries, len(targets.Tiers))
	for k, tier := range targets.Tiers {
		series[k] = dashSeries{Name: tierShort[tier], Tier: tier}
	}
	for _, row := range board {
		cells := []any{row.Name}
		name := row.Name
		if !row.City {
			name = w.regionShort(row.Region)
		}
		s.Chart.Categories = append(s.Chart.Categories, name)
		for k, c := range row.Cells {
			cells = append(cells, c.Target, c.Done, c.Rate, c.Forecast)
			series[k].Data = append(series[k].Data, rateValue(f.Rows, row.Region, c.Tier))
		}
		s.Table.Rows = append(s.Table.Rows, cells)
	}
	s.Chart.Series = series
	return s, nil
}

// rateValue is the completion rate of region and tier to one decimal, 0
// without a target (the chart shows no bar; the table says —).
func rateValue(rows []targets.Progress, region, tier string) float64 {
	for _, p := range rows {
		if p.Region == region && p.Tier == tier {
			if rt := p.Rate(); rt >= 0 {
				return float64(int(rt*10+0.5)) / 10
			}
		}
	}
	return 0
}

// trendMonths is how many months the trend shows, this one included.
const trendMonths = 12

// trendSection counts recognitions per tier and new backup-list entries by
// month over the last year.
func (w *Web) trendSection(r *http.Request) (dashSection, error) {
	today := w.today()
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, cst).AddDate(0, 1-trendMonths, 0)
	recognized, listed, err := w.store.MonthlyTrend(r.Context(), first.Format("2006-01-02"))
	if err != nil {
		return dashSection{}, err
	}
	months := make([]string, trendMonths)
	idx := map[string]int{}
	for i := range months {
		months[i] = first.AddDate(0, i, 0).Format("2006-01")
		idx[months[i]] = i
	}
	s := dashSection{ID: "dash-trend", Title: "近 12 个月趋势：认定与纳入后备清单",
		Chart: &dashChart{Kind: "line", Unit: "企业数（家）", Categories: months}, Table: dashTable{Head: []string{"月份"}}}
	for _, tier := range cultivation.Tiers {
		ser := dashSeries{Name: tierShort[tier] + "认定", Tier: tier, Data: make([]float64, trendMonths)}
		for _, m := range recognized {
			if i, ok := idx[m.Month]; ok && m.Tier == tier {
				ser.Data[i] += float64(m.N)
			}
		}
		s.Chart.Series = append(s.Chart.Series, ser)
		s.Table.Head = append(s.Table.Head, ser.Name)
	}
	entries := dashSeries{Name: "新纳入后备清单", Data: make([]float64, trendMonths)}
	for _, m := range listed {
		if i, ok := idx[m.Month]; ok {
			entries.Data[i] += float64(m.N)
		}
	}
	s.Chart.Series = append(s.Chart.Series, entries)
	s.Table.Head = append(s.Table.Head, entries.Name)
	for i, m := range months {
		row := []any{m}
		for _, ser := range s.Chart.Series {
			row = append(row, int(ser.Data[i]))
		}
		s.Table.Rows = append(s.Table.Rows, row)
	}
	return s, nil
}

// sectionSheets are the sections' tables as workbook sheets.
func sectionSheets(sections []dashSection) []xlsx.Sheet {
	out := make([]xlsx.Sheet, len(sections))
	for i, s := range sections {
		cols := make([]xlsx.TableColumn, len(s.Table.Head))
		for k, h := range s.Table.Head {
			cols[k] = xlsx.TableColumn{Header: h, Width: 12}
		}
		cols[0].Width = 22
		out[i] = xlsx.Sheet{Name: sheetName(s.Title), Cols: cols, Rows: sliceRows(s.Table.Rows)}
	}
	return out
}

// sheetName is a title cut to Excel's 31 characters, without the
// characters a sheet name may not hold.
func sheetName(title string) string {
	var out []rune
	for _, r := range title {
		switch r {
		case '：', ':', '/', '\\', '?', '*', '[', ']', '（', '(':
			if len(out) > 0 {
				return string(out)
			}
			continue
		}
		out = append(out, r)
		if len(out) == 31 {
			break
		}
	}
	return string(out)
}

// sliceRows streams rows held in memory.
func sliceRows(rows [][]any) func(func([]any, error) bool) {
	return func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// baolianSection is the 包联 measures of each district in scope over the
// last year (the city's total first for the city): the listed enterprises
// with an official, the visits made and overdue, and the issue ledger's
// 办结率, 按期办结率 and 满意率.
func (w *Web) baolianSection(r *http.Request) (dashSection, error) {
	counts, err := w.store.BaolianCounts(r.Context(), sqlstore.ByRegion, w.now().AddDate(-1, 0, 0))
	if err != nil {
		return dashSection{}, err
	}
	byRegion := map[string]baolian.Counts{}
	for _, c := range counts {
		byRegion[c.Key] = c
	}
	var rows []baolian.Counts
	total := baolian.Counts{Key: targets.CityRegion, Name: "全市"}
	for _, rg := range w.regions { // the districts in their usual order
		if c, ok := byRegion[rg.Code]; ok {
			c.Name = rg.Name
			rows = append(rows, c)
			total.Add(c)
		}
	}
	if c, _ := httpx.Caller(r); c.Role == auth.RoleCity {
		rows = append([]baolian.Counts{total}, rows...)
	}
	s := dashSection{ID: "dash-baolian", Title: "包联帮扶：包联覆盖、走访与诉求办理（近一年）",
		Note:  "包联覆盖率 = 已指定包联干部的后备清单企业 ÷ 后备清单企业；办结率、按期办结率、满意率按“13710”诉求台账计算，无诉求的记为 —。",
		Chart: &dashChart{Kind: "bar", Unit: "比率（%）"},
		Table: dashTable{Head: []string{"区域", "清单企业", "已包联", "包联覆盖率", "走访次数", "走访逾期", "诉求", "超时未办结", "办结率", "按期办结率", "满意率"}}}
	rates := []struct {
		name string
		get  func(baolian.Counts) *float64
	}{{"包联覆盖率", baolian.Counts.AssignedRate}, {"办结率", baolian.Counts.SolveRate},
		{"按期办结率", baolian.Counts.OnTimeRate}, {"满意率", baolian.Counts.SatisfactionRate}}
	for _, rt := range rates {
		s.Chart.Series = append(s.Chart.Series, dashSeries{Name: rt.name})
	}
	for _, c := range rows {
		name := c.Name
		if c.Key != targets.CityRegion {
			name = w.regionShort(c.Key)
		}
		s.Chart.Categories = append(s.Chart.Categories, name)
		for i, rt := range rates {
			v := 0.0
			if p := rt.get(c); p != nil {
				v = float64(int(*p*1000+0.5)) / 10
			}
			s.Chart.Series[i].Data = append(s.Chart.Series[i].Data, v)
		}
		s.Table.Rows = append(s.Table.Rows, []any{c.Name, c.Listed, c.Listed - c.Unassigned, pct(c.AssignedRate()),
			c.VisitsDone, c.VisitsLate, c.Appeals, c.Overdue, pct(c.SolveRate()), pct(c.OnTimeRate()), pct(c.SatisfactionRate())})
	}
	return s, nil
}
