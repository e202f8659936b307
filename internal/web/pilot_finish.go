package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// pilotFinish records a pilot's result (officials or its institution); a
// success puts the enterprise on the innovative backup list at once.
func (w *Web) pilotFinish(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		_, err = w.store.FinishPilot(r.Context(), id, formVersion(r), formValue(r, "status"), formValue(r, "finished_on"),
			formValue(r, "note"))
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, "/research")
}
