package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
)

// contestCreate records an edition from the form (the city).
func (w *Web) contestCreate(rw http.ResponseWriter, r *http.Request) {
	form := map[string]string{"year": formValue(r, "year"), "name": formValue(r, "name")}
	year, _ := strconv.Atoi(form["year"])
	c := &programme.Contest{Year: year, Name: form["name"]}
	if err := w.store.CreateContest(r.Context(), c); err != nil {
		v, verr := w.contestListPage(r, form)
		if verr != nil || !v.failed(err) {
			httpx.Error(rw, r, err)
			return
		}
		w.render(rw, r, http.StatusBadRequest, "contest_list", v)
		return
	}
	redirect(rw, r, "/contests/"+strconv.FormatInt(c.ID, 10)+"?saved=created")
}
