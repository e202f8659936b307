package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// referralAnswer records the bank's answer to a referral: {answer:
// accepted|declined, reason, version}.
func (a *API) referralAnswer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b struct {
		Answer  string `json:"answer"`
		Reason  string `json:"reason"`
		Version int64  `json:"version"`
	}
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if b.Version <= 0 {
		httpx.Error(w, r, httpx.Invalid("请求体有误", httpx.Field{Path: "version", Message: "version：必填，所依据的推送记录版本"}))
		return
	}
	ref, err := a.store.AnswerReferral(r.Context(), id, b.Version, b.Answer, b.Reason)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ref)
}
