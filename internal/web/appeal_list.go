package web

import (
	"net/http"
	"net/url"
	"strconv"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type appealListView struct {
	base
	Items          []appealRow
	Total          int
	Status, Region string
	Overdue, Open  bool
	Statuses       []option
	Regions        []option
	Pager          pagerView
}

// appealList is the issue ledger (诉求台账) of the caller's scope, filtered
// by status, district, open and overdue (late on a 13710 deadline).
func (w *Web) appealList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := appealListView{base: w.base(r, "诉求台账", "appeals"), Status: oneOf(q.Get("status"), baolian.Statuses...),
		Overdue: q.Get("overdue") == "1", Open: q.Get("open") == "1", Regions: w.managedRegionOptions(r)}
	if code := q.Get("region"); w.region[code] != "" {
		v.Region = code
	}
	page := queryInt(q, "page", 1, 1, 1<<20)
	const size = 50
	items, total, err := w.store.ListAppeals(r.Context(), sqlstore.AppealFilter{Status: v.Status, Region: v.Region, Overdue: v.Overdue,
		Open: v.Open, Limit: size, Offset: (page - 1) * size})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Total = total
	for _, p := range items {
		v.Items = append(v.Items, w.appealRowOf(p))
	}
	names := map[string]string{}
	for _, s := range baolian.Statuses {
		names[s] = baolian.StatusName(s)
	}
	v.Statuses = options(baolian.Statuses, names)
	keep := url.Values{}
	for _, k := range []string{"status", "region", "overdue", "open"} {
		if s := q.Get(k); s != "" {
			keep.Set(k, s)
		}
	}
	v.Pager = pagerOf("/appeals", keep, page, total, size)
	w.render(rw, r, http.StatusOK, "appeal_list", v)
}

// pagerView is what the "pager" partial shows.
type pagerView struct {
	Page, Pages      int
	PrevURL, NextURL string
}

func pagerOf(path string, q url.Values, page, total, size int) pagerView {
	pages := max(1, (total+size-1)/size)
	at := func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return path + "?" + q.Encode()
	}
	p := pagerView{Page: page, Pages: pages}
	if page > 1 {
		p.PrevURL = at(page - 1)
	}
	if page < pages {
		p.NextURL = at(page + 1)
	}
	return p
}
