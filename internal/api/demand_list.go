package api

import (
	"net/http"
	"slices"

	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// demandList lists the demands in the caller's scope (an institution: those
// routed to it), filtered by enterprise, status, category and source.
func (a *API) demandList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.DemandFilter{EnterpriseID: int64(q.int("enterprise_id", 0, 0, 1<<62)),
		Status:   q.oneOf("status", []string{hub.DemandProposed, hub.DemandOpen, hub.DemandClosed, hub.DemandDeclined}),
		Category: q.oneOf("category", hub.Categories), Source: q.oneOf("source", slices.Sorted(mapKeys(hub.SourceZH))),
		Limit: q.int("limit", 50, 1, 500), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	page, err := a.store.ListDemands(r.Context(), f)
	answer(w, r, http.StatusOK, page, err)
}
