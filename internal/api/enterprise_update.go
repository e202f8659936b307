package api

import (
	"net/http"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// enterpriseUpdate replaces an enterprise's profile (and, for officials,
// its chain and status). The expected version comes from the body's
// "version" or the If-Match header; a stale one is 409.
func (a *API) enterpriseUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	version, err := ifMatch(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	doc, err := httpx.ReadBody(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	// Scope first: out of scope is 404 whatever the body says.
	old, err := a.store.GetEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	body, p, err := a.readEnterpriseBody(doc)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if body.Version != 0 {
		version = body.Version
	}
	rec := &enterprise.Record{ID: id, Profile: p, Chain: old.Chain, Status: old.Status, Version: version}
	if body.Chain != nil {
		rec.Chain = *body.Chain
	}
	if body.Status != nil {
		rec.Status = enterprise.Status(*body.Status)
	}
	a.saveEnterprise(w, r, rec)
}

// saveEnterprise writes an update and answers with the new record.
func (a *API) saveEnterprise(w http.ResponseWriter, r *http.Request, rec *enterprise.Record) {
	if err := a.store.UpdateEnterprise(r.Context(), rec); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(rec.Version))
	httpx.JSON(w, http.StatusOK, a.view(rec))
}
