package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// yearList returns an enterprise's figures by year.
func (a *API) yearList(w http.ResponseWriter, r *http.Request) {
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
	httpx.JSON(w, http.StatusOK, yearsOf(rec))
}
