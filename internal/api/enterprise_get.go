package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// enterpriseGet returns one enterprise record with its profile. Out of the
// caller's scope it does not exist (404).
func (a *API) enterpriseGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec, err := a.store.GetEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(rec.Version))
	httpx.JSON(w, http.StatusOK, a.view(rec))
}
