package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// tokenRevoke revokes one of the caller's API tokens.
func (w *Web) tokenRevoke(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if err := w.store.RevokeAPIToken(r.Context(), id); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, "/account?done=revoked")
}
