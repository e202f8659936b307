package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// userGet shows one account to city officials, with its version as ETag.
func (a *API) userGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.writeAccount(w, r, id)
}

// writeAccount answers with the account as it is now and its version as
// ETag.
func (a *API) writeAccount(w http.ResponseWriter, r *http.Request, id int64) {
	it, err := a.store.GetUser(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(it.Version))
	httpx.JSON(w, http.StatusOK, a.accountWithLocks(it))
}
