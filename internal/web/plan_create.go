package web

import (
	"fmt"
	"net/http"
	"strings"

	"zjtx/internal/assess"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

// planCreate generates a cultivation plan for the enterprise of the record
// page and the tier chosen, with the owner and due date chosen for its
// tasks, and opens the plan.
func (w *Web) planCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		httpx.Error(rw, r, httpx.Invalid("表单无法读取"))
		return
	}
	today := w.asOf()
	req := assess.PlanRequest{EnterpriseID: id, Tier: r.PostForm.Get("tier"), AsOf: today, Due: plan.DefaultDue(today)}
	var bad []httpx.Field
	owner, ok := parseOwner(r.PostForm.Get("owner"))
	if !ok {
		bad = append(bad, httpx.Field{Path: "owner", Message: "负责人：请选择负责人"})
	}
	req.Owner = owner
	if s := strings.TrimSpace(r.PostForm.Get("due")); s != "" {
		d, err := profile.ParseDate(s)
		switch {
		case err != nil:
			bad = append(bad, httpx.Field{Path: "due", Message: "完成期限：应为日期 YYYY-MM-DD"})
		case d.Before(today):
			bad = append(bad, httpx.Field{Path: "due", Message: "完成期限：不能早于今天"})
		default:
			req.Due = d
		}
	}
	if len(bad) > 0 {
		httpx.Error(rw, r, httpx.Invalid("培育计划未能生成", bad...))
		return
	}
	p, err := assess.GeneratePlan(r.Context(), w.store, w.engine, req)
	if err != nil {
		httpx.Error(rw, r, httpx.Named(err))
		return
	}
	redirect(rw, r, fmt.Sprintf("/plans/%d", p.ID))
}
