package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/auth"
)

// userUpdate saves an account's name, organisation and status (启用/停用)
// from its form, against the version the form was shown with.
func (w *Web) userUpdate(rw http.ResponseWriter, r *http.Request) {
	name, org := formValue(r, "name"), formValue(r, "organization")
	disabled := r.FormValue("status") == auth.UserDisabled
	ch := auth.UserChange{Name: &name, Disabled: &disabled}
	if r.Form.Has("organization") {
		ch.Organization = &org
	}
	if unit := formValue(r, "unit"); r.Form.Has("unit") {
		ch.Unit = &unit
	}
	w.applyChange(rw, r, "", "updated", ch)
}

// applyChange applies an administrator's change to the {id} path's account
// and goes back to its page, saying what was done.
func (w *Web) applyChange(rw http.ResponseWriter, r *http.Request, field, done string, ch auth.UserChange) {
	id, err := pathID(r, "id")
	if err != nil {
		w.changeFailed(rw, r, "", err)
		return
	}
	if _, err := w.store.UpdateUser(r.Context(), id, formVersion(r), ch); err != nil {
		w.changeFailed(rw, r, field, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/users/%d?done=%s", id, done))
}
