package web

import (
	"net/http"
	"net/url"

	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

const productPageSize = 50

type productListView struct {
	base
	Category, Tier, Chain, Q  string
	Categories, Tiers, Chains []option
	Items                     []productRow
	Total, Page               int
	PrevURL, NextURL          string
	CanCreate                 bool // an institution lists its own products
	Problem                   string
	Form                      map[string]string
}

// productList lists the products in the caller's scope (an institution: its
// own), filtered by category, tier, chain and words.
func (w *Web) productList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.productListPage(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "hub_products", v)
}

func (w *Web) productListPage(r *http.Request) (productListView, error) {
	q := r.URL.Query()
	v := productListView{base: w.base(r, "服务产品", "products"), Categories: hubCategoryOptions(), Tiers: hubTierOptions(),
		Chains: hubChainOptions(), CanCreate: caller(r).Role == "institution", Form: map[string]string{}}
	v.Category = oneOf(q.Get("category"), hub.Categories...)
	v.Tier = oneOf(q.Get("tier"), cultivation.Tiers...)
	v.Chain = oneOf(q.Get("chain"), hub.Default().Chains...)
	v.Q = q.Get("q")
	if len([]rune(v.Q)) > 50 {
		v.Q = ""
	}
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	page, err := w.store.ListProducts(r.Context(), sqlstore.ProductFilter{Category: v.Category, Tier: v.Tier, Chain: v.Chain,
		Q: v.Q, Limit: productPageSize, Offset: (v.Page - 1) * productPageSize})
	if err != nil {
		return v, err
	}
	for _, p := range page.Items {
		v.Items = append(v.Items, productRowOf(p))
	}
	v.Total = page.Total
	link := func(n int) string {
		return "/products?" + withPage(url.Values{"category": {v.Category}, "tier": {v.Tier}, "chain": {v.Chain}, "q": {v.Q}}, n)
	}
	if v.Page > 1 {
		v.PrevURL = link(v.Page - 1)
	}
	if v.Page*productPageSize < v.Total {
		v.NextURL = link(v.Page + 1)
	}
	return v, nil
}
