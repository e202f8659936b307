package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// selftestSave stores the self-test's figures in the enterprise user's own
// record: the only way a self-test writes anything. It changes only what
// the user changed on the form, compared with the record the form was
// loaded from (base_json), and applies those changes to the record as it is
// inside the write transaction: a field the form does not show (省级特色化
// 指标得分) or did not change is kept. The form carries the record's version;
// the store checks it, and who may write which field.
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
	if f.Version == 0 {
		f.Other = append(f.Other, "请先点击“载入本企业档案”，在档案数据上修改后再保存，以免覆盖档案中的其他数据")
		w.render(rw, r, http.StatusPreconditionRequired, "selftest", w.selftestPage(r, f, nil))
		return
	}
	changed := f.changedPaths(w.baseForm(f))
	merge := func(cur *profile.Profile) (*profile.Profile, profile.Errors) { return profile.Merge(cur, p, changed) }
	err = w.saveEdit(r, c.EnterpriseID, f.Version, merge)
	if err == nil {
		redirect(rw, r, fmt.Sprintf("/enterprises/%d?saved=selftest", c.EnterpriseID))
		return
	}
	if errs, ok := fieldErrors(err); ok {
		f.place(errs)
		status, _, _ := httpx.Status(err)
		w.render(rw, r, status, "selftest", w.selftestPage(r, f, nil))
		return
	}
	w.saveFailed(rw, r, c.EnterpriseID, f.Version, merge, "", err)
}

// baseForm is the form as it was filled from its base document, before the
// user typed: what "changed" is measured against.
func (w *Web) baseForm(f *selftestForm) *selftestForm {
	if base, errs := profile.DecodeBytes([]byte(f.BaseJSON)); base != nil && !errs.HasErrors() {
		return w.formFromProfile(base, []byte(f.BaseJSON))
	}
	return w.newForm()
}

// listInputs are the inputs that stand for a list, with the list each one
// changes.
var listInputs = map[string]string{inIP1: "ip", inIP2: "ip", inApplied: "ip", inRDInst: "rd_institutions",
	inAward: "awards", inTitle: "titles", inHighTech: "honors", inTechSME: "honors"}

// changedPaths lists the profile paths of the inputs whose values differ
// from orig's: scalars by their paths, list inputs by their lists.
func (f *selftestForm) changedPaths(orig *selftestForm) []string {
	seen := map[string]bool{}
	var out []string
	add := func(path string) {
		if !seen[path] {
			seen[path] = true
			out = append(out, path)
		}
	}
	same := func(in string) bool {
		a, b := f.Values[in], orig.Values[in]
		// An unticked box is "" on the form and "false" when read from a
		// profile that says false: the user changed nothing.
		return a == b || kindOf(in) == "bool" && (a == "" || a == "false") && (b == "" || b == "false")
	}
	for _, in := range f.scalarInputs() {
		if !same(in) {
			add(in)
		}
	}
	for in, list := range listInputs {
		if f.Values[in] != orig.Values[in] {
			add(list)
		}
	}
	if len(f.Domains) != len(orig.Domains) {
		add(inDomains)
	}
	for d := range f.Domains {
		if !orig.Domains[d] {
			add(inDomains)
		}
	}
	return out
}
