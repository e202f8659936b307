package api

import (
	"net/http"

	"zjtx/internal/carrier"
	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/sqlstore"
)

// carrierList lists the innovation carriers in the caller's scope, of a
// kind and region when given.
func (a *API) carrierList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	kind, region := q.oneOf("kind", carrier.Kinds), q.str("region", 12)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var list []*carrier.Carrier
	err := a.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) { list, err = tx.ListCarriers(r.Context(), kind, region); return err })
	answerList(w, r, list, err)
}

// clusterItem is a cluster with its members' tier shares.
type clusterItem struct {
	*carrier.Cluster
	Shares []carrier.TierShare `json:"shares"`
}

// clusterList lists the clusters in the caller's scope, each with the
// share of its members on each tier's list or holding its title.
func (a *API) clusterList(w http.ResponseWriter, r *http.Request) {
	var out []clusterItem
	err := a.store.Read(r.Context(), func(tx *sqlstore.Tx) error {
		list, err := tx.ListClusters(r.Context())
		for _, g := range list {
			shares, err := tx.ClusterShares(r.Context(), g.ID)
			if err != nil {
				return err
			}
			out = append(out, clusterItem{Cluster: g, Shares: shares})
		}
		return err
	})
	answerList(w, r, out, err)
}

// parkRanking ranks a park's applications the caller may see by 亩均效益,
// each with its indicator scores, class and whether the places and land
// take it.
func (a *API) parkRanking(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var p *carrier.Park
	var apps []*carrier.Application
	err = a.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) {
		if p, err = tx.GetPark(r.Context(), id); err != nil {
			return err
		}
		apps, err = tx.ListApplications(r.Context(), id)
		return err
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, err := carrier.LatestMujun(p.Year)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ranked := m.Rank(p, apps)
	if ranked == nil {
		ranked = []carrier.Ranked{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"park": p, "items": ranked, "total": len(ranked)})
}

// caseList lists the typical cases of enterprises in the caller's scope.
func (a *API) caseList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	status := q.oneOf("status", []string{library.CaseDraft, library.CasePublished, library.CaseWithdrawn})
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var list []*library.Case
	err := a.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) { list, err = tx.ListCases(r.Context(), status); return err })
	answerList(w, r, list, err)
}

// showcaseList lists the published typical cases; public.
func (a *API) showcaseList(w http.ResponseWriter, r *http.Request) {
	var list []*library.Case
	err := a.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) { list, err = tx.PublishedCases(r.Context(), 0); return err })
	answerList(w, r, list, err)
}

// answerList writes {items, total} for a whole list, or the error.
func answerList[T any](w http.ResponseWriter, r *http.Request, list []T, err error) {
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if list == nil {
		list = []T{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}
