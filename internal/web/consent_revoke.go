package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// consentRevoke revokes one of the enterprise's consents at once.
func (w *Web) consentRevoke(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if _, err := w.store.RevokeConsent(r.Context(), id); err != nil {
		backWith(rw, r, "/finance/consents", err)
		return
	}
	redirect(rw, r, "/finance/consents?done=revoked")
}
