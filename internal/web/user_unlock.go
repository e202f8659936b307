package web

import (
	"net/http"

	"zjtx/internal/auth"
)

// userUnlock lifts an account's locks: the administrator's and those of
// every address.
func (w *Web) userUnlock(rw http.ResponseWriter, r *http.Request) {
	w.applyChange(rw, r, "", "unlocked", auth.UserChange{Unlock: true})
}
