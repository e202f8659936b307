package api

import (
	"net/http"
	"strings"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type sessionRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type sessionResponse struct {
	Token     string   `json:"token"`
	ExpiresIn int      `json:"expires_in"` // seconds of idleness before the token expires
	User      userView `json:"user"`
	// MustChangePassword: the password expired or an administrator set it;
	// until PUT /account/password the token opens nothing else.
	MustChangePassword bool `json:"must_change_password"`
}

// sessionCreate logs in and returns a session token to send as
// "Authorization: Bearer". Five failures in a row from one address lock the
// account for that address for 15 minutes (the store counts them).
func (a *API) sessionCreate(w http.ResponseWriter, r *http.Request) {
	var req sessionRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var fields []httpx.Field
	if strings.TrimSpace(req.Username) == "" {
		fields = append(fields, httpx.Field{Path: "username", Message: "username：用户名不能为空"})
	}
	if req.Password == "" {
		fields = append(fields, httpx.Field{Path: "password", Message: "password：密码不能为空"})
	}
	if fields != nil {
		httpx.Error(w, r, httpx.Invalid("请输入用户名和密码", fields...))
		return
	}
	u, token, err := a.store.Login(r.Context(), req.Username, req.Password,
		sqlstore.SessionMeta{UserAgent: r.UserAgent(), IP: httpx.ClientIP(r)})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, sessionResponse{token, int(auth.SessionIdle.Seconds()), userOf(u), u.MustChangePassword})
}
