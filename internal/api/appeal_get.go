package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// appealGet is one issue of the ledger with its progress notes.
func (a *API) appealGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := a.store.GetAppeal(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.answerAppeal(w, http.StatusOK, p)
}
