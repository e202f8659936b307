package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// overviewGet returns 专精特新险 products and policies, the fund reserve,
// bridging requests, central-fund projects and equipment subsidies in the
// caller's scope (enterprise_id narrows to one enterprise).
func (a *API) overviewGet(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	id := int64(q.int("enterprise_id", 0, 0, 1<<62))
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := a.store.FinanceOverview(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, o)
}
