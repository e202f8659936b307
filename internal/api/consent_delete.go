package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// consentDelete revokes a consent at once: the bank's next request no
// longer sees the enterprise. The record stays (revoked_at), for the audit.
func (a *API) consentDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	k, err := a.store.RevokeConsent(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, k)
}
