package web

import (
	"net/http"
)

// userFormView is the form that creates an account.
type userFormView struct {
	base
	Username, Name, Role, Region, Enterprise, Organization, Unit string
	Roles, Regions                                               []option
	Error                                                        string            // the form's message
	Fields                                                       map[string]string // input name → message
}

// userNew shows the empty form for a new account.
func (w *Web) userNew(rw http.ResponseWriter, r *http.Request) {
	w.renderUserForm(rw, r, http.StatusOK, userFormView{Role: "district"})
}

func (w *Web) renderUserForm(rw http.ResponseWriter, r *http.Request, status int, v userFormView) {
	v.base, v.Roles, v.Regions = w.base(r, "创建账号", "users"), roleOptions(), w.regionOptions()
	w.render(rw, r, status, "user_new", v)
}
