package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardRunList lists the runs an official may see, newest first.
func (a *API) rewardRunList(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.ListRewardRuns(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if list == nil {
		list = []*reward.Run{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}
