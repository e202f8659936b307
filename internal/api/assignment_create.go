package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

type assignmentRequest struct {
	EnterpriseID int64  `json:"enterprise_id"`
	OfficialID   int64  `json:"official_id"`
	Role         string `json:"role"` // lead (主包) or assist (协包)
	From         string `json:"from"` // YYYY-MM-DD; absent: today
	To           string `json:"to"`   // YYYY-MM-DD; absent: open
}

// newAssignment reads the request and says what is wrong with it, every
// bad field at once.
func (req assignmentRequest) newAssignment() (baolian.NewAssignment, []baolian.Problem) {
	var ps []baolian.Problem
	n := baolian.NewAssignment{EnterpriseID: req.EnterpriseID, OfficialID: req.OfficialID, Role: req.Role,
		From: parseDay("from", req.From, &ps), To: parseDay("to", req.To, &ps)}
	return n, append(ps, n.Problems()...)
}

// assignmentCreate designates an official beside an enterprise of the
// caller's scope: 201; 409 when the official is already beside it or it
// has a 主包 already; an official of another district is 400.
func (a *API) assignmentCreate(w http.ResponseWriter, r *http.Request) {
	var req assignmentRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	n, ps := req.newAssignment()
	if n.EnterpriseID <= 0 {
		ps = append([]baolian.Problem{{Path: "enterprise_id", Message: "enterprise_id：请指定企业", MessageEN: "enterprise_id is required"}}, ps...)
	}
	if err := invalidAs("包联请求有误", ps); err != nil {
		httpx.Error(w, r, err)
		return
	}
	s, err := a.store.CreateAssignment(r.Context(), n)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(s.Version))
	w.Header().Set("Location", Prefix+"/assignments?enterprise_id="+strconv.FormatInt(s.EnterpriseID, 10))
	httpx.JSON(w, http.StatusCreated, a.assignmentOf(s))
}
