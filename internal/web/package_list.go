package web

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
)

type packageListView struct {
	base
	Tier, Chain   string
	Tiers, Chains []option
	Items         []packageRow
}

type packageRow struct {
	*hub.Package
	TierName string
	Products []productRow
}

// packageList lists the cultivation service packages (培育服务包) of a tier
// and chain with their products: what districts pick from for plans.
func (w *Web) packageList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := packageListView{base: w.base(r, "培育服务包", "packages"), Tiers: hubTierOptions(), Chains: hubChainOptions(),
		Tier: oneOf(q.Get("tier"), cultivation.Tiers...), Chain: oneOf(q.Get("chain"), hub.Default().Chains...)}
	list, err := w.store.ListPackages(r.Context(), v.Tier, v.Chain)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for _, k := range list {
		row := packageRow{Package: k, TierName: cultivation.TierName(k.Tier)}
		for _, p := range k.Products {
			row.Products = append(row.Products, productRowOf(p))
		}
		v.Items = append(v.Items, row)
	}
	w.render(rw, r, http.StatusOK, "hub_packages", v)
}
