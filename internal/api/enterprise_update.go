package api

import (
	"net/http"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// enterpriseUpdate replaces an enterprise's profile (and, for officials,
// its chain and status). The version it was made from comes from the body's
// "version" or the If-Match header: none is 428, a stale one 409. A change
// to a field the caller's role may not write is 403 naming the field
// (enterprise.FieldAuthority), checked by the store.
func (a *API) enterpriseUpdate(w http.ResponseWriter, r *http.Request) {
	u, err := a.readUpdate(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	body, p, err := a.readEnterpriseBody(u.body)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	version, err := bodyVersion(u.version, body.Version)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec := &enterprise.Record{ID: u.old.ID, Profile: p, Chain: u.old.Chain, Status: u.old.Status, Version: version}
	body.apply(rec)
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
