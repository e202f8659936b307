package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// evidenceDownload sends a task's evidence file to callers whose scope
// includes its enterprise; anyone else gets the 404 page.
func (w *Web) evidenceDownload(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	ev, err := w.store.GetEvidence(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	httpx.Attachment(rw, ev.Filename, ev.MIME, ev.Data)
}
