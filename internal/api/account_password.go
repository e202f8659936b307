package api

import (
	"errors"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type accountPasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	Password        string `json:"password"`
}

// accountPassword changes the caller's own password: the current one must
// be given, the new one obeys the policy. The caller's other sessions end;
// the one this request came with goes on.
func (a *API) accountPassword(w http.ResponseWriter, r *http.Request) {
	var req accountPasswordRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	err := a.store.ChangeOwnPassword(r.Context(), req.CurrentPassword, req.Password, httpx.Token(r))
	var fe *sqlstore.PasswordFieldError
	if errors.As(err, &fe) {
		err = fieldError(fe.Field, fe.Err)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
