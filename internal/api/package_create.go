package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// packageCreate assembles a package from products (the city).
func (a *API) packageCreate(w http.ResponseWriter, r *http.Request) {
	k, err := readBody[hub.Package](r)
	if err == nil {
		k.ID, k.Version, k.Products = 0, 0, nil
		err = a.store.CreatePackage(r.Context(), k)
	}
	answer(w, r, http.StatusCreated, k, err)
}
