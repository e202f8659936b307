package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// matchmakingRecord records that a meeting was held: {attended: [invitee
// ids], outcome, version}.
func (a *API) matchmakingRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b struct {
		Attended []int64 `json:"attended"`
		Outcome  string  `json:"outcome"`
		Version  int64   `json:"version"`
	}
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, err := a.store.RecordMatchmaking(r.Context(), id, b.Version, b.Attended, b.Outcome)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, m)
}
