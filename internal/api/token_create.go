package api

import (
	"net/http"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

type tokenCreateRequest struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expires_at"` // absent: until revoked
}

// tokenCreate issues an API token to the caller; the answer is the only
// time the token is shown. A token cannot issue tokens: a leaked one must
// not be able to outlive its revocation through a copy it made.
func (a *API) tokenCreate(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(httpx.Token(r), auth.APITokenPrefix) {
		httpx.Error(w, r, apperr.Errorf(apperr.EFORBIDDEN, "API 令牌不能再签发令牌，请登录后签发"))
		return
	}
	var req tokenCreateRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var expires time.Time
	if req.ExpiresAt != nil {
		expires = *req.ExpiresAt
	}
	token, t, err := a.store.CreateAPIToken(r.Context(), req.Name, expires)
	if err != nil {
		httpx.Error(w, r, fieldError("name", err))
		return
	}
	v := tokenOf(t)
	v.Token = token
	httpx.JSON(w, http.StatusCreated, v)
}
