package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// productList lists the products in the caller's scope, filtered by
// institution, category, tier, chain, district and words.
func (a *API) productList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.ProductFilter{InstitutionID: int64(q.int("institution_id", 0, 0, 1<<62)),
		Category: q.oneOf("category", hub.Categories), Tier: q.oneOf("tier", cultivation.Tiers),
		Chain: q.oneOf("chain", hub.Default().Chains), Region: q.str("region", 12), Q: q.str("q", 50),
		QualityOnly: q.bool("quality"), Limit: q.int("limit", 50, 1, 500), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	page, err := a.store.ListProducts(r.Context(), f)
	answer(w, r, http.StatusOK, page, err)
}
