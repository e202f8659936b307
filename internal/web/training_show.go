package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// trainingShow is a session's page: for an enterprise its sign-up, the
// waitlist place and, on the day, the check-in; for officials the
// invitations by tier and district, the sign-ups of their district and the
// attendance.
func (w *Web) trainingShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.trainingShowPage(r, id, nil)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "training_show", v)
}
