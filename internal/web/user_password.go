package web

import (
	"net/http"

	"zjtx/internal/auth"
)

// userPassword resets an account's password (the policy applies); the
// account's sessions end and its owner must change the password at the next
// login.
func (w *Web) userPassword(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		w.changeFailed(rw, r, "", err)
		return
	}
	it, err := w.store.GetUser(r.Context(), id)
	if err != nil {
		w.changeFailed(rw, r, "", err)
		return
	}
	pw := r.FormValue("password")
	if err := auth.ValidatePassword(pw, it.Username); err != nil {
		w.changeFailed(rw, r, "password", err)
		return
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		w.changeFailed(rw, r, "", err)
		return
	}
	w.applyChange(rw, r, "password", "password", auth.UserChange{PasswordHash: hash, MustChange: true})
}
