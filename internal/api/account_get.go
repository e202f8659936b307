package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// accountGet shows the caller's own account, including whether the password
// must be changed before anything else.
func (a *API) accountGet(w http.ResponseWriter, r *http.Request) {
	c, _ := httpx.Caller(r)
	it, err := a.store.GetUser(r.Context(), c.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	v := a.account(it)
	v.MustChangePassword = c.MustChangePassword // an expired password too, not only a reset one
	w.Header().Set("ETag", etag(it.Version))
	httpx.JSON(w, http.StatusOK, v)
}
