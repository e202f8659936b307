package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// rewardItemChange returns the handler of an enterprise's action on its own
// item: confirm (with the 承诺书, to its confirmed account) or waive.
func (a *API) rewardItemChange(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var b struct {
			Version int64 `json:"version"`
			Pledge  bool  `json:"pledge"`
		}
		id, err := pathIDBody(r, &b)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		it, err := a.store.ChangeRewardItem(r.Context(), id, sqlstore.ItemChange{Action: action, Version: b.Version, Pledge: b.Pledge})
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusOK, it)
	}
}
