package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

type loginView struct {
	base
	Username string
	Next     string
	Error    string            // the form's message: wrong password, account locked
	Fields   map[string]string // input name → message
	Resume   *resumeForm       // a form interrupted by the end of the session (login_resume.go)
}

// loginShow shows the login form; a logged-in visitor goes home.
func (w *Web) loginShow(rw http.ResponseWriter, r *http.Request) {
	if _, ok := httpx.Caller(r); ok {
		http.Redirect(rw, r, "/", http.StatusSeeOther)
		return
	}
	w.render(rw, r, http.StatusOK, "login", loginView{base: w.base(r, "登录", ""), Next: safeNext(r.URL.Query().Get("next"))})
}
