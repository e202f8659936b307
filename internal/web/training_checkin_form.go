package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// trainingCheckinForm is where the door's QR code leads: the session's
// page with the code filled in, so a scan and one tap check the enterprise
// in (after logging in, when the phone was not).
func (w *Web) trainingCheckinForm(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.trainingShowPage(r, id, map[string]string{"code": formValue(r, "code")})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "training_show", v)
}
