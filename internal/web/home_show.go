package web

import (
	"net/http"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

type homeView struct {
	base
	Scope   string
	Total   int
	Cards   []tierCard
	Columns []string // tier codes of the table and the chart, ladder order
	Rows    []regionRow
	Chart   chartData
}

type tierCard struct {
	Tier string
	N    int
}

type regionRow struct {
	Region string
	Counts []int // per Columns, then 无称号
	None   int
	Total  int
}

// chartData feeds the stacked bar chart (app.js): one series per tier over
// the districts. Enterprises without a title are left out of the chart (they
// would dwarf the titled ones) and shown in the table.
type chartData struct {
	Regions []string      `json:"regions"`
	Series  []chartSeries `json:"series"`
}

type chartSeries struct {
	Tier string `json:"tier"`
	Name string `json:"name"`
	Data []int  `json:"data"`
}

// homeShow is the overview after login: the active enterprises in the
// caller's scope by highest title, and per district. The store scopes the
// counts, so a district official sees the district's only.
func (w *Web) homeShow(rw http.ResponseWriter, r *http.Request) {
	stats, err := w.store.EnterpriseStats(r.Context())
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := homeView{base: w.base(r, "梯度培育概况", "home"), Columns: enterprise.Tiers}
	switch u := v.User; {
	case u.IsCity():
		v.Scope = "全市"
	case u.Role == "district":
		v.Scope = u.RegionName
	case u.IsEnterprise():
		v.Scope = "本企业"
	default:
		v.Scope = "本机构可查看的企业"
	}
	byTier := map[string]int{}
	rowOf := map[string]int{}
	for _, s := range stats {
		i, ok := rowOf[s.Region]
		if !ok {
			i = len(v.Rows)
			rowOf[s.Region] = i
			v.Rows = append(v.Rows, regionRow{Region: s.Region, Counts: make([]int, len(v.Columns))})
		}
		row := &v.Rows[i]
		if k := enterprise.TierRank(s.Tier); k >= 0 {
			row.Counts[k] += s.N
		} else {
			row.None += s.N
		}
		row.Total += s.N
		byTier[s.Tier] += s.N
		v.Total += s.N
	}
	for _, t := range v.Columns {
		v.Cards = append(v.Cards, tierCard{t, byTier[t]})
	}
	v.Cards = append(v.Cards, tierCard{"", byTier[""]})
	for _, row := range v.Rows {
		v.Chart.Regions = append(v.Chart.Regions, w.region[row.Region])
	}
	for k, t := range v.Columns {
		s := chartSeries{Tier: t, Name: tierShort[t], Data: make([]int, len(v.Rows))}
		for i, row := range v.Rows {
			s.Data[i] = row.Counts[k]
		}
		v.Chart.Series = append(v.Chart.Series, s)
	}
	w.render(rw, r, http.StatusOK, "home", v)
}
