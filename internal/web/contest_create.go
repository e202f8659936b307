package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/programme"
)

// contestCreate records an edition from the form (the city).
func (w *Web) contestCreate(rw http.ResponseWriter, r *http.Request) {
	form := map[string]string{"year": formValue(r, "year"), "name": formValue(r, "name")}
	year, _ := strconv.Atoi(form["year"])
	c := &programme.Contest{Year: year, Name: form["name"]}
	if err := w.store.CreateContest(r.Context(), c); err != nil {
		formFailed(w, rw, r, "contest_list", err, func() (*contestListView, error) { return w.contestListPage(r, form) })
		return
	}
	redirect(rw, r, "/contests/"+strconv.FormatInt(c.ID, 10)+"?saved=created")
}
