package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
)

// trainingCheckin checks the enterprise in with the code shown at the door
// (typed, or carried by the door's QR code).
func (w *Web) trainingCheckin(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	code := formValue(r, "code")
	if err := w.store.CheckIn(r.Context(), id, code); err != nil {
		w.trainingFormFailed(rw, r, id, map[string]string{"code": code}, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/trainings/%d?saved=checked_in", id))
}
