package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/baolian"
	"zjtx/internal/cultivation"
)

// baolianAssign designates one official beside every enterprise of a
// backup list's filter (the list page's filters) in one transaction, and
// shows how many were assigned and skipped. A refusal shows the desk again
// with the input kept.
func (w *Web) baolianAssign(rw http.ResponseWriter, r *http.Request) {
	form := formValues(r)
	var ps []baolian.Problem
	n := baolian.NewAssignment{OfficialID: formID(r, "official_id"), Role: formValue(r, "role"), From: formDay(r, "from", &ps)}
	f := cultivation.Filter{Tier: formValue(r, "tier"), Status: formValue(r, "status"), Region: formValue(r, "region"), Industry: formValue(r, "industry")}
	again := func(s *errorSummary) {
		w.renderBaolian(rw, r, http.StatusBadRequest, baolianView{Form: form, Errors: s})
	}
	if !cultivation.IsTier(f.Tier) {
		ps = append(ps, baolian.Problem{Path: "tier", Message: "tier：请选择后备清单"})
	}
	if s := problemSummary("未能批量指定包联干部", append(ps, n.Problems()...)); s != nil {
		again(s)
		return
	}
	done, skipped, err := w.store.AssignByList(r.Context(), f, n)
	if err != nil {
		failForm(rw, r, "未能批量指定包联干部", err, again)
		return
	}
	redirect(rw, r, fmt.Sprintf("/baolian?assigned=%d&skipped=%d", done, skipped))
}
