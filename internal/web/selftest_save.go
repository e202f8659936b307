package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// selftestSave stores the self-test's figures in the enterprise user's own
// record: the only way a self-test writes anything. The store keeps the
// enterprise to its own record, district and USCC.
func (w *Web) selftestSave(rw http.ResponseWriter, r *http.Request) {
	c, _ := httpx.Caller(r)
	f := w.formFromRequest(r)
	doc, err := f.document()
	if err != nil {
		httpx.Error(rw, r, httpx.Invalid("页面数据有误，请重新填写"))
		return
	}
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		f.place(errs)
		w.render(rw, r, http.StatusBadRequest, "selftest", w.selftestPage(r, f, nil))
		return
	}
	old, err := w.store.GetEnterprise(r.Context(), c.EnterpriseID)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	rec := &enterprise.Record{ID: old.ID, Profile: p, Chain: old.Chain, Status: old.Status}
	if err := w.store.UpdateEnterprise(r.Context(), rec); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/enterprises/%d?saved=selftest", old.ID))
}
