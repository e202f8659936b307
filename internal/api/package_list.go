package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
)

// packageList lists the cultivation service packages of a tier and chain.
func (a *API) packageList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	tier, chain := q.oneOf("tier", cultivation.Tiers), q.oneOf("chain", hub.Default().Chains)
	if err := q.err(); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	list, err := a.store.ListPackages(r.Context(), tier, chain)
	answer(w, r, http.StatusOK, map[string]any{"items": list}, err)
}
