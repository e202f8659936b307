package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// rewardAccountGet returns an enterprise's confirmed account, masked.
func (a *API) rewardAccountGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ac, err := a.store.GetRewardAccount(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ac)
}
