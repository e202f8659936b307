package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// itemDelete removes one item of one of the profile's lists. The form's
// version pins which item the index names.
func (w *Web) itemDelete(rw http.ResponseWriter, r *http.Request) {
	i, err := pathIndex(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.itemSave(rw, r, i, true)
}
