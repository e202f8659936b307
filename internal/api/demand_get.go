package api

import (
	"net/http"

	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// demandView is a demand with its matches and the products suggested for
// it: the ranker's when one is set (engine "ranker"), else the products the
// demand's category, tier, chain and district select (engine "filter").
type demandView struct {
	*hub.Demand
	Matches     []*hub.Match     `json:"matches"`
	Suggestions []hub.Suggestion `json:"suggestions"`
	Engine      string           `json:"engine"`
}

// demandGet returns a demand the caller may read.
func (a *API) demandGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	v := demandView{}
	if v.Demand, err = a.store.GetDemand(r.Context(), id); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	page, err := a.store.ListMatches(r.Context(), sqlstore.MatchFilter{DemandID: id})
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	v.Matches = page.Items
	v.Suggestions, v.Engine, err = suggest(r, a.store, a.ranker, v.Demand)
	answer(w, r, http.StatusOK, v, err)
}

// suggestLimit is how many products a demand's page proposes.
const suggestLimit = 10

// suggest ranks products for d through the ranker, or filters them without.
func suggest(r *http.Request, s *sqlstore.Store, rk hub.Ranker, d *hub.Demand) ([]hub.Suggestion, string, error) {
	if rk != nil {
		list, err := rk.Rank(r.Context(), d)
		return list, "ranker", err
	}
	ps, err := s.DemandProducts(r.Context(), d, suggestLimit)
	out := make([]hub.Suggestion, len(ps))
	for i, p := range ps {
		out[i] = hub.Suggestion{Product: p}
	}
	return out, "filter", err
}
