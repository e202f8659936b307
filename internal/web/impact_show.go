package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"zjtx/internal/criteria"
	"zjtx/internal/discovery"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// impactOutcomes are the rows and columns of the move matrix.
var impactOutcomes = []string{"pass", "review", "missing", "fail"}

type impactPage struct {
	base
	Sets        []*criteria.RuleSet
	Populations []*sqlstore.Population
	Req         jobs.ImpactRequest
	Problems    []string
	Answer      *jobs.ImpactAnswer
	Job         *sqlstore.Job
	Outcomes    []string
	Matrix      [][]impactCell
	Regions     []impactGroupRow
	Industries  []impactGroupRow
	PageQuery   string // the analysis's query, for drill-down links
	FromName    string
	ToName      string
	MoveName    string
	CondLabels  map[string]string
	Deciding    []impactCondRow
	Prev, Next  string
}

type impactCondRow struct {
	ID, Label          string
	Count              int64
	PassFail, FailPass int64
}

type impactCell struct {
	Move  string
	Count int64
}

type impactGroupRow struct {
	Key, Name                 string
	Total, PassFail, FailPass int64
	Other                     int64
}

// impactShow is the policy impact analysis page (规则变化影响分析): two rule
// sets of a tier and a population; the move matrix, the counts by district
// and industry, the deciding conditions and, for any number, the
// enterprises behind it. A large population is analysed by a job: the page
// shows its progress and reloads when it ends.
func (w *Web) impactShow(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := impactPage{base: w.base(r, "规则变化影响分析", "impact"), Outcomes: impactOutcomes, CondLabels: map[string]string{}}
	for _, rs := range w.engine.Sets {
		if rs.Tier != profile.TierTechSME {
			v.Sets = append(v.Sets, rs)
		}
	}
	v.Req = jobs.ImpactRequest{From: q.Get("from"), To: q.Get("to"), AsOf: w.todayDate(), Move: q.Get("move"),
		Region: q.Get("region"), Industry: q.Get("industry"), Cond: q.Get("cond"), Limit: 50}
	if v.Req.From == "" && v.Req.To == "" {
		v.Req.From, v.Req.To = "srdi@2022", "srdi@2026"
	}
	v.Req.PopulationID, _ = strconv.ParseInt(q.Get("population"), 10, 64)
	v.Req.Offset, _ = strconv.Atoi(q.Get("offset"))
	v.Req.Offset = max(v.Req.Offset, 0)
	pops, err := w.store.ListPopulations(r.Context())
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, p := range pops {
		if p.State == sqlstore.PopulationReady {
			v.Populations = append(v.Populations, p)
		}
	}
	for _, f := range jobs.CheckImpact(w.engine, &v.Req) {
		v.Problems = append(v.Problems, f.Message)
	}
	if len(v.Problems) == 0 {
		v.Answer, v.Job, err = w.jobs.ImpactAnswer(r.Context(), v.Req)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
	}
	if a := v.Answer; a != nil {
		v.fill(w, a)
	}
	w.render(rw, r, http.StatusOK, "impact_show", v)
}

func (v *impactPage) fill(w *Web, a *jobs.ImpactAnswer) {
	v.FromName, v.ToName = a.From, a.To
	base := url.Values{"from": {a.From}, "to": {a.To}}
	if a.PopulationID != 0 {
		base.Set("population", strconv.FormatInt(a.PopulationID, 10))
	}
	v.PageQuery = base.Encode()
	for _, from := range impactOutcomes {
		var row []impactCell
		for _, to := range impactOutcomes {
			m := from + "_to_" + to
			row = append(row, impactCell{Move: m, Count: a.Moves[m]})
		}
		v.Matrix = append(v.Matrix, row)
	}
	group := func(gs []jobs.ImpactGroup, name func(string) string) []impactGroupRow {
		var out []impactGroupRow
		for _, g := range gs {
			row := impactGroupRow{Key: g.Key, Name: name(g.Key), Total: g.Total, PassFail: g.Moves["pass_to_fail"], FailPass: g.Moves["fail_to_pass"]}
			for m, n := range g.Moves {
				if from, to, ok := discovery.ParseMove(m); ok && from != to && m != "pass_to_fail" && m != "fail_to_pass" {
					row.Other += n
				}
			}
			out = append(out, row)
		}
		return out
	}
	v.Regions = group(a.ByRegion, func(k string) string { return lookupOr(w.region, k) })
	v.Industries = group(a.ByIndustry, func(k string) string {
		if n := enterprise.IndustryName(k); n != "" {
			return k + " " + n
		}
		return k
	})
	for _, d := range a.Deciding {
		v.CondLabels[d.ID] = d.Label
		v.Deciding = append(v.Deciding, impactCondRow{ID: d.ID, Label: d.Label, Count: d.Count,
			PassFail: d.ByMove["pass_to_fail"], FailPass: d.ByMove["fail_to_pass"]})
	}
	if a.Movers != nil {
		from, to, _ := discovery.ParseMove(a.Movers.Move)
		v.MoveName = outcomeName(from.String()) + " → " + outcomeName(to.String())
		page := url.Values{}
		for k, vs := range base {
			page[k] = vs
		}
		page.Set("move", a.Movers.Move)
		for k, s := range map[string]string{"region": v.Req.Region, "industry": v.Req.Industry, "cond": v.Req.Cond} {
			if s != "" {
				page.Set(k, s)
			}
		}
		if v.Req.Offset > 0 {
			page.Set("offset", strconv.Itoa(max(v.Req.Offset-v.Req.Limit, 0)))
			v.Prev = "/impact?" + page.Encode() + "#movers"
		}
		if v.Req.Offset+len(a.Movers.Items) < a.Movers.Total {
			page.Set("offset", strconv.Itoa(v.Req.Offset+v.Req.Limit))
			v.Next = "/impact?" + page.Encode() + "#movers"
		}
	}
}

// todayDate is the bureau's date, as the engine takes dates.
func (w *Web) todayDate() profile.Date {
	y, m, d := w.today().Date()
	return profile.Date{Y: y, M: m, D: d}
}

// populationJobResult is the page that shows what a population job found:
// the impact analysis it ran, or the population's discovery ranking; "" for
// other jobs.
func (w *Web) populationJobResult(ctx context.Context, j *sqlstore.Job) string {
	p, ok := jobs.PopulationJob(j)
	switch {
	case !ok:
		return ""
	case j.Kind == jobs.KindDiscover || j.Kind == jobs.KindImport:
		return fmt.Sprintf("/discovery?population=%d", p.PopulationID)
	}
	run, err := w.store.GetImpactRun(ctx, p.RunID)
	if err != nil {
		return ""
	}
	q := url.Values{"from": {run.From}, "to": {run.To}, "population": {strconv.FormatInt(run.PopulationID, 10)}}
	return "/impact?" + q.Encode()
}
