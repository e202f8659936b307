package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardPolicyList lists the reward policies the caller may read: the
// city's and its district's.
func (a *API) rewardPolicyList(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.ListRewardPolicies(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if list == nil {
		list = []*reward.Policy{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}
