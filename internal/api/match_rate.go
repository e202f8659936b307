package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// matchRate records the enterprise's rating of a delivered match.
func (a *API) matchRate(w http.ResponseWriter, r *http.Request) {
	change(w, r, func(id, version int64, b *struct {
		versionBody
		hub.Rating
	}) (any, error) {
		return a.store.RateMatch(r.Context(), id, version, &b.Rating)
	})
}
