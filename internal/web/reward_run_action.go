package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/reward"
	"zjtx/internal/sqlstore"
)

// rewardRunActions maps the page's action names to the store's.
var rewardRunActions = map[string]string{"submit": reward.ActSubmit, "approve": reward.ActApprove, "return": reward.ActReturn,
	"publicize": reward.ActPublicize, "close-publicity": reward.ActClose, "start-confirmation": reward.ActConfirming,
	"export": reward.ActExport, "cancel": reward.ActCancel}

// rewardRunAction applies an action to a run from its form (with the
// version the page showed); a refusal — the preparer approving, a window
// not yet over — is shown on the run page with its status.
func (w *Web) rewardRunAction(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	action, ok := rewardRunActions[r.PathValue("action")]
	if !ok {
		httpx.Error(rw, r, apperr.Errorf(apperr.ENOTFOUND, "未知的操作"))
		return
	}
	version, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	days, _ := strconv.Atoi(r.FormValue("days"))
	_, err = w.store.ChangeRewardRun(r.Context(), id, sqlstore.RunChange{Action: action, Version: version,
		Opinion: r.FormValue("opinion"), NoticeNo: r.FormValue("notice_no"), Days: days, Reason: r.FormValue("reason")})
	switch apperr.Code(err) {
	case "":
		redirect(rw, r, "/rewards/runs/"+strconv.FormatInt(id, 10))
	case apperr.EINVALID, apperr.ECONFLICT, apperr.EPRECONDITION:
		w.renderRun(rw, r, http.StatusConflict, []string{apperr.Message(err)})
	case apperr.EFORBIDDEN:
		w.renderRun(rw, r, http.StatusForbidden, []string{apperr.Message(err)})
	default:
		httpx.Error(rw, r, err)
	}
}
