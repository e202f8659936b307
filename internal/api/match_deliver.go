package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// matchDeliver records the delivery of a signed match with its evidence
// (the institution).
func (a *API) matchDeliver(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		versioned
		hub.Delivery
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
	m, err := a.store.DeliverMatch(r.Context(), id, version, &b.Delivery)
	answer(w, r, http.StatusOK, m, err)
}
