package web

import (
	"net/http"

	"zjtx/internal/hub"
)

// matchDeliver records a delivery with its evidence (the institution).
func (w *Web) matchDeliver(rw http.ResponseWriter, r *http.Request) {
	w.matchStep(rw, r, []string{"summary", "evidence", "delivered_on"}, func(id, version int64) (*hub.Match, error) {
		return w.store.DeliverMatch(r.Context(), id, version, &hub.Delivery{Summary: formValue(r, "summary"),
			Evidence: formValue(r, "evidence"), DeliveredOn: formValue(r, "delivered_on")})
	})
}
