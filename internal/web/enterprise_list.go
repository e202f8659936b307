package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// listPageSizes are the page sizes offered (每页条数); the first is the
// default.
var listPageSizes = []int{20, 10, 50, 100}

var sortOptions = []option{
	{"updated", "最近更新"}, {"name", "企业名称"}, {"uscc", "统一社会信用代码"}, {"-created", "登记先后"},
}

var statusOptions = []option{
	{string(enterprise.StatusActive), "在营"}, {string(enterprise.StatusMovedOut), "迁出"}, {string(enterprise.StatusClosed), "注销"},
}

// option is one choice of a select.
type option struct {
	Value string
	Label string
}

// outcomeSelect is the filter on one tier's latest outcome: its options'
// values are "tier:outcome", the API's form.
type outcomeSelect struct {
	Tier     string
	Label    string
	Selected string
	Options  []option
}

type enterpriseListView struct {
	base
	Filter       enterprise.Filter
	Industry     string
	Regions      []option
	Tiers        []option
	Chains       []string
	Statuses     []option
	Sorts        []option
	OutcomeSel   []outcomeSelect
	Unrecognized []option
	Sizes        []int
	Size         int
	Items        []enterpriseRow
	Total        int
	Page         int
	Pages        int
	PrevURL      string
	NextURL      string
	Note         string    // a filter that was ignored, in Chinese
	ExportURL    string    // the Excel export of the same filters
	Hidden       []hidden  // the filters as hidden fields, for the page jump and the bulk forms
	Tiered       []tierCol // the outcome columns
	ShowScope    bool      // the region filter is offered (city)
}

type hidden struct{ Name, Value string }

type tierCol struct{ Tier, Label string }

type enterpriseRow struct {
	*enterprise.Record
	RegionName   string
	IndustryName string
}

// enterpriseList is the searchable, filtered list of the enterprises in the
// caller's scope, in the manner officials know from RuoYi-style systems:
// 查询 and 重置, page size and page jump, a page past the end shows the last
// one, ticked rows can be assessed or exported together, and every row has
// its 操作. An htmx request (the form's live search, the pager) gets the
// results block alone; a plain request the whole page.
func (w *Web) enterpriseList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := enterpriseListView{base: w.base(r, "企业档案", "enterprises"), Statuses: statusOptions, Sorts: sortOptions, Sizes: listPageSizes}
	f := w.listFilter(q)
	v.Size = listPageSizes[0]
	if n := queryInt(q, "size", 0, 1, 1000); slices.Contains(listPageSizes, n) {
		v.Size = n
	}
	f.Limit = v.Size
	v.Industry = strings.ToUpper(strings.TrimSpace(q.Get("industry")))
	if v.Industry != "" && f.Industry == "" {
		v.Note = "行业代码“" + v.Industry + "”格式不对，应为国民经济行业分类代码或其前缀，如 C34、C3484；已忽略该条件。"
	}
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	f.Offset = (v.Page - 1) * v.Size
	items, total, err := w.store.ListEnterprises(r.Context(), f)
	if err == nil && len(items) == 0 && total > 0 {
		// A page past the end (a bookmarked page of a list that shrank, a
		// jump too far) shows the last page.
		v.Page = (total + v.Size - 1) / v.Size
		f.Offset = (v.Page - 1) * v.Size
		items, total, err = w.store.ListEnterprises(r.Context(), f)
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Filter, v.Total, v.ExportURL, v.Hidden = f, total, exportURL(q), hiddenFilters(q)
	v.Pages = max(1, (total+v.Size-1)/v.Size)
	for _, it := range items {
		v.Items = append(v.Items, enterpriseRow{it, w.region[it.Region], enterprise.IndustryName(it.Industry)})
	}
	if v.Page > 1 {
		v.PrevURL = pageURL(q, v.Page-1)
	}
	if v.Page < v.Pages {
		v.NextURL = pageURL(q, v.Page+1)
	}
	for _, t := range enterprise.AssessedTiers {
		v.Tiered = append(v.Tiered, tierCol{t, tierShort[t]})
	}
	if isHTMX(r) {
		w.renderFragment(rw, r, http.StatusOK, "enterprise_list", "results", v)
		return
	}
	if v.ShowScope = v.User.IsCity(); v.ShowScope {
		for _, rg := range w.regions {
			v.Regions = append(v.Regions, option{rg.Code, rg.Name})
		}
	}
	v.Tiers = append(v.Tiers, option{"none", "无称号"})
	for _, t := range enterprise.Tiers {
		// The filter is on the highest title held: 专精特新 leaves out the
		// 小巨人, who hold it too, and the label says so.
		label := tierNames[t]
		if r := enterprise.TierRank(t); r < len(enterprise.Tiers)-1 {
			label += "（最高称号，不含更高梯度）"
		}
		v.Tiers = append(v.Tiers, option{t, label})
	}
	selected := map[string]string{}
	for _, o := range f.Outcomes {
		selected[o.Tier] = o.String()
	}
	for _, t := range enterprise.AssessedTiers {
		s := outcomeSelect{Tier: t, Label: tierNames[t], Selected: selected[t]}
		for _, o := range enterprise.Outcomes {
			s.Options = append(s.Options, option{t + ":" + o, enterprise.OutcomeLabel(o)})
		}
		v.OutcomeSel = append(v.OutcomeSel, s)
		v.Unrecognized = append(v.Unrecognized, option{t, tierNames[t]})
	}
	if v.Chains, err = w.store.EnterpriseChains(r.Context()); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "enterprise_list", v)
}

// listFilter reads the list's filters from the query, forgivingly: a bad
// value is dropped. The list page, the Excel export and the bulk assessment
// share it.
func (w *Web) listFilter(q url.Values) enterprise.Filter {
	f := enterprise.Filter{
		Q:            strings.TrimSpace(q.Get("q")),
		Region:       q.Get("region"),
		Tier:         oneOf(q.Get("tier"), append([]string{"none"}, enterprise.Tiers...)...),
		Chain:        strings.TrimSpace(q.Get("chain")),
		Status:       enterprise.Status(oneOf(q.Get("status"), "active", "moved_out", "closed")),
		Sort:         oneOf(q.Get("sort"), "updated", "name", "uscc", "-created"),
		Unrecognized: oneOf(q.Get("unrecognized"), enterprise.AssessedTiers...),
	}
	if len([]rune(f.Q)) > 100 {
		f.Q = string([]rune(f.Q)[:100])
	}
	if f.Region != "" && w.region[f.Region] == "" {
		f.Region = ""
	}
	if ind := strings.ToUpper(strings.TrimSpace(q.Get("industry"))); enterprise.IsIndustryPrefix(ind) {
		f.Industry = ind
	}
	seen := map[string]bool{}
	for _, s := range q["outcome"] {
		if o, err := enterprise.ParseTierOutcome(s); err == nil && !seen[o.Tier] {
			seen[o.Tier] = true
			f.Outcomes = append(f.Outcomes, o)
		}
	}
	for _, s := range q["id"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && len(f.IDs) < enterprise.MaxLimit {
			f.IDs = append(f.IDs, id)
		}
	}
	return f
}

// listQuery is the list page's query for f (the reverse of listFilter):
// where a bulk job's page links to the list it assessed.
func listQuery(f enterprise.Filter) url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Q, "region": f.Region, "tier": f.Tier, "industry": f.Industry,
		"chain": f.Chain, "status": string(f.Status), "unrecognized": f.Unrecognized} {
		if v != "" {
			q.Set(k, v)
		}
	}
	for _, o := range f.Outcomes {
		q.Add("outcome", o.String())
	}
	for _, id := range f.IDs {
		q.Add("id", strconv.FormatInt(id, 10))
	}
	return q
}

// listParams are the query parameters that make a list's filter (not its
// page or size), each possibly repeated.
var listParams = []string{"q", "region", "tier", "industry", "chain", "status", "sort", "outcome", "unrecognized", "id"}

// filterQuery copies the non-empty filter parameters of q.
func filterQuery(q url.Values) url.Values {
	c := url.Values{}
	for _, k := range listParams {
		for _, v := range q[k] {
			if v != "" {
				c.Add(k, v)
			}
		}
	}
	return c
}

// hiddenFilters are the filter parameters of q as hidden form fields.
func hiddenFilters(q url.Values) []hidden {
	var out []hidden
	c := filterQuery(q)
	for _, k := range listParams {
		for _, v := range c[k] {
			out = append(out, hidden{k, v})
		}
	}
	return out
}

// exportURL is the Excel export of the list with the same filters.
func exportURL(q url.Values) string {
	c := filterQuery(q)
	if len(c) == 0 {
		return "/enterprises/export.xlsx"
	}
	return "/enterprises/export.xlsx?" + c.Encode()
}

// pageURL is the list URL with the same filters and size on another page.
func pageURL(q url.Values, page int) string { return "/enterprises?" + withPage(q, page) }

// withPage is the query with the same non-empty parameters (repeated ones
// included) and another page.
func withPage(q url.Values, page int) string {
	c := url.Values{}
	for k, vs := range q {
		if k == "page" {
			continue
		}
		for _, v := range vs {
			if v != "" {
				c.Add(k, v)
			}
		}
	}
	c.Set("page", strconv.Itoa(page))
	return c.Encode()
}
