package api

import (
	"net/http"

	"zjtx/internal/auth"
)

type userUnlockRequest struct {
	Version int64 `json:"version"` // or If-Match
}

// userUnlock lifts an account's locks, the administrator's and those of
// every address (city officials).
func (a *API) userUnlock(w http.ResponseWriter, r *http.Request) {
	var req userUnlockRequest
	a.changeUser(w, r, &req, func() (int64, auth.UserChange, error) {
		return req.Version, auth.UserChange{Unlock: true}, nil
	})
}
