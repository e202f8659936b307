package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// eventShow is an event's page: its exhibitors and invitees of the
// caller's scope with attendance and outcomes, and the form to add one.
func (w *Web) eventShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.eventShowPage(r, id, nil)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "event_show", v)
}

// eventFormFailed shows the event's page again with the problem.
func (w *Web) eventFormFailed(rw http.ResponseWriter, r *http.Request, id int64, form map[string]string, err error) {
	formFailed(w, rw, r, "event_show", err, func() (*eventShowView, error) { return w.eventShowPage(r, id, form) })
}
