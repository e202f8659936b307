package api

import (
	"net/http"
	"strconv"
)

// matchCreate proposes a product for a demand (推荐).
func (a *API) matchCreate(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		DemandID  int64  `json:"demand_id"`
		ProductID int64  `json:"product_id"`
		Note      string `json:"note"`
	}](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	m, err := a.store.ProposeMatch(r.Context(), b.DemandID, b.ProductID, b.Note)
	if err == nil {
		w.Header().Set("Location", Prefix+"/matches/"+strconv.FormatInt(m.ID, 10))
	}
	answer(w, r, http.StatusCreated, m, err)
}
