package api

import (
	"net/http"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// assignmentList lists the assignments in the caller's scope (an enterprise
// account: its own officials), filtered by enterprise, official, district,
// open today, and overdue visits.
func (a *API) assignmentList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.AssignmentFilter{EnterpriseID: int64(q.int("enterprise_id", 0, 0, 1<<62)), OfficialID: int64(q.int("official_id", 0, 0, 1<<62)),
		Region: q.str("region", 6), Open: q.bool("open"), Overdue: q.bool("overdue")}
	f.Limit = q.int("limit", enterprise.DefaultLimit, 1, enterprise.MaxLimit)
	f.Offset = q.int("offset", 0, 0, 1<<30)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, total, err := a.store.ListAssignments(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := listOf[assignmentItem]{Items: make([]assignmentItem, len(items)), Total: total, Limit: f.Limit, Offset: f.Offset}
	for i, s := range items {
		out.Items[i] = a.assignmentOf(s)
	}
	httpx.JSON(w, http.StatusOK, out)
}
