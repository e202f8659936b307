package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

// assignmentCreate designates an official beside the enterprise of the
// path and goes back to its 包联 page; a refusal shows the page again with
// the input kept.
func (w *Web) assignmentCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	var ps []baolian.Problem
	n := baolian.NewAssignment{EnterpriseID: id, OfficialID: formID(r, "official_id"), Role: formValue(r, "role"),
		From: formDay(r, "from", &ps), To: formDay(r, "to", &ps)}
	again := w.againOnEnterprise(rw, r, id, "assign")
	if s := problemSummary("未能指定包联干部", append(ps, n.Problems()...)); s != nil {
		again(s)
		return
	}
	if _, err := w.store.CreateAssignment(r.Context(), n); err != nil {
		failForm(rw, r, "未能指定包联干部", err, again)
		return
	}
	redirect(rw, r, fmt.Sprintf("/baolian/enterprises/%d#officials", id))
}
