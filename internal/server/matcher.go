package server

import (
	"context"
	"errors"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
	"zjtx/internal/match"
	"zjtx/internal/sqlstore"
)

// matcher is the server's one matching service: the catalogue of active
// products of approved institutions (match.Catalogue, built in the
// background at start and kept current by the match_refresh job) and the
// hub's Ranker over it, so that POST /api/v1/match, the demand pages and
// the gap report rank alike.
type matcher struct {
	cat     *match.Catalogue
	store   *sqlstore.Store
	regions map[string]string // code → name: the catalogue names districts
}

// newMatcher builds the catalogue over the store, with the large model of
// cfg when one is configured.
func newMatcher(ctx context.Context, s *sqlstore.Store, cfg Config) (*matcher, error) {
	model, err := cfg.LLM.Model()
	if err != nil {
		return nil, fmt.Errorf("server: matcher: %w", err)
	}
	regions, err := s.ListRegions(ctx)
	if err != nil {
		return nil, err
	}
	m := &matcher{store: s, regions: map[string]string{}}
	for _, r := range regions {
		m.regions[r.Code] = r.Name
	}
	m.cat = match.NewCatalogue(s.MatchDocs, match.Options{Model: model, Vectors: s.ProductEmbeddings(), Logger: cfg.Logger})
	return m, nil
}

// Refresh brings the catalogue up to date with the store and makes the
// embeddings it lacks: the match_refresh job's work.
func (m *matcher) Refresh(ctx context.Context) error {
	if _, err := m.cat.Sync(ctx); err != nil {
		return err
	}
	_, err := m.cat.Warm(ctx)
	return err
}

// Rank implements hub.Ranker: the demand's text, category, district, the
// tier of its gap and its enterprise's chain, with the gap's weakness
// boosting its categories; the products in the caller's scope, best first.
func (m *matcher) Rank(ctx context.Context, d *hub.Demand) ([]hub.Suggestion, error) {
	chain, err := m.store.DemandChain(ctx, d)
	if err != nil {
		return nil, err
	}
	q := match.Query{Text: d.Text, Category: d.Category, Region: m.regions[d.Region], Chain: chain,
		Tier: cultivation.TierName(d.GapTier), FromGap: d.Gap}
	if c, _ := auth.CallerFrom(ctx); c.Role == auth.RoleInstitution {
		q.InstitutionID = c.InstitutionID
	}
	resp, err := m.cat.Search(ctx, q)
	if errors.Is(err, match.ErrNotReady) {
		return nil, apperr.Wrap(err, apperr.EUNAVAILABLE, "匹配服务暂不可用，请稍后再试 (the matcher is not loaded)")
	}
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(resp.Results))
	for i, r := range resp.Results {
		ids[i] = r.DocID
	}
	page, err := m.store.ListProducts(ctx, sqlstore.ProductFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*hub.Product{}
	for _, p := range page.Items {
		byID[p.ID] = p
	}
	out := []hub.Suggestion{}
	for _, r := range resp.Results {
		if p := byID[r.DocID]; p != nil { // nil: changed since it was indexed
			out = append(out, hub.Suggestion{Product: p, Score: r.Score, Why: r.Why})
		}
	}
	return out, nil
}
