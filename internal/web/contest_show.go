package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// contestShow is an edition's page: its entries in the caller's scope,
// each with its stage and result, and the form to enter an enterprise or a
// maker team.
func (w *Web) contestShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.contestShowPage(r, id, nil)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "contest_show", v)
}

// contestFormFailed shows the edition's page again with the problem.
func (w *Web) contestFormFailed(rw http.ResponseWriter, r *http.Request, id int64, form map[string]string, err error) {
	formFailed(w, rw, r, "contest_show", err, func() (*contestShowView, error) { return w.contestShowPage(r, id, form) })
}
