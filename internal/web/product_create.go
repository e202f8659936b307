package web

import (
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/httpx"
	"zjtx/internal/hub"
)

// productCreate lists a product of the caller's institution from the
// products page's form; a refused one is shown again as typed.
func (w *Web) productCreate(rw http.ResponseWriter, r *http.Request) {
	form := map[string]string{}
	for _, k := range []string{"name", "category", "tier", "chain", "price", "description"} {
		form[k] = formValue(r, k)
	}
	p := &hub.Product{Name: form["name"], Category: form["category"], Description: form["description"]}
	if form["tier"] != "" {
		p.Tiers = []string{form["tier"]}
	}
	if form["chain"] != "" {
		p.Chains = []string{form["chain"]}
	}
	err := error(nil)
	if yuan, perr := strconv.ParseFloat(strings.TrimSpace(form["price"]), 64); form["price"] != "" && (perr != nil || yuan < 0) {
		err = httpx.Invalid("价格应为不小于 0 的金额（元） (price: a non-negative amount in yuan)")
	} else {
		p.PriceFen = int64(yuan*100 + 0.5)
		err = w.store.SaveProduct(r.Context(), p)
	}
	if err == nil {
		redirect(rw, r, "/products")
		return
	}
	problem := userProblem(err)
	if problem == "" {
		httpx.Error(rw, r, err)
		return
	}
	v, lerr := w.productListPage(r)
	if lerr != nil {
		w.fail(rw, r, lerr)
		return
	}
	v.Problem, v.Form = problem, form
	w.render(rw, r, http.StatusBadRequest, "hub_products", v)
}
