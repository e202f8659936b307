package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// userCreate creates an account from the form: a district official bound
// to a district, an enterprise account to an enterprise (by USCC or id), an
// institution or bank account to its organisation's name. The password the
// administrator chose must be changed by its owner at the first login. A
// problem shows the form again with the input kept.
func (w *Web) userCreate(rw http.ResponseWriter, r *http.Request) {
	v := userFormView{Username: formValue(r, "username"), Name: formValue(r, "name"), Role: formValue(r, "role"),
		Region: formValue(r, "region"), Enterprise: formValue(r, "enterprise"),
		Organization: formValue(r, "organization"), Unit: formValue(r, "unit"), Fields: map[string]string{}}
	n := auth.NewAccount{Username: v.Username, Name: v.Name, Role: auth.Role(v.Role), Password: r.FormValue("password")}
	switch n.Role {
	case auth.RoleCity:
		n.Unit = v.Unit
	case auth.RoleDistrict:
		n.Region, n.Unit = v.Region, v.Unit
	case auth.RoleEnterprise:
		id, err := w.store.ResolveEnterprise(r.Context(), v.Enterprise)
		if err != nil {
			w.userFormError(rw, r, v, "enterprise", err)
			return
		}
		n.EnterpriseID = id
	case auth.RoleInstitution, auth.RoleBank:
		n.Organization = v.Organization
	}
	if r.FormValue("password") != r.FormValue("password2") {
		w.userFormError(rw, r, v, "password2", apperr.Errorf(apperr.EINVALID, "两次输入的密码不一致"))
		return
	}
	u, err := n.User(true)
	if err != nil {
		w.userFormError(rw, r, v, "password", err)
		return
	}
	if err := w.store.CreateUser(r.Context(), u); err != nil {
		w.userFormError(rw, r, v, "", err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/users/%d?done=created", u.ID))
}

// userFormError shows the form again with the message beside the field
// (field "": at the top); errors other than bad input go to the error page.
func (w *Web) userFormError(rw http.ResponseWriter, r *http.Request, v userFormView, field string, err error) {
	code := apperr.Code(err)
	if code != apperr.EINVALID && code != apperr.ECONFLICT && code != apperr.ENOTFOUND {
		httpx.Error(rw, r, err)
		return
	}
	if field == "" {
		v.Error = apperr.Message(err)
	} else {
		v.Fields[field] = apperr.Message(err)
	}
	w.renderUserForm(rw, r, http.StatusBadRequest, v)
}
