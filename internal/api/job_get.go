package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// jobGet reports a background job's progress, if the job is in the
// caller's scope (a district official's own district's jobs); otherwise 404.
func (a *API) jobGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	j, err := a.store.GetJob(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, jobOf(j))
}
