package web

import (
	"net/http"
	"net/url"

	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

const demandPageSize = 50

type demandListView struct {
	base
	Status     string
	Statuses   []option
	Categories []option
	Urgencies  []option
	Items      []*hub.Demand
	Total      int
	Page       int
	PrevURL    string
	NextURL    string
	CanPost    bool // an enterprise or an official
	ForOther   bool // an official posts on an enterprise's behalf
	Proposed   int  // how many demands the last 从差距项生成 proposed, -1 when none asked
	Problem    string
	Form       map[string]string
	// Names of the codes, for the table.
	StatusNames, SourceNames, UrgencyNames map[string]string
}

// demandList lists the demands in the caller's scope (an institution: those
// routed to it) with the form to post one.
func (w *Web) demandList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.demandListPage(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "hub_demands", v)
}

func (w *Web) demandListPage(r *http.Request) (demandListView, error) {
	q := r.URL.Query()
	c := caller(r)
	v := demandListView{base: w.base(r, "服务需求", "demands"),
		Statuses:   options([]string{hub.DemandProposed, hub.DemandOpen, hub.DemandClosed, hub.DemandDeclined}, hub.DemandStatusZH),
		Categories: hubCategoryOptions(), Urgencies: options(hub.Urgencies, hub.UrgencyZH),
		CanPost:  c.Role == "enterprise" || c.Role == "city" || c.Role == "district",
		ForOther: c.Role == "city" || c.Role == "district", Proposed: queryInt(q, "proposed", -1, 0, 1000), Form: map[string]string{},
		StatusNames: hub.DemandStatusZH, SourceNames: hub.SourceZH, UrgencyNames: hub.UrgencyZH}
	v.Status = oneOf(q.Get("status"), hub.DemandProposed, hub.DemandOpen, hub.DemandClosed, hub.DemandDeclined)
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	page, err := w.store.ListDemands(r.Context(), sqlstore.DemandFilter{Status: v.Status, Limit: demandPageSize,
		Offset: (v.Page - 1) * demandPageSize})
	if err != nil {
		return v, err
	}
	v.Items, v.Total = page.Items, page.Total
	link := func(n int) string { return "/demands?" + withPage(url.Values{"status": {v.Status}}, n) }
	if v.Page > 1 {
		v.PrevURL = link(v.Page - 1)
	}
	if v.Page*demandPageSize < v.Total {
		v.NextURL = link(v.Page + 1)
	}
	return v, nil
}
