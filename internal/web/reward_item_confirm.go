package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// rewardItemConfirm confirms the enterprise's own item to its confirmed
// account, with the 承诺书 ticked.
func (w *Web) rewardItemConfirm(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	version, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	_, err = w.store.ChangeRewardItem(r.Context(), id, sqlstore.ItemChange{Action: "confirm", Version: version,
		Pledge: r.FormValue("pledge") == "on"})
	switch apperr.Code(err) {
	case "":
		redirect(rw, r, "/rewards?saved=1")
	case apperr.EINVALID, apperr.ECONFLICT:
		w.renderRewards(rw, r, http.StatusBadRequest, []string{apperr.Message(err)})
	default:
		httpx.Error(rw, r, err)
	}
}
