package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
)

// backupListRefresh starts a refresh of the lists in the caller's scope by
// the inclusion rules (the nightly job does it for all) and shows its
// progress page.
func (w *Web) backupListRefresh(rw http.ResponseWriter, r *http.Request) {
	j, err := w.jobs.RefreshBackupLists(r.Context())
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/jobs/%d", j.ID))
}
