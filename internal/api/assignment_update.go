package api

import (
	"net/http"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

type assignmentUpdateRequest struct {
	To      string `json:"to"`      // the last day; absent: today
	Version int64  `json:"version"` // or If-Match
}

// assignmentUpdate ends an assignment (the only change an assignment
// takes: a new official is a new assignment), from the version read (none:
// 428, a stale one: 409).
func (a *API) assignmentUpdate(w http.ResponseWriter, r *http.Request) {
	var req assignmentUpdateRequest
	id, version, err := decodeVersioned(r, "id", &req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var ps []baolian.Problem
	to := parseDay("to", req.To, &ps)
	if err := invalidAs("包联请求有误", ps); err != nil {
		httpx.Error(w, r, err)
		return
	}
	s, err := a.store.EndAssignment(r.Context(), id, version, to)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(s.Version))
	httpx.JSON(w, http.StatusOK, a.assignmentOf(s))
}

func (req *assignmentUpdateRequest) givenVersion() int64 { return req.Version }
