package api

import "net/http"

// demandDecide is the enterprise's answer to a demand proposed from its gap:
// {"confirm": true} opens it, false declines it.
func (a *API) demandDecide(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		versioned
		Confirm bool `json:"confirm"`
	}](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	id, version, err := idAndVersion(r, b.Version)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	d, err := a.store.DecideDemand(r.Context(), id, version, b.Confirm)
	answer(w, r, http.StatusOK, d, err)
}
