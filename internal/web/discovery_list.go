package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/discovery"
	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
	"zjtx/internal/sqlstore"
	"zjtx/internal/xlsx"
)

// discoveryPage is how many candidates one page lists.
const discoveryPage = 50

type discoveryView struct {
	base
	Populations []*sqlstore.Population
	Population  *sqlstore.Population
	Filter      discovery.Filter
	Tiers       []string
	Outcomes    []string // the outcome filter's options
	Problem     string
	Items       []jobs.Candidate
	Total       int
	Query       string // the filters, for the export and the pages
	Prev, Next  string
	BackupTiers []string // the tiers a ticked candidate can be added to
	Add         discoveryAdd
}

// discoveryAdd is the bulk 加入后备清单 form of the discovery page: what was
// typed and ticked, and what the last addition did or why it was refused.
type discoveryAdd struct {
	Tier    string
	Reason  string
	Checked map[string]bool
	Problem string
	Done    bool // an addition ran: Result says what it did
	Result  sqlstore.BulkAddResult
}

// discoveryFilter reads the filters of the discovery page and its export.
func discoveryFilter(q url.Values) (popID int64, f discovery.Filter, offset int, problem string) {
	popID, _ = strconv.ParseInt(q.Get("population"), 10, 64)
	f = discovery.Filter{Tier: q.Get("tier"), Outcome: q.Get("outcome"), Region: q.Get("region"), Industry: q.Get("industry")}
	if f.Tier == "" {
		f.Tier = criteria.Tiers[2] // 专精特新
	}
	if f.Outcome == "" && !q.Has("outcome") {
		f.Outcome = "near"
	}
	if s := q.Get("max_effort"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return popID, f, 0, "最大工作量应为不小于 0 的数，如 1.5"
		}
		f.MaxEffort = v
	}
	if _, err := f.Validate(); err != nil {
		return popID, f, 0, "筛选条件有误：" + err.Error()
	}
	offset, _ = strconv.Atoi(q.Get("offset"))
	return popID, f, max(offset, 0), ""
}

// discoveryList is candidate discovery (选种) over a population: every
// tier's outcome of every enterprise in the caller's scope, filtered by tier,
// district, industry, outcome and effort, near misses first, cheapest gap
// plan first (discovery.TierOutcome says how effort is counted).
func (w *Web) discoveryList(rw http.ResponseWriter, r *http.Request) {
	w.showDiscovery(rw, r, r.URL.Query(), discoveryAdd{})
}

// showDiscovery shows the discovery page of the filters q, with the bulk
// addition form as add has it.
func (w *Web) showDiscovery(rw http.ResponseWriter, r *http.Request, q url.Values, add discoveryAdd) {
	v := discoveryView{base: w.base(r, "候选企业发现（选种）", "discovery"), Tiers: criteria.Tiers,
		Outcomes: []string{"near", "", "pass", "review", "missing", "fail"}, BackupTiers: cultivation.Tiers, Add: add}
	pops, err := w.store.ListPopulations(r.Context())
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	var popID int64
	var offset int
	popID, v.Filter, offset, v.Problem = discoveryFilter(q)
	if v.Add.Tier == "" {
		v.Add.Tier = v.Filter.Tier
	}
	for _, p := range pops {
		if p.State != sqlstore.PopulationReady {
			continue
		}
		v.Populations = append(v.Populations, p)
		if p.ID == popID || (popID == 0 && v.Population == nil) {
			v.Population = p
		}
	}
	if v.Population != nil && v.Problem == "" {
		v.Items, v.Total, err = jobs.Candidates(r.Context(), w.store, v.Population.ID, v.Filter, discoveryPage, offset)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		page := url.Values{"population": {strconv.FormatInt(v.Population.ID, 10)}, "tier": {v.Filter.Tier}, "outcome": {v.Filter.Outcome}}
		for k, s := range map[string]string{"region": v.Filter.Region, "industry": v.Filter.Industry} {
			if s != "" {
				page.Set(k, s)
			}
		}
		if v.Filter.MaxEffort > 0 {
			page.Set("max_effort", strconv.FormatFloat(v.Filter.MaxEffort, 'f', -1, 64))
		}
		if offset > 0 {
			page.Set("offset", strconv.Itoa(offset))
		}
		v.Query = page.Encode()
		page.Del("offset")
		if offset > 0 {
			page.Set("offset", strconv.Itoa(max(offset-discoveryPage, 0)))
			v.Prev = "/discovery?" + page.Encode()
		}
		if offset+len(v.Items) < v.Total {
			page.Set("offset", strconv.Itoa(offset+discoveryPage))
			v.Next = "/discovery?" + page.Encode()
		}
	}
	status := http.StatusOK
	if v.Add.Problem != "" {
		status = http.StatusBadRequest // a refused addition, as a refused form elsewhere
	}
	w.render(rw, r, status, "discovery_list", v)
}

// discoveryExport downloads the filtered ranking as a workbook.
func (w *Web) discoveryExport(rw http.ResponseWriter, r *http.Request) {
	popID, f, _, problem := discoveryFilter(r.URL.Query())
	if problem != "" {
		httpx.Error(rw, r, httpx.Invalid(problem))
		return
	}
	items, _, err := jobs.Candidates(r.Context(), w.store, popID, f, 0, 0)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	var cols []xlsx.TableColumn
	for _, h := range []string{"排名", "统一社会信用代码", "企业名称", "区县", "行业代码", "层级", "评价结论", "得分", "未满足项数", "补齐差距的工作量", "需调整的项数"} {
		cols = append(cols, xlsx.TableColumn{Header: h, Width: float64(max(10, 3*len([]rune(h))))})
	}
	rows := func(yield func([]any, error) bool) {
		for _, c := range items {
			row := []any{c.Rank, c.USCC, c.Name, lookupOr(w.region, c.Region), c.Industry, lookupOr(tierNames, f.Tier), outcomeName(c.Status), "", c.Unmet, "", c.Changes}
			if c.Score != nil {
				row[7] = *c.Score
			}
			if c.Effort != nil {
				row[9] = *c.Effort
			}
			if !yield(row, nil) {
				return
			}
		}
	}
	d := &download{rw: rw, name: fmt.Sprintf("候选企业-%s.xlsx", f.Tier), ascii: fmt.Sprintf("zjtx-candidates-%s.xlsx", f.Tier)}
	if err := xlsx.Table(d, "候选企业", cols, rows); err != nil && !d.started {
		httpx.Error(rw, r, err)
	}
}
