package web

import (
	"net/http"
	"net/url"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// loginSubmit checks the credentials, starts a session in a cookie and goes
// on to the page asked for, or to the password change when the password
// expired or an administrator set it. Every refusal (wrong password, unknown
// or disabled account, an account locked for this address after five
// failures) shows the store's one message on the form again.
func (w *Web) loginSubmit(rw http.ResponseWriter, r *http.Request) {
	v := loginView{Username: formValue(r, "username"), Next: safeNext(r.FormValue("next")), Fields: map[string]string{},
		Resume: resumeFrom(r)}
	password := r.FormValue("password")
	if v.Username == "" {
		v.Fields["username"] = "请输入用户名"
	}
	if password == "" {
		v.Fields["password"] = "请输入密码"
	}
	if len(v.Fields) > 0 {
		v.base = w.base(r, "登录", "")
		w.render(rw, r, http.StatusBadRequest, "login", v)
		return
	}
	u, token, err := w.store.Login(r.Context(), v.Username, password,
		sqlstore.SessionMeta{UserAgent: r.UserAgent(), IP: httpx.ClientIP(r)})
	if err != nil {
		if !apperr.Is(err, apperr.EUNAUTHORIZED) {
			httpx.Error(rw, r, err)
			return
		}
		v.base, v.Error = w.base(r, "登录", ""), apperr.Message(err)
		w.render(rw, r, http.StatusUnauthorized, "login", v)
		return
	}
	// A new session, a new CSRF key: the session that was (a cookie someone
	// else may have planted) ends, and the pre-login key goes, so no token
	// seen before the login works after it.
	if old := httpx.Token(r); old != "" && !httpx.ViaBearer(r) {
		if err := w.store.DeleteSession(r.Context(), old); err != nil {
			w.log.Warn("end the previous session at login", "err", err)
		}
	}
	httpx.ClearCSRFCookie(rw, w.secure)
	httpx.SetSessionCookie(rw, token, w.secure)
	if u.MustChangePassword {
		http.Redirect(rw, r, "/account?next="+url.QueryEscape(v.Next), http.StatusSeeOther)
		return
	}
	if w.resumeAfterLogin(rw, r, u, token) {
		return
	}
	http.Redirect(rw, r, v.Next, http.StatusSeeOther)
}
