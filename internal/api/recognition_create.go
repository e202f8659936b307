package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// recognitionCreate records a recognition (officials, in their scope) and
// reflects it into the enterprise's titles; the same enterprise, tier and
// batch again updates the recorded one (200 instead of 201).
func (a *API) recognitionCreate(w http.ResponseWriter, r *http.Request) {
	rec, err := readRecognition(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	created, err := a.store.SaveRecognition(r.Context(), rec)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", Prefix+"/recognitions/"+strconv.FormatInt(rec.ID, 10))
	}
	httpx.JSON(w, status, rec)
}
