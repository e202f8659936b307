package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/targets"
)

type targetRequest struct {
	Year    int    `json:"year"`
	Tier    string `json:"tier"`
	Region  string `json:"region"`
	Target  *int   `json:"target"`
	Basis   string `json:"basis"`
	Version int64  `json:"version"` // 0 to create; the version read to change
}

// targetSet sets one target (the city only): a new one with version 0, a
// change with the version read (a stale one is 409).
func (a *API) targetSet(w http.ResponseWriter, r *http.Request) {
	var req targetRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	t := &targets.Target{Year: req.Year, Tier: req.Tier, Region: req.Region, Basis: req.Basis, Version: req.Version, Target: -1}
	if req.Target != nil {
		t.Target = *req.Target
	}
	if err := invalidAs("培育目标有误", t.Problems()); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := a.store.SetTarget(r.Context(), t); err != nil {
		httpx.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if t.Version == 1 {
		status = http.StatusCreated
	}
	httpx.JSON(w, status, t)
}
