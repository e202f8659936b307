package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
)

// rewardRunCreate makes a dry run of the chosen policy and shows it; a
// policy that cannot be run is named on the list page.
func (w *Web) rewardRunCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.FormValue("policy_id"), 10, 64)
	if err != nil || id <= 0 {
		w.renderRewards(rw, r, http.StatusBadRequest, []string{"请选择奖励政策"})
		return
	}
	run, err := w.store.CreateRewardRun(r.Context(), id)
	if apperr.Is(err, apperr.EINVALID) {
		w.renderRewards(rw, r, http.StatusBadRequest, []string{apperr.Message(err)})
		return
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, "/rewards/runs/"+strconv.FormatInt(run.ID, 10))
}
