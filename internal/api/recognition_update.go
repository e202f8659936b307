package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// recognitionUpdate changes a recognition (a 复核 result, a change to
// report, a corrected 文号); the body's version is the one it was made from.
func (a *API) recognitionUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec, err := readRecognition(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec.ID = id
	if err := a.store.UpdateRecognition(r.Context(), rec); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, rec)
}
