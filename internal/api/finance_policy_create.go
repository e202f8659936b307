package api

import (
	"net/http"

	"zjtx/internal/finance"
)

// policyCreate records a 专精特新险 policy an enterprise took.
func (a *API) policyCreate(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.InsurancePolicy{}, a.store.CreatePolicy)
}
