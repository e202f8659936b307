package criteria

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"zjtx/internal/profile"
)

// GapPlan is one way to reach a tier: changes to this very profile that make
// the tier pass (or reach review) when applied and evaluated again.
type GapPlan struct {
	Changes []Change `json:"changes"`
	Reaches Outcome  `json:"reaches"`
	Score   *int     `json:"score,omitempty"`
	Cost    float64  `json:"cost"` // normalised effort, for ordering
	Summary string   `json:"summary"`
}

const (
	maxAlts  = 6 // alternatives kept per condition
	maxCombo = 6 // combinations of mandatory fixes tried
	maxPlans = 3 // plans returned
)

type alt struct {
	moves []move
	cost  float64
}

// Gap finds up to three cheapest plans for a tier not passed. The search runs
// on levers (inputs the enterprise controls): failed conditions become
// alternatives of moves, the points table a multiple-choice knapsack over
// band upgrades grouped by lever (so R&D expense that feeds two items and a
// condition is one choice), and every candidate is applied to a copy of the
// profile and evaluated with the real plan before it is returned.
//
// When a failed condition can only be met with time (niche years, an earlier
// year of "each of the last two years"), no plan is returned and notBefore is
// the earliest data year that can pass. A missing lower title is reported in
// requires, and plans are checked as if it were held.
func (p *Plan) Gap(c *Ctx, r *TierResult) (plans []GapPlan, notBefore *int, requires []string) {
	plans = []GapPlan{}
	nb, blocked := 0, false
	var combos []alt
	combos = append(combos, alt{})
	for _, list := range [][]*cnode{p.prereq, p.mandatory} {
		for _, n := range list {
			res := r.Nodes[n.idx]
			if n.onReview != nil && c.Review {
				res = r.Nodes[n.onReview.idx]
			}
			if res.Outcome == Pass || res.Outcome == Review {
				continue
			}
			if res.Outcome == Missing {
				blocked = true // facts must be provided first
				continue
			}
			if tiers := titleNeeds(n, r); tiers != nil {
				requires = append(requires, tiers...)
				if n.leaf() {
					continue
				}
			}
			alts, t := p.alts(c, n, r, true)
			if len(alts) == 0 {
				if t == 0 {
					blocked = true // nothing the enterprise controls can fix it
				}
				nb = max(nb, t)
				continue
			}
			combos = cross(c, combos, alts)
		}
	}
	if nb > 0 {
		return plans, &nb, requires
	}
	if blocked {
		return plans, nil, requires
	}
	t := newTrial(c)
	var cands []alt
	for _, base := range combos {
		if len(p.direct) == 0 && p.score == nil {
			cands = append(cands, base)
			continue
		}
		if r.scoreOK == Pass {
			cands = append(cands, base)
			continue
		}
		for _, d := range p.direct {
			das, _ := p.alts(c, d, r, false)
			for _, da := range das {
				cands = append(cands, joined(c, base, da))
			}
		}
		if p.score != nil {
			for _, s := range p.scorePlans(c, t, base, requires) {
				cands = append(cands, joined(c, base, s))
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].cost < cands[j].cost })
	seen := map[string]bool{}
	tried := map[string]bool{}
	for _, cand := range cands {
		if len(plans) == maxPlans {
			break
		}
		if k := movesKey(cand.moves); tried[k] {
			continue // the same moves reached another way
		} else {
			tried[k] = true
		}
		gp, ok := p.verify(c, t, cand, requires)
		if !ok {
			continue
		}
		key := gp.Summary
		if seen[key] {
			continue
		}
		seen[key] = true
		plans = append(plans, gp)
	}
	return plans, nil, requires
}

// titleNeeds returns the tiers of a failed title prerequisite (a leaf, or the
// title leaf inside an all-of prerequisite).
func titleNeeds(n *cnode, r *TierResult) []string {
	if n.leaf() {
		if n.metric == titleValid && r.Nodes[n.idx].Outcome == Fail {
			return n.src.Arg.Words()
		}
		return nil
	}
	if n.anyOf {
		return nil
	}
	for _, k := range n.children {
		if t := titleNeeds(k, r); t != nil {
			return t
		}
	}
	return nil
}

// alts returns the ways to make node n hold, cheapest first, and the earliest
// data year when only time can make it hold.
func (p *Plan) alts(c *Ctx, n *cnode, r *TierResult, skipTitles bool) ([]alt, int) {
	if n.onReview != nil && c.Review {
		n = n.onReview
	}
	res := r.Nodes[n.idx]
	if res.Outcome == Pass || res.Outcome == Review {
		return []alt{{}}, 0
	}
	if res.Outcome == Missing {
		return nil, 0
	}
	if n.leaf() {
		if skipTitles && n.metric == titleValid {
			return []alt{{}}, 0
		}
		if n.solve == nil {
			return nil, 0
		}
		sol := n.solve(c, n.t, n.op == opGT || n.op == opLT)
		if !sol.ok {
			return nil, sol.notBefore
		}
		ms := slices.Clone(sol.moves())
		return []alt{{moves: ms, cost: movesCost(c, ms)}}, 0
	}
	if n.anyOf {
		var out []alt
		nb := math.MaxInt
		for _, k := range n.children {
			ka, t := p.alts(c, k, r, skipTitles)
			out = append(out, ka...)
			if len(ka) == 0 && t > 0 {
				nb = min(nb, t)
			}
		}
		if len(out) > 0 || nb == math.MaxInt {
			nb = 0
		}
		return prune(out), nb
	}
	out := []alt{{}}
	nb := 0
	for _, k := range n.children {
		ka, t := p.alts(c, k, r, skipTitles)
		if len(ka) == 0 {
			if t == 0 {
				return nil, 0
			}
			nb = max(nb, t)
			continue
		}
		out = cross(c, out, ka)
	}
	if nb > 0 {
		return nil, nb
	}
	return out, 0
}

func prune(as []alt) []alt {
	sort.SliceStable(as, func(i, j int) bool { return as[i].cost < as[j].cost })
	if len(as) > maxAlts {
		as = as[:maxAlts]
	}
	return as
}

func joined(c *Ctx, a, b alt) alt {
	ms := merge(a.moves, b.moves)
	return alt{moves: ms, cost: movesCost(c, ms)}
}

func cross(c *Ctx, as, bs []alt) []alt {
	out := make([]alt, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, joined(c, a, b))
		}
	}
	out = prune(out)
	if len(out) > maxCombo {
		out = out[:maxCombo]
	}
	return out
}

// trial is a scratch copy of the profile on which candidate moves are
// applied, evaluated and undone, so that a gap search clones the profile
// once rather than once per try.
type trial struct {
	q *profile.Profile
	c Ctx
	r TierResult

	// what apply may change, saved to undo it
	years                  [2]profile.Year
	hadYear                [2]bool
	hadMap                 bool
	nIP, nInst, nHon, nTit int
	qual                   profile.Quality
	hadQual                bool
	prod                   profile.Product
	hadProd                bool
	digital                *int
	coreIS                 *bool
}

func newTrial(c *Ctx) *trial {
	t := &trial{q: c.P.Clone()}
	t.c.Reset(t.q, c.AsOf, c.Y, c.Review)
	return t
}

// apply applies the moves, revenue first so that ratios are solved against
// the revenue the plan will have, and grants the required lower titles.
func (t *trial) apply(ms []move, requires []string) {
	q, c := t.q, &t.c
	t.hadMap = q.Years != nil
	for i, y := range [2]int{c.Y, c.Y + 1} {
		yp := q.Years[y]
		t.hadYear[i] = yp != nil
		if yp != nil {
			t.years[i] = *yp
		}
	}
	t.nIP, t.nInst, t.nHon, t.nTit = len(q.IP), len(q.RDInstitutions), len(q.Honors), len(q.Titles)
	t.hadQual, t.hadProd = q.Quality != nil, q.Product != nil
	if t.hadQual {
		t.qual = *q.Quality
	}
	if t.hadProd {
		t.prod = *q.Product
	}
	t.digital, t.coreIS = q.DigitalLevel, q.CoreBusinessOnIS
	rank := func(m move) int {
		switch {
		case m.kind == lvFigure && m.field == fRevenue:
			return 0
		case m.kind == lvFigure && m.field == fMainRevenue:
			return 1
		}
		return 2
	}
	for r := range 3 {
		for _, m := range ms {
			if rank(m) == r {
				m.apply(c, q)
			}
		}
	}
	for _, tier := range requires {
		from, to := c.AsOf, profile.Date{Y: c.AsOf.Y + 3, M: c.AsOf.M, D: c.AsOf.D}
		q.Titles = append(q.Titles, profile.Title{Tier: tier, Recognized: &from, ValidTo: &to})
	}
	c.refresh()
}

// undo restores the scratch profile as it was before apply.
func (t *trial) undo() {
	q, c := t.q, &t.c
	for i, y := range [2]int{c.Y, c.Y + 1} {
		switch {
		case t.hadYear[i]:
			*q.Years[y] = t.years[i]
		case q.Years != nil:
			delete(q.Years, y)
		}
	}
	if !t.hadMap {
		q.Years = nil
	}
	q.IP, q.RDInstitutions, q.Honors, q.Titles = q.IP[:t.nIP], q.RDInstitutions[:t.nInst], q.Honors[:t.nHon], q.Titles[:t.nTit]
	if t.hadQual {
		*q.Quality = t.qual
	} else {
		q.Quality = nil
	}
	if t.hadProd {
		*q.Product = t.prod
	} else {
		q.Product = nil
	}
	q.DigitalLevel, q.CoreBusinessOnIS = t.digital, t.coreIS
	c.refresh()
}

// evaluate applies the moves, evaluates the plan on the result, and leaves
// the moves applied until undo.
//
// Only the status and the points are needed here, so the short-circuiting
// evaluator is used.
func (t *trial) evaluate(p *Plan, ms []move, requires []string) *TierResult {
	t.apply(ms, requires)
	p.Quick(&t.c, &t.r)
	return &t.r
}

// verify applies a candidate and evaluates it with the real plan.
func (p *Plan) verify(c *Ctx, t *trial, cand alt, requires []string) (GapPlan, bool) {
	r := t.evaluate(p, cand.moves, requires)
	defer t.undo()
	if r.Status != Pass && r.Status != Review {
		return GapPlan{}, false
	}
	gp := GapPlan{Reaches: r.Status, Cost: math.Round(cand.cost*1000) / 1000}
	gp.Changes = diffChanges(c, c.P, t.q, requires)
	texts := make([]string, 0, len(gp.Changes))
	for _, ch := range gp.Changes {
		texts = append(texts, ch.Text)
	}
	gp.Summary = strings.Join(texts, "；")
	if p.score != nil {
		s := r.Score
		gp.Score = &s
	}
	return gp, len(gp.Changes) > 0
}

// ---- the points table --------------------------------------------------------

// option is one target value of one lever and what it gains, item by item.
type option struct {
	moves []move
	cost  float64
	gain  []int // per item
}

type group struct {
	opts []option
}

// scorePlans returns the cheapest sets of moves that, on top of base, make
// the points table pass: total, category minimums and item minimums.
func (p *Plan) scorePlans(c *Ctx, t *trial, base alt, requires []string) []alt {
	tr := t.evaluate(p, base.moves, requires)
	if tr.scoreOK == Pass {
		t.undo()
		return []alt{{}}
	}
	var r TierResult // the base's result, kept past undo
	r.Score, r.scoreOK = tr.Score, tr.scoreOK
	r.CatPoints = slices.Clone(tr.CatPoints)
	cur := make([]int, len(p.items))
	for i := range p.items {
		cur[i] = int(tr.Items[i].Points)
	}
	c2 := &t.c
	// Options by lever: for every item and every better band, the move that
	// reaches the band; options on the same lever are merged into one ladder.
	byKey := map[moveKey]*group{}
	var keys []moveKey
	var multi []*group
	for i, it := range p.items {
		for _, a := range it.alts {
			if a.solve == nil || a.eval(c2).State == NotApplicable {
				continue
			}
			for _, b := range a.bands {
				if b.points <= cur[i] {
					continue
				}
				sol := a.solve(c2, b.t, b.strict)
				if !sol.ok || len(sol.moves()) == 0 {
					continue
				}
				if len(sol.moves()) > 1 {
					g := &group{opts: []option{{moves: slices.Clone(sol.moves()), gain: make([]int, len(p.items))}}}
					g.opts[0].gain[i] = b.points - cur[i]
					g.opts[0].cost = movesCost(c, g.opts[0].moves)
					multi = append(multi, g)
					continue
				}
				m := sol.moves()[0]
				if now, ok := m.current(c2); ok && !m.better(m.to, now) {
					continue
				}
				g := byKey[m.key()]
				if g == nil {
					g = &group{}
					byKey[m.key()] = g
					keys = append(keys, m.key())
				}
				g.opts = append(g.opts, option{moves: []move{m}})
			}
		}
	}
	t.undo()
	groups := make([]*group, 0, len(keys)+len(multi))
	for _, k := range keys {
		g := byKey[k]
		p.ladder(c, t, base, requires, g, cur)
		groups = append(groups, g)
	}
	groups = append(groups, multi...)
	sols := p.knapsack(&r, groups, cur)
	out := make([]alt, 0, len(sols))
	for _, s := range sols {
		out = append(out, alt{moves: s, cost: movesCost(c, s)})
	}
	return out
}

// ladder sorts a lever's options by target, drops duplicates, and computes
// each target's gain on every item by evaluating the plan with the base
// moves and the lever set.
func (p *Plan) ladder(c *Ctx, t *trial, base alt, requires []string, g *group, cur []int) {
	sort.Slice(g.opts, func(i, j int) bool {
		a, b := g.opts[i].moves[0], g.opts[j].moves[0]
		return !a.better(a.to, b.to) || a.to == b.to && i < j
	})
	var opts []option
	for _, o := range g.opts {
		if len(opts) > 0 && opts[len(opts)-1].moves[0].to == o.moves[0].to {
			continue
		}
		opts = append(opts, o)
	}
	for i := range opts {
		o := &opts[i]
		r := t.evaluate(p, merge(base.moves, o.moves), requires)
		o.gain = make([]int, len(p.items))
		for j := range p.items {
			o.gain[j] = max(int(r.Items[j].Points)-cur[j], 0)
		}
		t.undo()
		o.cost = movesCost(c, o.moves)
	}
	g.opts = opts
}

// knapsack searches the choice of at most one option per lever that meets
// every deficit at the least cost, by depth-first branch and bound.
func (p *Plan) knapsack(r *TierResult, groups []*group, cur []int) [][]move {
	nItems := len(p.items)
	need := p.score.Pass - r.Score
	catNeed := make([]int, len(p.cats))
	for i, cat := range p.cats {
		catNeed[i] = cat.Min - r.CatPoints[i]
	}
	// Upper bounds of what the remaining groups can still add, for pruning.
	n := len(groups)
	restTotal := make([]int, n+1)
	restCat := make([][]int, n+1)
	restCat[n] = make([]int, len(p.cats))
	for gi := n - 1; gi >= 0; gi-- {
		restCat[gi] = slices.Clone(restCat[gi+1])
		bestT := 0
		bestC := make([]int, len(p.cats))
		for _, o := range groups[gi].opts {
			t := 0
			cs := make([]int, len(p.cats))
			for j, gj := range o.gain {
				t += gj
				if cat := p.items[j].cat; cat >= 0 {
					cs[cat] += gj
				}
			}
			bestT = max(bestT, t)
			for k := range cs {
				bestC[k] = max(bestC[k], cs[k])
			}
		}
		restTotal[gi] = restTotal[gi+1] + bestT
		for k := range bestC {
			restCat[gi][k] += bestC[k]
		}
	}
	type found struct {
		pick []int
		cost float64
	}
	var best []found
	worst := func() float64 {
		if len(best) < maxPlans {
			return math.Inf(1)
		}
		return best[len(best)-1].cost
	}
	pick := make([]int, n)
	gain := make([]int, nItems)
	var visits int
	var dfs func(gi int, cost float64)
	dfs = func(gi int, cost float64) {
		visits++
		if visits > 20000 || cost >= worst() {
			return
		}
		total := 0
		cats := make([]int, len(p.cats))
		minsOK := true
		for j, it := range p.items {
			pts := min(cur[j]+gain[j], it.max)
			total += pts - cur[j]
			if it.cat >= 0 {
				cats[it.cat] += pts - cur[j]
			}
			if pts < it.minPoints {
				minsOK = false
			}
		}
		ok := total >= need && minsOK
		for k := range cats {
			ok = ok && cats[k] >= catNeed[k]
		}
		if ok {
			best = append(best, found{slices.Clone(pick), cost})
			sort.Slice(best, func(i, j int) bool { return best[i].cost < best[j].cost })
			if len(best) > maxPlans {
				best = best[:maxPlans]
			}
			return
		}
		if gi == n || total+restTotal[gi] < need {
			return
		}
		for k := range cats {
			if cats[k]+restCat[gi][k] < catNeed[k] {
				return
			}
		}
		pick[gi] = -1
		dfs(gi+1, cost)
		for oi, o := range groups[gi].opts {
			pick[gi] = oi
			for j, gj := range o.gain {
				gain[j] += gj
			}
			dfs(gi+1, cost+o.cost)
			for j, gj := range o.gain {
				gain[j] -= gj
			}
		}
		pick[gi] = -1
	}
	for i := range pick {
		pick[i] = -1
	}
	dfs(0, 0)
	out := make([][]move, 0, len(best))
	for _, f := range best {
		var ms []move
		for gi, oi := range f.pick {
			if oi >= 0 {
				ms = merge(ms, groups[gi].opts[oi].moves)
			}
		}
		out = append(out, ms)
	}
	return out
}

// ---- plans as changes to the profile -------------------------------------------

// diffChanges lists what a plan changes, as contract changes: the figures of
// the data year (and the platform score of the assessment year), added list
// elements, and the facts that were set.
func diffChanges(c *Ctx, a, b *profile.Profile, requires []string) []Change {
	var out []Change
	for _, year := range []int{c.Y, c.Y + 1} {
		ya, yb := a.Years[year], b.Years[year]
		for _, f := range []*field{fRevenue, fMainRevenue, fRD, fCost, fLiabilities, fNetProfit, fEmployees, fRDStaff, fTechStaff, fEquity, fPlatform} {
			va, oka := f.get(ya)
			vb, okb := f.get(yb)
			if okb && (!oka || va != vb) {
				m := move{kind: lvFigure, field: f, year: year, to: vb}
				out = append(out, m.change(c))
			}
		}
	}
	// Added IP, grouped by variant.
	counts := map[uint8]int64{}
	for _, ip := range b.IP[len(a.IP):] {
		v := ipClass1
		switch {
		case profile.IPClass(ip.Kind) == 2:
			v = ipClass2
		case ip.HighValue:
			v = ipClass1High
		}
		counts[v]++
	}
	for _, v := range []uint8{ipClass1High, ipClass1, ipClass2} {
		if counts[v] > 0 {
			out = append(out, move{kind: lvIP, variant: v, to: counts[v]}.change(c))
		}
	}
	for _, ri := range b.RDInstitutions[len(a.RDInstitutions):] {
		out = append(out, move{kind: lvRDInst, to: instRank(ri.Level)}.change(c))
	}
	for _, h := range b.Honors[len(a.Honors):] {
		ch := move{kind: lvHighTech}.change(c)
		ch.Add = h
		out = append(out, ch)
	}
	if b.Quality != nil {
		for i, q := range qualityFacts {
			vb := *q.ptr(b.Quality)
			var va *bool
			if a.Quality != nil {
				va = *q.ptr(a.Quality)
			}
			if vb != nil && *vb && (va == nil || !*va) {
				out = append(out, move{kind: lvQuality, variant: uint8(i)}.change(c))
			}
		}
	}
	if b.DigitalLevel != nil && (a.DigitalLevel == nil || *a.DigitalLevel != *b.DigitalLevel) {
		out = append(out, move{kind: lvDigital, to: int64(*b.DigitalLevel)}.change(c))
	}
	if b.CoreBusinessOnIS != nil && *b.CoreBusinessOnIS && (a.CoreBusinessOnIS == nil || !*a.CoreBusinessOnIS) {
		out = append(out, move{kind: lvCoreIS, to: 1}.change(c))
	}
	if b.Product != nil {
		var sa *profile.Dec
		var ra *int
		if a.Product != nil {
			sa, ra = a.Product.MarketShare, a.Product.MarketRank
		}
		if sb := b.Product.MarketShare; sb != nil && (sa == nil || *sa != *sb) {
			out = append(out, move{kind: lvMarketShare, to: int64(*sb)}.change(c))
		}
		if rb := b.Product.MarketRank; rb != nil && (ra == nil || *ra != *rb) {
			out = append(out, move{kind: lvMarketRank, to: int64(*rb)}.change(c))
		}
	}
	_ = requires
	return out
}

// Apply applies a plan's changes to a copy of the profile, through the same
// dotted paths a client would use.
func (g GapPlan) Apply(p *profile.Profile) (*profile.Profile, error) {
	q := p.Clone()
	for _, ch := range g.Changes {
		if ch.Add != nil {
			n := max(ch.Count, 1)
			b, err := json.Marshal(ch.Add)
			if err != nil {
				return nil, err
			}
			for range n {
				if err := q.AddPath(ch.Path, b); err != nil {
					return nil, fmt.Errorf("%s: %w", ch.Path, err)
				}
			}
			continue
		}
		if err := q.SetPath(ch.Path, fmt.Sprint(ch.To)); err != nil {
			return nil, fmt.Errorf("%s: %w", ch.Path, err)
		}
	}
	return q, nil
}

// movesKey identifies a set of moves regardless of order.
func movesKey(ms []move) string {
	sorted := slices.Clone(ms)
	slices.SortFunc(sorted, func(a, b move) int {
		if c := cmp.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		if c := cmp.Compare(a.year, b.year); c != 0 {
			return c
		}
		if c := cmp.Compare(a.variant, b.variant); c != 0 {
			return c
		}
		if a.field != nil && b.field != nil {
			return cmp.Compare(a.field.id, b.field.id)
		}
		return 0
	})
	b := make([]byte, 0, 24*len(ms))
	for _, m := range sorted {
		var id uint8
		if m.field != nil {
			id = m.field.id
		}
		b = append(b, byte(m.kind), id, m.variant)
		b = strconv.AppendInt(b, int64(m.year), 10)
		b = append(b, '=')
		b = strconv.AppendInt(b, m.to, 10)
		b = append(b, ';')
	}
	return string(b)
}
