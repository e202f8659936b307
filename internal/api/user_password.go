package api

import (
	"net/http"

	"zjtx/internal/auth"
)

type userPasswordRequest struct {
	Version  int64  `json:"version"` // or If-Match
	Password string `json:"password"`
}

// userPassword resets an account's password (city officials): the policy
// applies, the account's sessions end and its owner must change the
// password at the next login.
func (a *API) userPassword(w http.ResponseWriter, r *http.Request) {
	var req userPasswordRequest
	a.changeUser(w, r, &req, func() (int64, auth.UserChange, error) {
		it, err := a.store.GetUser(r.Context(), mustPathID(r))
		if err != nil {
			return 0, auth.UserChange{}, err
		}
		if err := auth.ValidatePassword(req.Password, it.Username); err != nil {
			return 0, auth.UserChange{}, fieldError("password", err)
		}
		hash, err := auth.HashPassword(req.Password)
		return req.Version, auth.UserChange{PasswordHash: hash, MustChange: true}, err
	})
}

// mustPathID is the {id} path parameter that changeUser has already read.
func mustPathID(r *http.Request) int64 {
	id, _ := pathID(r, "id")
	return id
}
