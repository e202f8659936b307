package api

import (
	"net/http"
	"strings"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
)

type backupAddRequest struct {
	EnterpriseID int64  `json:"enterprise_id"`
	Reason       string `json:"reason"`
}

// backupListAdd puts an enterprise of the caller's scope on a tier's list
// by hand (source manual): 201 with the entry; 409 when it is on the list
// already; an enterprise out of scope is 404.
func (a *API) backupListAdd(w http.ResponseWriter, r *http.Request) {
	tier, err := pathTier(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req backupAddRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	req.Reason = strings.TrimSpace(req.Reason)
	ps := cultivation.ReasonProblems(req.Reason)
	if req.EnterpriseID <= 0 {
		ps = append([]cultivation.Problem{{Path: "enterprise_id", Message: "enterprise_id：请指定企业", MessageEN: "enterprise_id is required"}}, ps...)
	}
	if err := problemsInvalid(ps); err != nil {
		httpx.Error(w, r, err)
		return
	}
	e, err := a.store.AddBackupEntry(r.Context(), req.EnterpriseID, tier, req.Reason)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.answerEntry(w, r, http.StatusCreated, e)
}
