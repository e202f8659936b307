package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// enterpriseGet returns one enterprise record with its profile. Out of the
// caller's scope it does not exist (404).
func (a *API) enterpriseGet(w http.ResponseWriter, r *http.Request) {
	rec, err := a.pathEnterprise(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(rec.Version))
	httpx.JSON(w, http.StatusOK, a.view(rec))
}
