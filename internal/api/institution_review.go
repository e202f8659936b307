package api

import "net/http"

// institutionReview approves or suspends an institution on the platform
// (入驻审核, the city).
func (a *API) institutionReview(w http.ResponseWriter, r *http.Request) {
	change(w, r, func(id, version int64, b *struct {
		versionBody
		Status string `json:"status"`
	}) (any, error) {
		return a.store.ReviewInstitution(r.Context(), id, version, b.Status)
	})
}
