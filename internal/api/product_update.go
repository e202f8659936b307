package api

import "net/http"

// productUpdate changes a product (its institution or the city), made from
// the version in the body or If-Match.
func (a *API) productUpdate(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[productBody](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	p := b.product()
	if p.ID, p.Version, err = idAndVersion(r, b.Version); err == nil {
		err = a.store.SaveProduct(r.Context(), p)
	}
	answer(w, r, http.StatusOK, p, err)
}
