package api

import (
	"encoding/json"
	"net/http"
	"time"

	"zjtx/internal/httpx"
)

type populationView struct {
	ID        int64           `json:"id"`
	Name      string          `json:"name"`
	Source    string          `json:"source"`
	State     string          `json:"state"`
	Rows      int64           `json:"rows"`
	InScope   int64           `json:"in_scope"`
	BadRows   int64           `json:"bad_rows"`
	Errors    json.RawMessage `json:"errors"`
	JobID     int64           `json:"job_id,omitempty"`
	CreatedBy string          `json:"created_by"`
	CreatedAt time.Time       `json:"created_at"`
}

// populationList lists the populations with the rows of the caller's scope
// and the first row errors of each import.
func (a *API) populationList(w http.ResponseWriter, r *http.Request) {
	ps, err := a.store.ListPopulations(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items := make([]populationView, len(ps))
	for i, p := range ps {
		items[i] = populationView{ID: p.ID, Name: p.Name, Source: p.Source, State: p.State, Rows: p.Rows, InScope: p.InScope,
			BadRows: p.BadRows, Errors: json.RawMessage(p.Errors), JobID: p.JobID, CreatedBy: p.CreatedByName, CreatedAt: p.CreatedAt}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}
