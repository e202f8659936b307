package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// matchGet returns a match the caller may read, with its deliveries.
func (a *API) matchGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	var v struct {
		*hub.Match
		Deliveries []*hub.Delivery `json:"deliveries"`
	}
	if v.Match, err = a.store.GetMatch(r.Context(), id); err == nil {
		v.Deliveries, err = a.store.Deliveries(r.Context(), id)
	}
	answer(w, r, http.StatusOK, v, err)
}
