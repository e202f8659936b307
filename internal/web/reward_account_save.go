package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardAccountSave confirms the enterprise's own account; a holder that
// is not the enterprise's name is refused on the page.
func (w *Web) rewardAccountSave(rw http.ResponseWriter, r *http.Request) {
	c, _ := httpx.Caller(r)
	version, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	ac := &reward.Account{EnterpriseID: c.EnterpriseID, Holder: r.FormValue("holder"), Bank: r.FormValue("bank"),
		AccountNo: r.FormValue("account_no"), Version: version}
	err := w.store.SaveRewardAccount(r.Context(), ac)
	switch apperr.Code(err) {
	case "":
		redirect(rw, r, "/rewards?saved=1")
	case apperr.EINVALID, apperr.ECONFLICT:
		w.renderRewards(rw, r, http.StatusBadRequest, []string{apperr.Message(err)})
	default:
		httpx.Error(rw, r, err)
	}
}
