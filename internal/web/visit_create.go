package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

// visitCreate records a visit from the enterprise's 包联 page, with the
// issue raised on it when its title is filled in, and goes back there (or
// to the issue, when one was raised).
func (w *Web) visitCreate(rw http.ResponseWriter, r *http.Request) {
	id := formID(r, "enterprise_id")
	if id == 0 {
		httpx.Error(rw, r, httpx.Invalid("请指定企业", httpx.Field{Path: "enterprise_id", Message: "enterprise_id：请指定企业"}))
		return
	}
	var ps []baolian.Problem
	n := baolian.NewVisit{EnterpriseID: id, OfficialID: formID(r, "official_id"), On: formDay(r, "date", &ps), Form: formValue(r, "form"),
		Attendees: formValue(r, "attendees"), Summary: formValue(r, "summary"), Policies: formValue(r, "policies"), NextDue: formDay(r, "next_due", &ps)}
	if title := formValue(r, "issue.title"); title != "" || formValue(r, "issue.content") != "" {
		n.Issue = &baolian.NewAppeal{Category: formValue(r, "issue.category"), Title: title, Content: formValue(r, "issue.content"),
			Complex: r.FormValue("issue.complex") != ""}
	}
	again := w.againOnEnterprise(rw, r, id, "visit")
	if s := problemSummary("未能登记走访", append(ps, n.Problems(baolian.Date(w.now()))...)); s != nil {
		again(s)
		return
	}
	_, p, err := w.store.RecordVisit(r.Context(), n)
	if err != nil {
		failForm(rw, r, "未能登记走访", err, again)
		return
	}
	if p != nil {
		redirect(rw, r, fmt.Sprintf("/appeals/%d?done=visit", p.ID))
		return
	}
	redirect(rw, r, fmt.Sprintf("/baolian/enterprises/%d#visits", id))
}
