package web

import (
	"net/http"
	"strconv"
)

// matchCreate proposes a product for the path's demand (推荐): an official,
// an institution its own product, the enterprise one it chose.
func (w *Web) matchCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	pid, _ := strconv.ParseInt(formValue(r, "product_id"), 10, 64)
	if _, err := w.store.ProposeMatch(r.Context(), id, pid, formValue(r, "note")); err != nil {
		w.demandAgain(rw, r, id, err, nil)
		return
	}
	redirect(rw, r, "/demands/"+strconv.FormatInt(id, 10))
}
