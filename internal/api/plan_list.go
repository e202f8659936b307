package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

type planList struct {
	Items []planView `json:"items"`
	Total int        `json:"total"`
}

// planList lists an enterprise's cultivation plans with their tasks, newest
// first: officials in scope and the enterprise's own account.
func (a *API) planList(w http.ResponseWriter, r *http.Request) {
	rec, err := a.pathEnterprise(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ps, err := a.store.EnterprisePlans(r.Context(), rec.ID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	today := a.today()
	out := planList{Items: make([]planView, len(ps)), Total: len(ps)}
	for i, p := range ps {
		out.Items[i] = planOf(p, today)
	}
	httpx.JSON(w, http.StatusOK, out)
}
