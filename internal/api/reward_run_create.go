package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardRunCreate makes a dry run (试算) of a policy: every enterprise with
// a qualifying recognition, proposed with its explanation or excluded with
// its reason, as a draft run. The city only.
func (a *API) rewardRunCreate(w http.ResponseWriter, r *http.Request) {
	var b struct {
		PolicyID int64 `json:"policy_id"`
	}
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if b.PolicyID <= 0 {
		httpx.Error(w, r, apperr.Errorf(apperr.EINVALID, "须指定奖励政策（policy_id）"))
		return
	}
	run, err := a.store.CreateRewardRun(r.Context(), b.PolicyID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/reward-runs/"+strconv.FormatInt(run.ID, 10))
	httpx.JSON(w, http.StatusCreated, runOf(run))
}

// runOf is a run as the API answers it: never a null list.
func runOf(run *reward.Run) *reward.Run {
	if run.Items == nil {
		run.Items = []*reward.RunItem{}
	}
	return run
}

// pathIDBody reads the path's {id} and the JSON body into dst: what every
// action on a reward run, item or objection starts with.
func pathIDBody(r *http.Request, dst any) (int64, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, httpx.DecodeJSON(r, dst)
}
