package web

import (
	"net/http"
	"strconv"
	"zjtx/internal/httpx"
)

// demandPropose proposes demands from the gaps of an enterprise's latest
// assessment (the enterprise's own, or the form's for an official) and
// shows the enterprise's demands to confirm.
func (w *Web) demandPropose(rw http.ResponseWriter, r *http.Request) {
	c := caller(r)
	id := c.EnterpriseID
	if c.Role != "enterprise" {
		id, _ = strconv.ParseInt(formValue(r, "enterprise_id"), 10, 64)
	}
	list, err := w.store.ProposeGapDemands(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, "/demands?status=proposed&proposed="+strconv.Itoa(len(list)))
}
