package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
)

type assignmentBulkRequest struct {
	assignmentRequest
	// The backup list and its filters, as GET /backup-lists/{tier} takes them.
	Tier     string `json:"tier"`
	Status   string `json:"status"`
	Region   string `json:"region"`
	Industry string `json:"industry"`
	Source   string `json:"source"`
}

type assignmentBulkResult struct {
	Assigned int `json:"assigned"`
	Skipped  int `json:"skipped"` // already beside the official, or with a 主包 already
}

// assignmentBulk designates one official beside every enterprise of a
// backup list's filter in the caller's scope, in one transaction.
func (a *API) assignmentBulk(w http.ResponseWriter, r *http.Request) {
	var req assignmentBulkRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	n, ps := req.newAssignment()
	if err := invalidAs("包联请求有误", ps); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if req.Region != "" && a.regions[req.Region] == "" {
		httpx.Error(w, r, httpx.Invalid("包联请求有误", httpx.Field{Path: "region", Message: "region：区县代码不存在", MessageEN: "region does not exist"}))
		return
	}
	f := cultivation.Filter{Tier: req.Tier, Status: req.Status, Region: req.Region, Industry: req.Industry, Source: req.Source}
	done, skipped, err := a.store.AssignByList(r.Context(), f, n)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, assignmentBulkResult{done, skipped})
}
