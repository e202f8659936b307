package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// enterpriseShow is the enterprise page: identity, titles and their
// validity, the profile by year with an edit form per year, the latest
// stored assessment and the change history. Out of the caller's scope the
// enterprise does not exist (the store's 404).
func (w *Web) enterpriseShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.enterprisePage(r, id, nil)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Saved = r.URL.Query().Get("saved")
	w.render(rw, r, http.StatusOK, "enterprise_show", v)
}
