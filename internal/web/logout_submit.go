package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// logoutSubmit ends the session and clears its cookie.
func (w *Web) logoutSubmit(rw http.ResponseWriter, r *http.Request) {
	if err := w.store.DeleteSession(r.Context(), httpx.Token(r)); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	httpx.ClearSessionCookie(rw, w.secure)
	http.Redirect(rw, r, "/login", http.StatusSeeOther)
}
