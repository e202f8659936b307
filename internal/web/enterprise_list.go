package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// listPageSize is the list page's page size.
const listPageSize = 20

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

type enterpriseListView struct {
	base
	Filter    enterprise.Filter
	Industry  string
	Regions   []option
	Tiers     []option
	Chains    []string
	Statuses  []option
	Sorts     []option
	Items     []enterpriseRow
	Total     int
	Page      int
	Pages     int
	PrevURL   string
	NextURL   string
	Note      string // a filter that was ignored, in Chinese
	ExportURL string // the Excel export of the same filters
	ShowScope bool   // the region filter is offered (city)
}

type enterpriseRow struct {
	*enterprise.Record
	RegionName string
}

// enterpriseList is the searchable, filtered list of the enterprises in the
// caller's scope. An htmx request (the form's live search, the pager) gets
// the results block alone; a plain request the whole page.
func (w *Web) enterpriseList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := enterpriseListView{base: w.base(r, "企业档案", "enterprises"), Statuses: statusOptions, Sorts: sortOptions}
	f := w.listFilter(q)
	f.Limit = listPageSize
	v.Industry = strings.ToUpper(strings.TrimSpace(q.Get("industry")))
	if v.Industry != "" && f.Industry == "" {
		v.Note = "行业代码“" + v.Industry + "”格式不对，应为国民经济行业分类代码或其前缀，如 C34、C3484；已忽略该条件。"
	}
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	f.Offset = (v.Page - 1) * listPageSize
	items, total, err := w.store.ListEnterprises(r.Context(), f)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Filter, v.Total, v.ExportURL = f, total, exportURL(q)
	v.Pages = max(1, (total+listPageSize-1)/listPageSize)
	for _, it := range items {
		v.Items = append(v.Items, enterpriseRow{it, w.region[it.Region]})
	}
	if v.Page > 1 {
		v.PrevURL = pageURL(q, v.Page-1)
	}
	if v.Page < v.Pages {
		v.NextURL = pageURL(q, v.Page+1)
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
		v.Tiers = append(v.Tiers, option{t, tierNames[t]})
	}
	if v.Chains, err = w.store.EnterpriseChains(r.Context()); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "enterprise_list", v)
}

// listFilter reads the list's filters from the query, forgivingly: a bad
// value is dropped. The list page and the Excel export share it.
func (w *Web) listFilter(q url.Values) enterprise.Filter {
	f := enterprise.Filter{
		Q:      strings.TrimSpace(q.Get("q")),
		Region: q.Get("region"),
		Tier:   oneOf(q.Get("tier"), append([]string{"none"}, enterprise.Tiers...)...),
		Chain:  strings.TrimSpace(q.Get("chain")),
		Status: enterprise.Status(oneOf(q.Get("status"), "active", "moved_out", "closed")),
		Sort:   oneOf(q.Get("sort"), "updated", "name", "uscc", "-created"),
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
	return f
}

// exportURL is the Excel export of the list with the same filters.
func exportURL(q url.Values) string {
	c := url.Values{}
	for k, vs := range q {
		if k != "page" && len(vs) > 0 && vs[0] != "" {
			c.Set(k, vs[0])
		}
	}
	if len(c) == 0 {
		return "/enterprises/export.xlsx"
	}
	return "/enterprises/export.xlsx?" + c.Encode()
}

// pageURL is the list URL with the same filters on another page.
func pageURL(q url.Values, page int) string { return "/enterprises?" + withPage(q, page) }

// withPage is the query with the same non-empty filters and another page.
func withPage(q url.Values, page int) string {
	c := url.Values{}
	for k, vs := range q {
		if k != "page" && len(vs) > 0 && vs[0] != "" {
			c.Set(k, vs[0])
		}
	}
	c.Set("page", strconv.Itoa(page))
	return c.Encode()
}
