package web

import (
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

type homeView struct {
	base
	Scope     string
	District  bool // a district official's own numbers, not the city's chart
	Total     int
	Cards     []tierCard
	Columns   []string // tier codes of the tables and the chart, ladder order
	Rows      []regionRow
	Sum       regionRow // the 合计 row under the per-district table
	Chart     chartData
	Statuses  []regionRow // district: one row per status (Region holds the status)
	StatusSum regionRow
	Recent    []*enterprise.Record
	Sections  []dashSection // targets, funnel, trend and what other capabilities add (dashboard_section.go)
}

type tierCard struct {
	Tier string
	N    int
}

// regionRow is a row of counts per tier: a district's, a status's or the
// 合计 row.
type regionRow struct {
	Region string
	Name   string // what the row's first cell shows, when not a district
	Counts []int  // per Columns, then 无称号
	None   int
	Total  int
}

func (row *regionRow) add(tier string, n int) {
	if k := enterprise.TierRank(tier); k >= 0 {
		row.Counts[k] += n
	} else {
		row.None += n
	}
	row.Total += n
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

// recentChanges is how many recently changed records a district's home lists.
const recentChanges = 8

// homeShow is the home page after login. An enterprise sees its own standing
// (home_enterprise.go), an institution or a bank what it will be able to do
// (home_partner.go). Officials see the active enterprises in their scope by
// highest title: the city per district with a chart, a district its own
// numbers by title and status and its latest changes. The store scopes the
// counts, so a district official sees the district's only.
func (w *Web) homeShow(rw http.ResponseWriter, r *http.Request) {
	b := w.base(r, "梯度培育概况", "home")
	switch b.User.Role {
	case auth.RoleEnterprise:
		w.enterpriseHome(rw, r, b)
		return
	case auth.RoleInstitution, auth.RoleBank:
		w.partnerHome(rw, r, b)
		return
	}
	stats, err := w.store.EnterpriseStats(r.Context())
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := homeView{base: b, Columns: enterprise.Tiers, Scope: "全市", District: b.User.Role == auth.RoleDistrict}
	v.Sum = v.newRow("")
	if v.District {
		v.Scope = b.User.RegionName
	}
	byTier := map[string]int{}
	rowOf := map[string]int{}
	for _, s := range stats {
		i, ok := rowOf[s.Region]
		if !ok {
			i = len(v.Rows)
			rowOf[s.Region] = i
			v.Rows = append(v.Rows, v.newRow(s.Region))
		}
		v.Rows[i].add(s.Tier, s.N)
		v.Sum.add(s.Tier, s.N)
		byTier[s.Tier] += s.N
		v.Total += s.N
	}
	for _, t := range v.Columns {
		v.Cards = append(v.Cards, tierCard{t, byTier[t]})
	}
	v.Cards = append(v.Cards, tierCard{"", byTier[""]})
	if v.District {
		if err := w.districtNumbers(r, &v); err != nil {
			httpx.Error(rw, r, err)
			return
		}
	} else {
		v.Chart = w.districtChart(v.Columns, v.Rows)
	}
	if v.Sections, err = w.dashboardSections(r); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "home", v)
}

func (v *homeView) newRow(name string) regionRow {
	return regionRow{Region: name, Counts: make([]int, len(v.Columns))}
}

// districtChart is the city's chart: one stacked bar per district, named
// short enough to stand level under its bar.
func (w *Web) districtChart(columns []string, rows []regionRow) chartData {
	var c chartData
	for _, row := range rows {
		c.Regions = append(c.Regions, w.regionShort(row.Region))
	}
	for k, t := range columns {
		s := chartSeries{Tier: t, Name: tierShort[t], Data: make([]int, len(rows))}
		for i, row := range rows {
			s.Data[i] = row.Counts[k]
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// districtNumbers fills a district official's own numbers: enterprises by
// status and title (history included), and the records changed last.
func (w *Web) districtNumbers(r *http.Request, v *homeView) error {
	counts, err := w.store.EnterpriseStatusStats(r.Context())
	if err != nil {
		return err
	}
	for _, st := range []enterprise.Status{enterprise.StatusActive, enterprise.StatusMovedOut, enterprise.StatusClosed} {
		row := v.newRow(string(st))
		row.Name = st.Label()
		for _, c := range counts {
			if c.Status == string(st) {
				row.add(c.Tier, c.N)
			}
		}
		v.Statuses = append(v.Statuses, row)
	}
	v.StatusSum = v.newRow("")
	for _, c := range counts {
		v.StatusSum.add(c.Tier, c.N)
	}
	v.Recent, _, err = w.store.ListEnterprises(r.Context(), enterprise.Filter{Sort: enterprise.SortUpdated, Limit: recentChanges})
	return err
}
