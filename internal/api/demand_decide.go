package api

import "net/http"

// demandDecide is the enterprise's answer to a demand proposed from its gap:
// {"confirm": true} opens it, false declines it.
func (a *API) demandDecide(w http.ResponseWriter, r *http.Request) {
	change(w, r, func(id, version int64, b *struct {
		versionBody
		Confirm bool `json:"confirm"`
	}) (any, error) {
		return a.store.DecideDemand(r.Context(), id, version, b.Confirm)
	})
}
