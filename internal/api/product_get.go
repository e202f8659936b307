package api

import "net/http"

// productGet returns a product the caller may read.
func (a *API) productGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	p, err := a.store.GetProduct(r.Context(), id)
	answer(w, r, http.StatusOK, p, err)
}
