package web

import (
	"fmt"
	"net/http"
	"time"

	"zjtx/internal/httpx"
)

// assignmentEnd ends an assignment today, against the version the page
// showed, and goes back to the enterprise's 包联 page.
func (w *Web) assignmentEnd(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	s, err := w.store.EndAssignment(r.Context(), id, formVersion(r), time.Time{})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/baolian/enterprises/%d#officials", s.EnterpriseID))
}
