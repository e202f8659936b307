package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

// appealCreate registers an issue from an enterprise's 包联 page: the
// enterprise account's own (source enterprise), or an official's. It goes
// to the issue with its 13710 deadlines.
func (w *Web) appealCreate(rw http.ResponseWriter, r *http.Request) {
	c, _ := httpx.Caller(r)
	n := baolian.NewAppeal{EnterpriseID: formID(r, "enterprise_id"), Source: formValue(r, "source"), Category: formValue(r, "category"),
		Title: formValue(r, "title"), Content: formValue(r, "content"), Complex: r.FormValue("complex") != ""}
	if c.Role == auth.RoleEnterprise {
		n.EnterpriseID, n.Source = c.EnterpriseID, baolian.SourceEnterprise
	}
	if n.EnterpriseID == 0 {
		httpx.Error(rw, r, httpx.Invalid("请指定企业", httpx.Field{Path: "enterprise_id", Message: "enterprise_id：请指定企业"}))
		return
	}
	again := w.againOnEnterprise(rw, r, n.EnterpriseID, "appeal")
	if s := problemSummary("未能登记诉求", n.Problems()); s != nil {
		again(s)
		return
	}
	p, err := w.store.CreateAppeal(r.Context(), n)
	if err != nil {
		failForm(rw, r, "未能登记诉求", err, again)
		return
	}
	redirect(rw, r, fmt.Sprintf("/appeals/%d?done=created", p.ID))
}
