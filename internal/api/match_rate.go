package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// matchRate records the enterprise's rating of a delivered match.
func (a *API) matchRate(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		versioned
		hub.Rating
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
	m, err := a.store.RateMatch(r.Context(), id, version, &b.Rating)
	answer(w, r, http.StatusOK, m, err)
}
