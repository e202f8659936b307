package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type userCreateRequest struct {
	Username       string `json:"username"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	Region         string `json:"region"`          // district officials
	EnterpriseID   int64  `json:"enterprise_id"`   // enterprise accounts: the id …
	EnterpriseUSCC string `json:"enterprise_uscc"` // … or the 统一社会信用代码
	Organization   string `json:"organization"`    // institution and bank accounts
	Unit           string `json:"unit"`            // officials: their unit (单位)
	Password       string `json:"password"`        // the first password; its owner must change it at the first login
}

// userCreate creates an account of any role (city officials). The password
// the administrator chose must be changed by its owner at the first login.
func (a *API) userCreate(w http.ResponseWriter, r *http.Request) {
	var req userCreateRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	n := auth.NewAccount{Username: req.Username, Name: req.Name, Role: auth.Role(req.Role), Region: req.Region,
		EnterpriseID: req.EnterpriseID, Organization: req.Organization, Unit: req.Unit, Password: req.Password}
	if n.EnterpriseID == 0 && req.EnterpriseUSCC != "" {
		id, err := a.store.ResolveEnterprise(r.Context(), req.EnterpriseUSCC)
		if err != nil {
			httpx.Error(w, r, fieldError("enterprise_uscc", err))
			return
		}
		n.EnterpriseID = id
	}
	u, err := n.User(true)
	if err != nil {
		httpx.Error(w, r, fieldError("password", err))
		return
	}
	if err := a.store.CreateUser(r.Context(), u); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/users/"+strconv.FormatInt(u.ID, 10))
	w.Header().Set("ETag", etag(u.Version))
	httpx.JSON(w, http.StatusCreated, a.account(sqlstore.UserListItem{User: u}))
}
