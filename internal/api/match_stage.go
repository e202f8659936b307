package api

import "net/http"

// matchStage moves a match to the next stage: 已联系 or 已签约 (delivery
// and rating carry their records: matchDeliver, matchRate).
func (a *API) matchStage(w http.ResponseWriter, r *http.Request) {
	change(w, r, func(id, version int64, b *struct {
		versionBody
		Stage string `json:"stage"`
	}) (any, error) {
		return a.store.AdvanceMatch(r.Context(), id, version, b.Stage)
	})
}
