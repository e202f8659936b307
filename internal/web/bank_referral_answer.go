package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// bankReferralAnswer records the bank's answer to a referral from the list.
func (w *Web) bankReferralAnswer(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	version, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	_, err = w.store.AnswerReferral(r.Context(), id, version, r.FormValue("answer"), r.FormValue("reason"))
	backWith(rw, r, "/bank/referrals", err)
}
