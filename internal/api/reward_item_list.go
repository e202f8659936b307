package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardItemList lists the reward items in the caller's scope: for an
// enterprise, every public list it was on or left off, and why.
func (a *API) rewardItemList(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.ListRewardItems(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if list == nil {
		list = []*reward.RunItem{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}
