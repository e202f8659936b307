package web

import (
	"fmt"
	"net/http"
	"slices"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// selftestRun is one evaluated self-test: the document as the form built it,
// the what-if changes applied on top, and the report.
type selftestRun struct {
	doc     []byte
	p       *profile.Profile
	applied map[string]string // slider → value applied
	text    []string          // the same in words
	report  *reportView
}

// run evaluates p (decoded from doc) on the form's date, after the what-if
// values of the request, if any. p is changed by them: callers pass a
// profile of their own.
func (w *Web) run(r *http.Request, f *selftestForm, doc []byte, p *profile.Profile) (*selftestRun, error) {
	sr := &selftestRun{doc: doc, p: p, applied: map[string]string{}}
	if err := sr.whatIf(r, f.Y); err != nil {
		return nil, err
	}
	rep, err := w.engine.Evaluate(p, criteria.Options{AsOf: f.AsOf, Gaps: true})
	if err != nil {
		return nil, apperr.Wrap(err, apperr.EINVALID, "当前日期没有适用的认定标准")
	}
	if sr.report, err = w.reportOf(rep); err != nil {
		return nil, err
	}
	return sr, nil
}

// whatIf applies the sliders' values (wi_rd, wi_rev, wi_ip1) that differ
// from the profile. Main-business revenue moves down with revenue, as the
// gap plans move it: it can never exceed revenue.
func (sr *selftestRun) whatIf(r *http.Request, y int) error {
	p := sr.p
	for _, s := range []struct{ name, path, label string }{
		{"wi_rd", fmt.Sprintf("years.%d.rd_expense", y), "研发费用"},
		{"wi_rev", fmt.Sprintf("years.%d.revenue", y), "营业收入"},
	} {
		val := formValue(r, s.name)
		if val == "" {
			continue
		}
		d, err := profile.ParseDec(val)
		if err != nil || d < 0 {
			return httpx.Invalid("假设分析的取值有误", httpx.Field{Path: s.name, Message: s.label + "：应为不小于 0 的数字，至多 4 位小数"})
		}
		if old, ok := p.GetPath(s.path); ok && old == d.String() {
			continue
		}
		if err := p.SetPath(s.path, d.String()); err != nil {
			return apperr.Wrap(err, apperr.EINTERNAL, "")
		}
		sr.applied[s.name] = d.String()
		sr.text = append(sr.text, fmt.Sprintf("%s（%d 年）按 %s 万元测算", s.label, y, criteria.Money(d)))
		if s.name == "wi_rev" {
			if yr := p.Years[y]; yr != nil && yr.MainRevenue != nil && *yr.MainRevenue > d {
				m := d
				yr.MainRevenue = &m
			}
		}
	}
	if val := formValue(r, "wi_ip1"); val != "" {
		var n int
		if _, err := fmt.Sscan(val, &n); err != nil || n < 0 || n > 500 {
			return httpx.Invalid("假设分析的取值有误", httpx.Field{Path: "wi_ip1", Message: "Ⅰ类知识产权：应为 0 至 500 之间的整数"})
		}
		have := 0
		for _, e := range p.IP {
			if e.Related && profile.IPClass(e.Kind) == 1 {
				have++
			}
		}
		if n != have {
			sr.applied["wi_ip1"] = fmt.Sprint(n)
			sr.text = append(sr.text, fmt.Sprintf("Ⅰ类知识产权按 %d 项测算", n))
		}
		for i := len(p.IP) - 1; i >= 0 && have > n; i-- {
			if p.IP[i].Related && profile.IPClass(p.IP[i].Kind) == 1 {
				p.IP = slices.Delete(p.IP, i, i+1)
				have--
			}
		}
		granted := profile.Date{Y: y, M: 6, D: 30}
		for ; have < n; have++ {
			p.IP = append(p.IP, profile.IP{Kind: profile.InventionPatent, Granted: &granted, Related: true,
				SelfDeveloped: true, HolderRank: 1})
		}
	}
	return nil
}

// selftestPage fills the page view from a form and, when evaluated, a run.
func (w *Web) selftestPage(r *http.Request, f *selftestForm, sr *selftestRun) *selftestView {
	v := &selftestView{base: w.base(r, "企业自测与差距诊断", "selftest"), Form: f}
	v.CanSave = v.User.IsEnterprise()
	w.layout(v)
	v.Summary = v.summary()
	if sr != nil {
		v.Report, v.DocJSON, v.Applied = sr.report, string(sr.doc), sr.text
		v.Name = sr.p.Name
		base, _ := profile.DecodeBytes(sr.doc)
		if base == nil {
			base = sr.p
		}
		v.Sliders = w.sliders(base, f.Y, sr.applied)
	}
	return v
}
