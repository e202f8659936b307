package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// recognitionDelete removes a recognition recorded in error, from the
// version the page showed.
func (w *Web) recognitionDelete(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	rec, err := w.store.GetRecognition(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if err := w.store.DeleteRecognition(r.Context(), id, formVersion(r)); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, "/enterprises/"+strconv.FormatInt(rec.EnterpriseID, 10)+"/recognitions?saved=1")
}
