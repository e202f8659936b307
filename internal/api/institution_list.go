package api

import (
	"net/http"

	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// institutionList lists the service institutions in the caller's scope,
// filtered by kind, chain and the quality list.
func (a *API) institutionList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.InstitutionFilter{Kind: q.oneOf("kind", hub.Kinds), Chain: q.oneOf("chain", hub.Default().Chains),
		QualityOnly: q.bool("quality"), Status: q.oneOf("status", []string{hub.StatusPending, hub.StatusApproved, hub.StatusSuspended})}
	if err := q.err(); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	list, err := a.store.ListInstitutions(r.Context(), f)
	answer(w, r, http.StatusOK, map[string]any{"items": list}, err)
}
