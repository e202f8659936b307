package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
)

// packageProducts lists the products of the packages for a tier and chain:
// what a district picks from for an enterprise's cultivation plan.
func (a *API) packageProducts(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	tier, chain := q.oneOf("tier", cultivation.Tiers), q.oneOf("chain", hub.Default().Chains)
	if tier == "" {
		q.bad("tier", "必填，应为 innovative、srdi 或 little_giant")
	}
	if err := q.err(); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	list, err := a.store.PackageProducts(r.Context(), tier, chain)
	answer(w, r, http.StatusOK, map[string]any{"items": list}, err)
}
