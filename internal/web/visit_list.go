package web

import (
	"net/http"
	"net/url"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type visitListView struct {
	base
	Overdue bool
	Region  string
	Regions []option
	Visits  []visitRow
	Late    []assignmentRow
	Total   int
	Pager   pagerView
}

// visitList lists the visits of the caller's scope, the latest first, or
// with overdue=1 the enterprises whose next visit by the cadence is past.
func (w *Web) visitList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := visitListView{base: w.base(r, "走访记录", "visits"), Overdue: q.Get("overdue") == "1", Regions: w.managedRegionOptions(r)}
	if code := q.Get("region"); w.region[code] != "" {
		v.Region = code
	}
	page := queryInt(q, "page", 1, 1, 1<<20)
	const size = 50
	if v.Overdue {
		items, total, err := w.store.ListAssignments(r.Context(), sqlstore.AssignmentFilter{Overdue: true, Region: v.Region, Limit: size, Offset: (page - 1) * size})
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.Total = total
		for _, s := range items {
			v.Late = append(v.Late, w.assignmentRowOf(s))
		}
	} else {
		items, total, err := w.store.ListVisits(r.Context(), sqlstore.VisitFilter{Region: v.Region, Limit: size, Offset: (page - 1) * size})
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.Total = total
		for _, x := range items {
			v.Visits = append(v.Visits, visitRowOf(x))
		}
	}
	keep := url.Values{}
	for _, k := range []string{"region", "overdue"} {
		if s := q.Get(k); s != "" {
			keep.Set(k, s)
		}
	}
	v.Pager = pagerOf("/visits", keep, page, v.Total, size)
	w.render(rw, r, http.StatusOK, "visit_list", v)
}
