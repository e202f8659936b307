package web

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// A form submitted after the session ended (30 idle minutes) is not lost:
// the login page carries what was typed in hidden fields, and after the
// login a page offers to submit it again to where it was going, with the
// new session's CSRF token. Nothing is submitted without the user's click:
// the person logging in may not be the one who typed, and the form may be
// an hour old. Files cannot be carried; the page says so.

// resumePrefix names the login form's hidden fields that carry the
// interrupted form's values; resumeAction carries where it was going.
const (
	resumePrefix = "resume:"
	resumeAction = "resume_action"
)

// resumeForm is an interrupted form: where it was posted and its values.
type resumeForm struct {
	Action string
	Fields []resumeField
	Back   string // the page the form was on
	Lost   bool   // it carried a file, which cannot be kept
}

type resumeField struct{ Name, Value string }

// HiddenName is the name of a value's hidden field on the login form.
func (f resumeField) HiddenName() string { return resumePrefix + f.Name }

// noResume are posts not worth resuming after a login.
var noResume = map[string]bool{"/login": true, "/logout": true}

// interrupted reads the form of a POST refused because the session ended.
func interrupted(r *http.Request) *resumeForm {
	if noResume[r.URL.Path] {
		return nil
	}
	rf := &resumeForm{Action: r.URL.Path, Back: refererPath(r)}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		rf.Lost = true
		return rf
	}
	if err := r.ParseForm(); err != nil {
		return rf
	}
	rf.Fields = fieldsOf(r.PostForm, "")
	return rf
}

// resumeFrom reads the interrupted form the login form carries.
func resumeFrom(r *http.Request) *resumeForm {
	action := r.PostFormValue(resumeAction)
	if action == "" || safeNext(action) != action {
		return nil
	}
	return &resumeForm{Action: action, Fields: fieldsOf(r.PostForm, resumePrefix), Back: safeNext(r.PostFormValue("next"))}
}

// fieldsOf lists the values whose names start with prefix, without it, in
// a stable order; the old CSRF token and any password are left behind.
func fieldsOf(form url.Values, prefix string) []resumeField {
	var out []resumeField
	for _, name := range slices.Sorted(maps.Keys(form)) {
		n, ok := strings.CutPrefix(name, prefix)
		if !ok || n == httpx.CSRFField || n == "password" || n == resumeAction || strings.HasPrefix(n, resumePrefix) {
			continue
		}
		for _, v := range form[name] {
			out = append(out, resumeField{Name: n, Value: v})
		}
	}
	return out
}

// refererPath is the page a form was posted from, when it is one of ours.
func refererPath(r *http.Request) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Host != r.Host {
		return "/"
	}
	return safeNext(u.RequestURI())
}

// loginToResume answers a form posted after the session ended with the
// login page, carrying the form.
func (w *Web) loginToResume(rw http.ResponseWriter, r *http.Request) {
	rf := interrupted(r)
	v := loginView{base: w.base(r, "登录", ""), Next: refererPath(r), Resume: rf,
		Error: "登录已超时，请重新登录。"}
	switch {
	case rf == nil:
	case rf.Lost:
		v.Error += "上传的文件无法保留，登录后请重新上传。"
	default:
		v.Error += "登录后可继续提交刚才填写的内容。"
	}
	w.render(rw, r, http.StatusUnauthorized, "login", v)
}

type resumeView struct {
	base
	Resume *resumeForm
}

// resumeAfterLogin shows, right after a login, the interrupted form ready to
// be submitted again with the new session (token). It reports whether there
// was one.
func (w *Web) resumeAfterLogin(rw http.ResponseWriter, r *http.Request, u *auth.User, token string) bool {
	rf := resumeFrom(r)
	if rf == nil || len(rf.Fields) == 0 {
		return false
	}
	b := w.base(r, "继续提交", "")
	b.CSRF = httpx.CSRFTokenForSession(token)
	b.User = w.userOf(u.Caller())
	w.render(rw, r, http.StatusOK, "login_resume", resumeView{base: b, Resume: rf})
	return true
}
