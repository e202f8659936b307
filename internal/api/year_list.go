package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// yearList returns an enterprise's figures by year.
func (a *API) yearList(w http.ResponseWriter, r *http.Request) {
	rec, err := a.pathEnterprise(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(rec.Version))
	httpx.JSON(w, http.StatusOK, yearsOf(rec))
}
