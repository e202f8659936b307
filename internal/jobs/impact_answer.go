package jobs

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/discovery"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// ImpactRequest asks for a policy impact analysis and, with Move, the
// enterprises behind one of its numbers.
type ImpactRequest struct {
	Tier, From, To string
	PopulationID   int64 // 0: the registered enterprises
	AsOf           profile.Date
	Move           string // drill-down: pass_to_fail …
	Region         string
	Industry       string
	Cond           string
	Limit, Offset  int
}

// ImpactField is a problem with one parameter of a request.
type ImpactField struct{ Path, Message string }

// CheckImpact checks a request against the engine's rule sets and fills in
// the tier from the rule sets when it is not given.
func CheckImpact(eng *criteria.Engine, req *ImpactRequest) []ImpactField {
	var out []ImpactField
	a, b := eng.Plan(req.From), eng.Plan(req.To)
	if a == nil {
		out = append(out, ImpactField{"from", fmt.Sprintf("没有规则集“%s”", req.From)})
	}
	if b == nil {
		out = append(out, ImpactField{"to", fmt.Sprintf("没有规则集“%s”", req.To)})
	}
	if a != nil && req.Tier == "" {
		req.Tier = a.RS.Tier
	}
	for _, p := range []*criteria.Plan{a, b} {
		if p != nil && p.RS.Tier != req.Tier {
			out = append(out, ImpactField{"tier", fmt.Sprintf("规则集 %s 不属于层级 %s", p.RS.ID, req.Tier)})
		}
	}
	if req.Move != "" {
		if _, _, ok := discovery.ParseMove(req.Move); !ok {
			out = append(out, ImpactField{"move", "应为 pass_to_fail 这样的“原结果_to_新结果”"})
		}
	}
	return out
}

// ImpactAnswer is the answer of GET /api/v1/impact.
type ImpactAnswer struct {
	RunID        int64            `json:"run_id"`
	PopulationID int64            `json:"population"`
	Tier         string           `json:"tier"`
	From         string           `json:"from"`
	To           string           `json:"to"`
	AsOf         string           `json:"as_of"`
	Total        int64            `json:"total"`
	Moves        map[string]int64 `json:"moves"`
	ByRegion     []ImpactGroup    `json:"by_region"`
	ByIndustry   []ImpactGroup    `json:"by_industry"`
	Deciding     []ImpactCond     `json:"deciding"`
	Movers       *ImpactMovers    `json:"movers,omitempty"`
}

// ImpactGroup is the moves of one district or industry.
type ImpactGroup struct {
	Key   string           `json:"key"`
	Total int64            `json:"total"`
	Moves map[string]int64 `json:"moves"`
}

// ImpactCond is a deciding condition: how many movers it decides, in all
// and per move.
type ImpactCond struct {
	ID     string           `json:"id"`
	Label  string           `json:"label"`
	Count  int64            `json:"count"`
	ByMove map[string]int64 `json:"by_move"`
}

// ImpactMovers is a page of the enterprises behind one number.
type ImpactMovers struct {
	Move  string                 `json:"move"`
	Total int                    `json:"total"`
	Items []sqlstore.ImpactMover `json:"items"`
}

// InlineRows is the largest population analysed within a request; a larger
// one runs as a job.
const InlineRows = 20_000

// ImpactAnswer returns the analysis a request asks for in the caller's
// scope: the stored one, one made now for a small population, or the job
// that is making it (answer nil).
func (r *Runner) ImpactAnswer(ctx context.Context, req ImpactRequest) (*ImpactAnswer, *sqlstore.Job, error) {
	st := r.cfg.Store
	run, err := st.FindImpactRun(ctx, req.PopulationID, req.Tier, req.From, req.To, req.AsOf.String())
	if err != nil {
		return nil, nil, err
	}
	if run == nil {
		rows, err := r.populationSize(ctx, req.PopulationID)
		if err != nil {
			return nil, nil, err
		}
		run = &sqlstore.ImpactRun{PopulationID: req.PopulationID, Tier: req.Tier, From: req.From, To: req.To, AsOf: req.AsOf.String()}
		if err := r.Impact(ctx, run, rows <= InlineRows); err != nil {
			return nil, nil, err
		}
	}
	if run.State != sqlstore.ImpactReady {
		if run.JobID == 0 {
			return nil, nil, apperr.Errorf(apperr.EINTERNAL, "影响分析 %d 没有任务", run.ID)
		}
		j, err := st.GetJob(ctx, run.JobID)
		return nil, j, err
	}
	ans, err := ImpactOf(ctx, st, run)
	if err != nil || req.Move == "" {
		return ans, nil, err
	}
	items, total, err := st.ImpactMovers(ctx, run.ID, sqlstore.MoverFilter{Move: req.Move, Region: req.Region,
		Industry: req.Industry, Cond: req.Cond, Limit: req.Limit, Offset: req.Offset})
	if err != nil {
		return nil, nil, err
	}
	if items == nil {
		items = []sqlstore.ImpactMover{}
	}
	ans.Movers = &ImpactMovers{Move: req.Move, Total: total, Items: items}
	return ans, nil, nil
}

func (r *Runner) populationSize(ctx context.Context, id int64) (int64, error) {
	if id == 0 {
		_, total, err := r.cfg.Store.ListEnterprises(ctx, enterprise.Filter{Limit: 1})
		return int64(total), err
	}
	p, err := r.cfg.Store.GetPopulation(ctx, id)
	if err != nil {
		return 0, err
	}
	if p.State != sqlstore.PopulationReady {
		return 0, apperr.Errorf(apperr.ECONFLICT, "企业总体“%s”尚未导入完成", p.Name)
	}
	return p.InScope, nil
}

// ImpactOf sums a stored analysis over the rows of the caller's scope.
func ImpactOf(ctx context.Context, st *sqlstore.Store, run *sqlstore.ImpactRun) (*ImpactAnswer, error) {
	cells, dec, err := st.ImpactCounts(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	ans := &ImpactAnswer{RunID: run.ID, PopulationID: run.PopulationID, Tier: run.Tier, From: run.From, To: run.To, AsOf: run.AsOf,
		Moves: map[string]int64{}, ByRegion: []ImpactGroup{}, ByIndustry: []ImpactGroup{}, Deciding: []ImpactCond{}}
	for _, m := range discovery.Moves[:4] {
		ans.Moves[m] = 0 // the four main moves are always present
	}
	regions, industries := map[string]*ImpactGroup{}, map[string]*ImpactGroup{}
	group := func(m map[string]*ImpactGroup, key string) *ImpactGroup {
		g := m[key]
		if g == nil {
			g = &ImpactGroup{Key: key, Moves: map[string]int64{}}
			m[key] = g
		}
		return g
	}
	for _, c := range cells {
		ans.Total += c.Count
		ans.Moves[c.Move] += c.Count
		for _, g := range []*ImpactGroup{group(regions, c.Region), group(industries, c.Industry)} {
			g.Total += c.Count
			g.Moves[c.Move] += c.Count
		}
	}
	conds := map[string]*ImpactCond{}
	for _, d := range dec {
		c := conds[d.CondID]
		if c == nil {
			c = &ImpactCond{ID: d.CondID, Label: d.Label, ByMove: map[string]int64{}}
			conds[d.CondID] = c
		}
		c.Count += d.Count
		c.ByMove[d.Move] += d.Count
	}
	for _, g := range regions {
		ans.ByRegion = append(ans.ByRegion, *g)
	}
	for _, g := range industries {
		ans.ByIndustry = append(ans.ByIndustry, *g)
	}
	byKey := func(a, b ImpactGroup) int { return cmp.Compare(a.Key, b.Key) }
	slices.SortFunc(ans.ByRegion, byKey)
	slices.SortFunc(ans.ByIndustry, byKey)
	for _, c := range conds {
		ans.Deciding = append(ans.Deciding, *c)
	}
	slices.SortFunc(ans.Deciding, func(a, b ImpactCond) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.ID, b.ID))
	})
	return ans, nil
}
