package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/hub"
)

// productBody is a product as clients write it.
type productBody struct {
	InstitutionID int64    `json:"institution_id"` // the city names it; an institution's own is implied
	Name          string   `json:"name"`
	Category      string   `json:"category"`
	Tiers         []string `json:"tiers"`
	Chains        []string `json:"chains"`
	PriceFen      int64    `json:"price_fen"`
	PriceNote     string   `json:"price_note"`
	Description   string   `json:"description"`
	Status        string   `json:"status"`
	Version       int64    `json:"version"`
}

func (b *productBody) product() *hub.Product {
	return &hub.Product{InstitutionID: b.InstitutionID, Name: b.Name, Category: b.Category, Tiers: b.Tiers, Chains: b.Chains,
		PriceFen: b.PriceFen, PriceNote: b.PriceNote, Description: b.Description, Status: b.Status, Version: b.Version}
}

// productCreate lists a new product of the caller's institution (the city:
// of the institution named).
func (a *API) productCreate(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[productBody](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	p := b.product()
	p.Version = 0
	if err = a.store.SaveProduct(r.Context(), p); err == nil {
		w.Header().Set("Location", Prefix+"/products/"+strconv.FormatInt(p.ID, 10))
	}
	answer(w, r, http.StatusCreated, p, err)
}
