package api

import "net/http"

// institutionReview approves or suspends an institution on the platform
// (入驻审核, the city).
func (a *API) institutionReview(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		versioned
		Status string `json:"status"`
	}](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	id, version, err := idAndVersion(r, b.Version)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	in, err := a.store.ReviewInstitution(r.Context(), id, version, b.Status)
	answer(w, r, http.StatusOK, in, err)
}
