package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// rewardRunGet returns a run with its items in the caller's scope: a
// district official sees its district's items only.
func (a *API) rewardRunGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	run, err := a.store.GetRewardRun(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, runOf(run))
}
