package web

import (
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/targets"
)

// targetSet sets a target from the form (the city only): version 0 sets a
// new one, the version read changes it. A refused form is shown again as
// typed, each problem naming its field.
func (w *Web) targetSet(rw http.ResponseWriter, r *http.Request) {
	form := &targetForm{Year: strings.TrimSpace(r.FormValue("year")), Tier: r.FormValue("tier"), Region: r.FormValue("region"),
		Target: strings.TrimSpace(r.FormValue("target")), Basis: strings.TrimSpace(r.FormValue("basis"))}
	var problems []string
	version, err := strconv.ParseInt(r.FormValue("version"), 10, 64)
	if err != nil || version < 0 {
		problems = append(problems, "版本（version）有误，请刷新页面后重试")
	}
	form.Version = version
	t := &targets.Target{Tier: form.Tier, Region: form.Region, Basis: form.Basis, Version: version}
	if t.Year, err = strconv.Atoi(form.Year); err != nil {
		problems = append(problems, "年度：“"+form.Year+"”不是整数")
	}
	if t.Target, err = strconv.Atoi(form.Target); err != nil {
		problems = append(problems, "目标数：“"+form.Target+"”不是整数")
	}
	if len(problems) == 0 {
		for _, p := range t.Problems() {
			problems = append(problems, targetFieldZH[p.Path]+"："+strings.TrimPrefix(p.Message, p.Path+"："))
		}
	}
	if len(problems) == 0 {
		var ok bool
		if problems, ok = saveProblems(rw, r, w.store.SetTarget(r.Context(), t)); !ok {
			return
		}
	}
	if len(problems) > 0 {
		w.renderTargets(rw, r, http.StatusBadRequest, form, problems)
		return
	}
	redirect(rw, r, "/targets?year="+strconv.Itoa(t.Year)+"&saved=1")
}

var targetFieldZH = map[string]string{"year": "年度", "tier": "梯度", "region": "区域", "target": "目标数", "basis": "依据"}
