package web

import (
	"net/http"
	"slices"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

type demandView struct {
	base
	Demand      *hub.Demand
	StatusText  string
	SourceText  string
	UrgencyText string
	Matches     []matchRow
	Suggestions []suggestionRow
	Engine      string // ranker or filter
	Role        string
	Problem     string
	Form        map[string]string
	Today       string
}

type matchRow struct {
	*hub.Match
	StageText  string
	StageIndex int
	Deliveries []*hub.Delivery
	// What the caller may do next on it.
	CanContact, CanSign, CanDeliver, CanRate bool
}

type suggestionRow struct {
	productRow
	Score    float64
	Why      *whyView
	Proposed bool // already a match of the demand
}

// demandShow shows a demand, its matches with the step each party may take,
// and the products suggested for it.
func (w *Web) demandShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.demandPage(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "hub_demand", v)
}

func (w *Web) demandPage(r *http.Request, id int64) (demandView, error) {
	c := caller(r)
	v := demandView{base: w.base(r, "服务需求", "demands"), Role: string(c.Role), Form: map[string]string{},
		Today: w.now().In(cst).Format("2006-01-02")}
	d, err := w.store.GetDemand(r.Context(), id)
	if err != nil {
		return v, err
	}
	v.Demand, v.StatusText, v.SourceText, v.UrgencyText = d, hub.DemandStatusZH[d.Status], hub.SourceZH[d.Source], hub.UrgencyZH[d.Urgency]
	page, err := w.store.ListMatches(r.Context(), sqlstore.MatchFilter{DemandID: id})
	if err != nil {
		return v, err
	}
	for _, m := range page.Items {
		row := matchRow{Match: m, StageText: hub.StageZH[m.Stage], StageIndex: slices.Index(hub.Stages, m.Stage)}
		if row.Deliveries, err = w.store.Deliveries(r.Context(), m.ID); err != nil {
			return v, err
		}
		can := func(to string) bool { return hub.Advance(m.Stage, to, string(c.Role)) == nil }
		row.CanContact, row.CanSign = can(hub.StageContacted), can(hub.StageSigned)
		row.CanDeliver, row.CanRate = can(hub.StageDelivered), can(hub.StageRated)
		v.Matches = append(v.Matches, row)
	}
	if d.Status == hub.DemandOpen {
		list, engine, err := w.store.Suggest(r.Context(), w.ranker, d, 10)
		if err != nil && apperr.Code(err) != apperr.EFORBIDDEN {
			return v, err
		}
		v.Engine = engine
		for _, s := range list {
			proposed := slices.ContainsFunc(page.Items, func(m *hub.Match) bool { return m.ProductID == s.Product.ID })
			v.Suggestions = append(v.Suggestions, suggestionRow{productRowOf(s.Product), s.Score, whyOf(s.Why), proposed})
		}
	}
	return v, nil
}

// demandAgain answers a refused action on a demand's page: the page again
// with the problem and what was typed, or the error page for an error the
// author cannot act on.
func (w *Web) demandAgain(rw http.ResponseWriter, r *http.Request, id int64, err error, form map[string]string) {
	problem := userProblem(err)
	if problem == "" {
		httpx.Error(rw, r, err)
		return
	}
	v, perr := w.demandPage(r, id)
	if perr != nil {
		httpx.Error(rw, r, perr)
		return
	}
	v.Problem = problem
	if form != nil {
		v.Form = form
	}
	status, _, _ := httpx.Status(err)
	w.render(rw, r, status, "hub_demand", v)
}
