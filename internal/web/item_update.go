package web

import "net/http"

// itemUpdate replaces one item of one of the profile's lists from its form.
// The form's version pins which item the index names.
func (w *Web) itemUpdate(rw http.ResponseWriter, r *http.Request) { w.itemAt(rw, r, false) }
