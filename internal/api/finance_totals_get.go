package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// totalsGet sums active lines and outstanding loans by=tier|bank|region.
func (a *API) totalsGet(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	by := q.oneOf("by", []string{"tier", "bank", "region"})
	if by == "" {
		by = "tier"
	}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, err := a.store.FinanceTotals(r.Context(), by)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items(w, list, len(list))
}
