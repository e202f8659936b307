package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardObjectionCreate records an objection to an item during 公示.
func (a *API) rewardObjectionCreate(w http.ResponseWriter, r *http.Request) {
	var b struct {
		RaisedBy string `json:"raised_by"`
		Content  string `json:"content"`
	}
	id, err := pathIDBody(r, &b)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	o := &reward.Objection{ItemID: id, RaisedBy: b.RaisedBy, Content: b.Content}
	if err := a.store.CreateRewardObjection(r.Context(), o); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, o)
}
