package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// consentList lists an enterprise's consents: the enterprise and officials
// all of them, a bank those given to it that are live.
func (a *API) consentList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, err := a.store.ListConsents(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items(w, list, len(list))
}
