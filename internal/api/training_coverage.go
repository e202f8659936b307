package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
)

// trainingCoverage answers the rotation coverage per district in the
// caller's scope: of each district's 创新型 enterprises, how many attended
// a training within the last years (default 3).
func (a *API) trainingCoverage(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	years := q.int("years", 3, 1, 10)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, err := a.store.TrainingCoverage(r.Context(), years)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if items == nil {
		items = []programme.Coverage{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}
