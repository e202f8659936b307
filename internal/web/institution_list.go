package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

type institutionListView struct {
	base
	Kind, Chain   string
	Quality       bool
	Kinds, Chains []option
	Items         []institutionRow
	Year          int
	Outcomes      []outcomeRow
	ShowOutcomes  bool
	CanReview     bool
}

type institutionRow struct {
	*hub.Institution
	KindText, StatusText string
	Chains               []hub.ChainService
	Experts              []*hub.Expert
}

type outcomeRow struct {
	*hub.Outcome
	KindText string
}

// institutionList lists the service institutions (an institution account:
// its own) with the chains they serve, their quality-list flags and expert
// teams, and each one's outcomes of a year for the annual assessment.
func (w *Web) institutionList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.institutionPage(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "hub_institutions", v)
}

func (w *Web) institutionPage(r *http.Request) (institutionListView, error) {
	q := r.URL.Query()
	c := caller(r)
	v := institutionListView{base: w.base(r, "服务机构", "institutions"), Kinds: options(hub.Kinds, hub.KindZH),
		Chains: hubChainOptions(), Kind: oneOf(q.Get("kind"), hub.Kinds...), Chain: oneOf(q.Get("chain"), hub.Default().Chains...),
		Quality: q.Get("quality") == "1", Year: queryInt(q, "year", w.now().In(cst).Year(), 2000, 2100),
		ShowOutcomes: c.Role == "city" || c.Role == "district" || c.Role == "institution", CanReview: c.Role == "city"}
	list, err := w.store.ListInstitutions(r.Context(), sqlstore.InstitutionFilter{Kind: v.Kind, Chain: v.Chain, QualityOnly: v.Quality})
	if err != nil {
		return v, err
	}
	for _, in := range list {
		row := institutionRow{Institution: in, KindText: hub.KindZH[in.Kind], StatusText: hub.StatusZH[in.Status]}
		if row.Chains, err = w.store.InstitutionChains(r.Context(), in.ID); err != nil {
			return v, err
		}
		if row.Experts, err = w.store.ListExperts(r.Context(), in.ID); err != nil {
			return v, err
		}
		v.Items = append(v.Items, row)
	}
	if v.ShowOutcomes {
		outcomes, err := w.store.InstitutionOutcomes(r.Context(), v.Year)
		if err != nil && apperr.Code(err) != apperr.EFORBIDDEN {
			return v, err
		}
		for _, o := range outcomes {
			v.Outcomes = append(v.Outcomes, outcomeRow{o, hub.KindZH[o.Kind]})
		}
	}
	return v, nil
}
