package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// backupListRefresh queues a refresh of the backup lists in the caller's
// scope (the nightly job does every district) and answers 202 with the job.
func (a *API) backupListRefresh(w http.ResponseWriter, r *http.Request) {
	j, err := a.jobs.RefreshBackupLists(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/jobs/"+strconv.FormatInt(j.ID, 10))
	httpx.JSON(w, http.StatusAccepted, jobOf(j))
}
