package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// recognitionDelete removes a recognition recorded in error; ?version= is
// the version it was read at.
func (a *API) recognitionDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	q := query(r)
	version := int64(q.int("version", 0, 1, 1<<30))
	if version == 0 {
		q.bad("version", "必填：所依据的认定记录版本")
	}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := a.store.DeleteRecognition(r.Context(), id, version); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
