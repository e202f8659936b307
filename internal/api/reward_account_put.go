package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardAccountPut confirms the enterprise's own account for rewards; the
// holder must be the enterprise's name. The answer shows it masked.
func (a *API) rewardAccountPut(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Holder    string `json:"holder"`
		Bank      string `json:"bank"`
		AccountNo string `json:"account_no"`
		Version   int64  `json:"version"`
	}
	id, err := pathIDBody(r, &b)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ac := &reward.Account{EnterpriseID: id, Holder: b.Holder, Bank: b.Bank, AccountNo: b.AccountNo, Version: b.Version}
	if err := a.store.SaveRewardAccount(r.Context(), ac); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ac)
}
