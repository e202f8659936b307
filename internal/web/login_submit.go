package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// loginSubmit checks the credentials, starts a session in a cookie and goes
// on to the page asked for. Wrong credentials and a locked account (five
// failures in a row, counted by the store) show the store's Chinese message
// on the form again.
func (w *Web) loginSubmit(rw http.ResponseWriter, r *http.Request) {
	v := loginView{Username: formValue(r, "username"), Next: safeNext(r.FormValue("next")), Fields: map[string]string{}}
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
	_, token, err := w.store.Login(r.Context(), v.Username, password,
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
	httpx.SetSessionCookie(rw, token, w.secure)
	http.Redirect(rw, r, v.Next, http.StatusSeeOther)
}
