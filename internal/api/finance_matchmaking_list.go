package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// matchmakingList lists the 政银企对接会 in the caller's scope with their
// outcomes (demands and lines that arose).
func (a *API) matchmakingList(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.ListMatchmakings(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items(w, list, len(list))
}
