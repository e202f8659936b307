package web

import (
	"errors"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// accountPassword changes the caller's own password: the current one must
// be given, the new one twice and by the policy. The caller's other sessions
// end; this one goes on, to the page it was sent from when the change was
// forced.
func (w *Web) accountPassword(rw http.ResponseWriter, r *http.Request) {
	next := r.FormValue("password")
	field, err := "password2", error(nil)
	if next != r.FormValue("password2") {
		err = apperr.Errorf(apperr.EINVALID, "两次输入的新密码不一致")
	} else {
		err = w.store.ChangeOwnPassword(r.Context(), r.FormValue("current_password"), next, httpx.Token(r))
		var fe *sqlstore.PasswordFieldError
		if errors.As(err, &fe) {
			field = fe.Field
		} else {
			field = ""
		}
	}
	if err == nil {
		if n := r.FormValue("next"); n != "" {
			redirect(rw, r, safeNext(n))
			return
		}
		redirect(rw, r, "/account?done=password")
		return
	}
	if apperr.Code(err) != apperr.EINVALID || field == "" {
		httpx.Error(rw, r, err)
		return
	}
	w.renderAccount(rw, r, http.StatusBadRequest, func(v *accountView) { v.Fields[field] = apperr.Message(err) })
}
