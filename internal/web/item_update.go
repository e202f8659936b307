package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// itemUpdate replaces one item of one of the profile's lists from its form.
// The form's version pins which item the index names.
func (w *Web) itemUpdate(rw http.ResponseWriter, r *http.Request) {
	i, err := pathIndex(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.itemSave(rw, r, i, false)
}
