package api

import (
	"net/http"

	"zjtx/internal/baolian"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// appealList lists the ledger in the caller's scope (an enterprise account:
// its own issues), filtered by enterprise, official, district, status, open
// and overdue.
func (a *API) appealList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.AppealFilter{EnterpriseID: int64(q.int("enterprise_id", 0, 0, 1<<62)), OfficialID: int64(q.int("official_id", 0, 0, 1<<62)),
		Region: q.str("region", 6), Status: q.oneOf("status", baolian.Statuses), Open: q.bool("open"), Overdue: q.bool("overdue")}
	f.Limit = q.int("limit", enterprise.DefaultLimit, 1, enterprise.MaxLimit)
	f.Offset = q.int("offset", 0, 0, 1<<30)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, total, err := a.store.ListAppeals(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := listOf[appealItem]{Items: make([]appealItem, len(items)), Total: total, Limit: f.Limit, Offset: f.Offset}
	for i, p := range items {
		out.Items[i] = a.appealOf(p)
	}
	httpx.JSON(w, http.StatusOK, out)
}
