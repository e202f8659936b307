package api

import (
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

// appealCreate registers an issue: an official's for an enterprise of the
// district, an enterprise account's for itself (source enterprise). The
// 13710 deadlines run from now: 201 with them.
func (a *API) appealCreate(w http.ResponseWriter, r *http.Request) {
	var req appealRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if c, _ := auth.CallerFrom(r.Context()); c.Role == auth.RoleEnterprise {
		req.Source, req.EnterpriseID = baolian.SourceEnterprise, c.EnterpriseID
	}
	n := req.newAppeal()
	if err := invalidAs("诉求登记有误", n.Problems()); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := a.store.CreateAppeal(r.Context(), n)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.answerAppeal(w, http.StatusCreated, p)
}
