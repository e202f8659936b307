package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// bankEnterpriseGet returns the consented scopes of one enterprise's data
// and its room under the cap; audited as a use of the consent.
func (a *API) bankEnterpriseGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	v, err := a.store.BankEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, v)
}
