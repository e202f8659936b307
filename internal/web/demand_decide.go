package web

import (
	"net/http"
	"strconv"
	"zjtx/internal/httpx"
)

// demandDecide confirms (confirm=1) or declines a demand proposed from the
// enterprise's gaps.
func (w *Web) demandDecide(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if _, err := w.store.DecideDemand(r.Context(), id, formVersion(r), formValue(r, "confirm") == "1"); err != nil {
		w.demandAgain(rw, r, id, err, nil)
		return
	}
	redirect(rw, r, "/demands/"+strconv.FormatInt(id, 10))
}
