package sqlstore

import (
	"cmp"
	"context"
	"fmt"

	"zjtx/internal/cultivation"
	"zjtx/internal/match"
)

// MatchDocs reads the catalogue the matcher ranks (match.Catalogue's
// load): the active products of approved institutions, partner banks left
// out. It is the supply every enterprise may see, so it needs no caller;
// who sees which result is the matcher's query (an institution account its
// own products only).
//
// Tiers and regions are given by their Chinese names, which is how a
// match's explanation shows the filters a product meets ("梯度：专精特新中小企业",
// "区域：金水区"); the query names them the same way.
func (s *Store) MatchDocs(ctx context.Context) ([]match.Doc, error) {
	out, err := read(s, ctx, func(tx *Tx) ([]match.Doc, error) {
		regions, err := tx.ListRegions(ctx)
		if err != nil {
			return nil, err
		}
		name := map[string]string{}
		for _, r := range regions {
			name[r.Code] = r.Name
		}
		return queryAll(ctx, tx, `SELECT p.id, p.name, p.category, p.description, i.name, i.id, p.tiers, p.chains,
			i.regions_served, EXISTS (SELECT 1 FROM institution_chains qc WHERE qc.institution_id = i.id AND qc.quality_list)
			FROM products p JOIN institutions i ON i.id = p.institution_id
			WHERE p.status = 'active' AND i.status = 'approved' AND NOT i.partner_bank ORDER BY p.id`, nil,
			func(row scanner) (match.Doc, error) {
				var d match.Doc
				var tiers, chains, served string
				err := row.Scan(&d.ID, &d.Name, &d.Category, &d.Description, &d.Institution, &d.InstitutionID,
					&tiers, &chains, &served, &d.QualityList)
				for _, t := range splitCodes(tiers) {
					d.Tiers = append(d.Tiers, cultivation.TierName(t))
				}
				d.Chains = splitCodes(chains)
				for _, r := range splitCodes(served) {
					d.Regions = append(d.Regions, cmp.Or(name[r], r))
				}
				return d, err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: match catalogue: %w", err)
	}
	return out, nil
}

// catalogueChange calls CatalogueChanged after a change committed (err
// nil) and passes err on.
func (s *Store) catalogueChange(ctx context.Context, err error) error {
	if err == nil && s.CatalogueChanged != nil {
		s.CatalogueChanged(ctx)
	}
	return err
}
