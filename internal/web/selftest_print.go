package web

import (
	"net/http"
	"strings"

	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// selftestPrint is the self-test report laid out for A4 (browser print to
// PDF), with the rule sets' ids, versions, hashes and source documents. It
// takes the form (_form=1), the evaluated document (base_json, from the
// results, with any what-if values) or ?example=1.
func (w *Web) selftestPrint(rw http.ResponseWriter, r *http.Request) {
	var f *selftestForm
	var doc []byte
	switch {
	case r.FormValue("_form") == "1":
		f = w.formFromRequest(r)
	case r.FormValue("base_json") != "":
		doc = []byte(r.FormValue("base_json"))
	default:
		f = w.exampleForm()
	}
	if f != nil {
		if !f.checkEssentials() {
			w.render(rw, r, http.StatusBadRequest, "selftest", w.selftestPage(r, f, nil))
			return
		}
		var err error
		if doc, err = f.document(); err != nil {
			httpx.Error(rw, r, httpx.Invalid("页面数据有误，请重新填写"))
			return
		}
	}
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		httpx.Error(rw, r, httpx.ProfileInvalid(errs, ""))
		return
	}
	if f == nil {
		base, _ := profile.DecodeBytes(doc)
		f = w.formFromProfile(base, doc)
	}
	sr, err := w.run(r, f, doc, p)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := printView{base: w.base(r, p.Name+" 自测报告", ""), Name: p.Name, Region: w.region[p.Region], Back: "/selftest",
		Printed: fmtTime(w.now()), Report: sr.report, WhatIf: sr.text,
		Note: "本报告为企业自测结果，依据企业填报数据按现行认定标准测算，仅供参考，不作为认定结论，未保存。"}
	if v.Name == "" {
		v.Name = "自测企业"
	}
	// The placeholder code that lets a blank form be evaluated is not the
	// enterprise's: the report says the code was not given.
	v.USCC = "未填写"
	if p.USCC != "" && !strings.HasPrefix(p.USCC, placeholder) {
		v.USCC = p.USCC
	}
	w.render(rw, r, http.StatusOK, "selftest_print", v)
}
