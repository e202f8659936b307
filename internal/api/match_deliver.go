package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// matchDeliver records the delivery of a signed match with its evidence
// (the institution).
func (a *API) matchDeliver(w http.ResponseWriter, r *http.Request) {
	change(w, r, func(id, version int64, b *struct {
		versionBody
		hub.Delivery
	}) (any, error) {
		return a.store.DeliverMatch(r.Context(), id, version, &b.Delivery)
	})
}
