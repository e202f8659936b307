package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// eventList lists the expos and events; the city records new ones.
func (w *Web) eventList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.eventListPage(r, nil)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "event_list", v)
}
