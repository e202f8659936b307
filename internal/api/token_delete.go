package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// tokenDelete revokes one of the caller's API tokens; another user's token
// is 404.
func (a *API) tokenDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := a.store.RevokeAPIToken(r.Context(), id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
