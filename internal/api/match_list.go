package api

import (
	"net/http"

	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// matchList lists the matches in the caller's scope (an institution: its
// own), filtered by demand, enterprise, institution and stage.
func (a *API) matchList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.MatchFilter{DemandID: int64(q.int("demand_id", 0, 0, 1<<62)),
		EnterpriseID: int64(q.int("enterprise_id", 0, 0, 1<<62)), InstitutionID: int64(q.int("institution_id", 0, 0, 1<<62)),
		Stage: q.oneOf("stage", hub.Stages), Limit: q.int("limit", 50, 1, 500), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	page, err := a.store.ListMatches(r.Context(), f)
	answer(w, r, http.StatusOK, page, err)
}
