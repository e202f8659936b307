package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// enterpriseCreate registers an enterprise: the city in any district, a
// district official in its own (the store refuses others with 403).
func (a *API) enterpriseCreate(w http.ResponseWriter, r *http.Request) {
	doc, err := httpx.ReadBody(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	body, p, err := a.readEnterpriseBody(doc)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec := &enterprise.Record{Profile: p}
	body.apply(rec)
	if err := a.store.CreateEnterprise(r.Context(), rec); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/enterprises/"+strconv.FormatInt(rec.ID, 10))
	w.Header().Set("ETag", etag(rec.Version))
	httpx.JSON(w, http.StatusCreated, a.view(rec))
}
