package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// evidenceGet downloads a task's evidence file, to callers whose scope
// includes its enterprise; anyone else gets 404.
func (a *API) evidenceGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ev, err := a.store.GetEvidence(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.Attachment(w, ev.Filename, ev.MIME, ev.Data)
}
