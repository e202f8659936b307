package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/programme"
)

// eventCreate records an expo or event from the form (the city).
func (w *Web) eventCreate(rw http.ResponseWriter, r *http.Request) {
	form := map[string]string{}
	for _, f := range []string{"kind", "title", "date", "place", "organizer"} {
		form[f] = formValue(r, f)
	}
	e := &programme.Event{Kind: form["kind"], Title: form["title"], Place: form["place"], Organizer: form["organizer"]}
	var err error
	if e.Date, err = parseDate(form["date"], "活动日期"); err == nil {
		err = w.store.CreateEvent(r.Context(), e)
	}
	if err != nil {
		formFailed(w, rw, r, "event_list", err, func() (*eventListView, error) { return w.eventListPage(r, form) })
		return
	}
	redirect(rw, r, "/events/"+strconv.FormatInt(e.ID, 10)+"?saved=created")
}
