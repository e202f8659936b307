package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardObjectionList lists the objections to a run's items in scope.
func (a *API) rewardObjectionList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, err := a.store.ListRewardObjections(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if list == nil {
		list = []*reward.Objection{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}
