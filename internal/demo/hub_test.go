package demo_test

import (
	"context"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// checkHub checks the demo's service hub has what issue 11 asks of it:
// ≥ 60 institutions of every kind, ≥ 300 products across every category,
// packages per tier, demands from gaps and posted, matches in every funnel
// state, research results and a pilot.
func checkHub(t *testing.T, ctx context.Context, s *sqlstore.Store) {
	city := auth.WithCaller(ctx, auth.System)
	insts, err := s.ListInstitutions(city, sqlstore.InstitutionFilter{})
	kinds := map[string]int{}
	for _, in := range insts {
		kinds[in.Kind]++
	}
	if err != nil || len(insts) < 60 || len(kinds) != len(hub.Kinds) {
		t.Errorf("institutions = %d of kinds %v, %v; want ≥ 60 of every kind", len(insts), kinds, err)
	}
	products, err := s.ListProducts(city, sqlstore.ProductFilter{})
	cats := map[string]int{}
	for _, p := range products.Items {
		cats[p.Category]++
	}
	t.Logf("%d institutions, %d products", len(insts), products.Total)
	if err != nil || products.Total < 300 || len(cats) != len(hub.Categories) {
		t.Errorf("products = %d in %d categories, %v; want ≥ 300 in all 15", products.Total, len(cats), err)
	}
	for _, tier := range []string{"innovative", "srdi", "little_giant"} {
		if ks, err := s.ListPackages(city, tier, ""); err != nil || len(ks) < 2 {
			t.Errorf("packages of %s = %d, %v", tier, len(ks), err)
		}
	}
	for _, src := range []string{hub.SourceGap, hub.SourceEnterprise} {
		ds, err := s.ListDemands(city, sqlstore.DemandFilter{Source: src})
		t.Logf("%d demands from %s", ds.Total, src)
		if err != nil || ds.Total < 5 {
			t.Errorf("demands from %s = %d, %v", src, ds.Total, err)
		}
	}
	for _, st := range hub.Stages {
		ms, err := s.ListMatches(city, sqlstore.MatchFilter{Stage: st})
		t.Logf("%d matches at %s", ms.Total, st)
		if err != nil || ms.Total == 0 {
			t.Errorf("matches at %s = %d, %v", st, ms.Total, err)
		}
	}
	if rs, err := s.ListResearch(city, ""); err != nil || len(rs) < 10 {
		t.Errorf("research results = %d, %v", len(rs), err)
	}
	if ps, err := s.ListPilots(city); err != nil || len(ps) == 0 {
		t.Errorf("pilots = %d, %v", len(ps), err)
	}
	// The demo enterprise has a demand from its gap to confirm, and the demo
	// institution products it can be matched with.
	ent, err := s.FindUserByUsername(city, "enterprise")
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := s.ListDemands(city, sqlstore.DemandFilter{EnterpriseID: ent.EnterpriseID, Status: hub.DemandProposed}); err != nil || ds.Total == 0 {
		t.Errorf("the demo enterprise's proposed demands = %d, %v; want some", ds.Total, err)
	}
}
