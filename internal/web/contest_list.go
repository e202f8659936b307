package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// contestList lists the editions of 创客中国; the city records new ones.
func (w *Web) contestList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.contestListPage(r, nil)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "contest_list", v)
}
