package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// rewardObjectionDecide records the city's decision on an objection:
// maintained (维持) or withdrawn (撤销, the item leaves the list).
func (a *API) rewardObjectionDecide(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Version  int64  `json:"version"`
		Outcome  string `json:"outcome"`
		Decision string `json:"decision"`
	}
	id, err := pathIDBody(r, &b)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := a.store.DecideRewardObjection(r.Context(), id, b.Version, b.Outcome, b.Decision); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
