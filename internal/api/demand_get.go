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
	v.Suggestions, v.Engine, err = a.store.Suggest(r.Context(), a.ranker, v.Demand, 10)
	answer(w, r, http.StatusOK, v, err)
}
