package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
)

// populationEvaluate queues candidate discovery over a stored population
// again, on today's rule sets (the stored profiles are re-evaluated; nothing
// is read again), as a job whose page shows the progress.
func (w *Web) populationEvaluate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		_, err = w.store.GetPopulation(r.Context(), id)
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	j, err := w.jobs.Discover(r.Context(), id, w.todayDate())
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/jobs/%d", j.ID))
}
