package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
)

type printView struct {
	base
	Name    string
	USCC    string
	Region  string
	Printed string
	Stored  bool // the latest stored assessment, not a live evaluation
	Stale   bool // stored, and the profile changed since
	ID      int64
	Back    string // the page the print view came from (its back link)
	Note    string
	Report  *reportView
	WhatIf  []string // what-if changes applied to the self-test's figures
}

// enterpriseReport is the enterprise's assessment report laid out for A4:
// the latest stored assessment exactly as stored (rule-set ids, versions,
// hashes, sources), or, when none is stored yet, an evaluation of the
// current profile that is not stored.
func (w *Web) enterpriseReport(rw http.ResponseWriter, r *http.Request) {
	rec, err := w.pathEnterprise(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := printView{base: w.base(r, rec.Name+" 评价报告", ""), Name: rec.Name, USCC: rec.USCC,
		Region: w.region[rec.Region], Printed: fmtTime(w.now()), Back: fmt.Sprintf("/enterprises/%d", rec.ID)}
	latest, err := w.latestAssessment(r, rec)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if latest != nil {
		v.Stored = true
		v.Report = &reportView{AsOf: latest.AsOf, DataYear: latest.DataYear, Review: latest.Review, Tiers: latest.Tiers}
		v.Note = "本报告为 " + fmtTime(latest.At) + " 保存的评价结果。"
		v.Stale, v.ID = latest.Stale, rec.ID
	} else {
		rep, err := w.engine.Evaluate(rec.Profile, criteria.Options{AsOf: w.asOf(), Gaps: true})
		if err != nil {
			httpx.Error(rw, r, apperr.Wrap(err, apperr.EINVALID, "当前日期没有适用的认定标准"))
			return
		}
		if v.Report, err = w.reportOf(rep); err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.Note = "该企业尚未保存评价，本报告为按当前档案即时测算的结果，未保存。"
	}
	w.render(rw, r, http.StatusOK, "enterprise_report", v)
}
