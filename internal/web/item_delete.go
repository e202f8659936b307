package web

import "net/http"

// itemDelete removes one item of one of the profile's lists. The form's
// version pins which item the index names.
func (w *Web) itemDelete(rw http.ResponseWriter, r *http.Request) { w.itemAt(rw, r, true) }
