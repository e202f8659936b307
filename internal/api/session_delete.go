package api

import (
	"net/http"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// sessionDelete ends the session the request was authenticated with.
func (a *API) sessionDelete(w http.ResponseWriter, r *http.Request) {
	token := httpx.Token(r)
	if strings.HasPrefix(token, auth.APITokenPrefix) {
		httpx.Error(w, r, apperr.Errorf(apperr.EINVALID, "API 令牌不能退出登录，如需停用请吊销该令牌"))
		return
	}
	if err := a.store.DeleteSession(r.Context(), token); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if !httpx.ViaBearer(r) {
		httpx.ClearSessionCookie(w, a.secure)
	}
	w.WriteHeader(http.StatusNoContent)
}
