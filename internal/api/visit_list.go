package api

import (
	"net/http"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// visitList lists the visits in the caller's scope, the latest first.
func (a *API) visitList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.VisitFilter{EnterpriseID: int64(q.int("enterprise_id", 0, 0, 1<<62)), OfficialID: int64(q.int("official_id", 0, 0, 1<<62)),
		Region: q.str("region", 6)}
	f.Limit = q.int("limit", enterprise.DefaultLimit, 1, enterprise.MaxLimit)
	f.Offset = q.int("offset", 0, 0, 1<<30)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, total, err := a.store.ListVisits(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := listOf[visitItem]{Items: make([]visitItem, len(items)), Total: total, Limit: f.Limit, Offset: f.Offset}
	for i, v := range items {
		out.Items[i] = visitOf(v)
	}
	httpx.JSON(w, http.StatusOK, out)
}
