package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/hub"
)

// demandCreate posts a demand: an enterprise for itself, an official for an
// enterprise in scope.
func (a *API) demandCreate(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		EnterpriseID int64  `json:"enterprise_id"`
		Text         string `json:"text"`
		Category     string `json:"category"`
		Urgency      string `json:"urgency"`
		Region       string `json:"region"`
	}](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	d := &hub.Demand{EnterpriseID: b.EnterpriseID, Text: b.Text, Category: b.Category, Urgency: b.Urgency, Region: b.Region}
	if err = a.store.CreateDemand(r.Context(), d); err == nil {
		w.Header().Set("Location", Prefix+"/demands/"+strconv.FormatInt(d.ID, 10))
	}
	answer(w, r, http.StatusCreated, d, err)
}
