package criteria

import (
	"fmt"
	"strconv"
	"strings"
)

// Outcome is the result of one condition, item or tier.
type Outcome uint8

// Outcomes. Missing (缺数据) means a needed fact is unknown; Review (待核实)
// means every computable test passes but an official must confirm a
// qualitative one.
const (
	Fail Outcome = iota
	Pass
	Missing
	Review
)

var outcomeNames = [...]string{"fail", "pass", "missing", "review"}

func (o Outcome) String() string { return outcomeNames[o] }

// MarshalText writes the outcome as its contract word.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads a contract word, so a stored result decodes.
func (o *Outcome) UnmarshalText(b []byte) error {
	v, ok := ParseOutcome(string(b))
	if !ok {
		return fmt.Errorf("criteria: unknown outcome %q", b)
	}
	*o = v
	return nil
}

// ParseOutcome reads a contract word.
func ParseOutcome(s string) (Outcome, bool) {
	for i, n := range outcomeNames {
		if n == s {
			return Outcome(i), true
		}
	}
	return 0, false
}

// all combines outcomes of conditions that must all hold.
func all(a, b Outcome) Outcome {
	switch {
	case a == Fail || b == Fail:
		return Fail
	case a == Missing || b == Missing:
		return Missing
	case a == Review || b == Review:
		return Review
	}
	return Pass
}

// anyOf combines outcomes of alternatives.
func anyOf(a, b Outcome) Outcome {
	switch {
	case a == Pass || b == Pass:
		return Pass
	case a == Review || b == Review:
		return Review
	case a == Missing || b == Missing:
		return Missing
	}
	return Fail
}

// Route says how a tier was reached.
type Route uint8

// Routes.
const (
	RouteNone       Route = iota
	RouteScore            // 评分达标
	RouteDirect           // 直通条件
	RouteConditions       // 全部条件（无评分表的层级）
)

var routeNames = [...]string{"", "score", "direct", "conditions"}

func (r Route) String() string { return routeNames[r] }

// NodeResult is the outcome of one condition node with its metric value.
type NodeResult struct {
	Outcome Outcome
	Value   Value
}

// ItemResult is the score of one item. With unknown inputs the points are
// bounded: Points with every unknown at 0, PointsMax with every unknown at
// its best band.
type ItemResult struct {
	Value     Value // the value of the alternative that scored
	Alt       int8
	Band      int8 // index of the band reached, −1 for none
	Points    int16
	PointsMax int16
	Known     bool
}

// TierResult is one tier's evaluation.
type TierResult struct {
	Plan      *Plan
	Status    Outcome
	Route     Route
	Score     int // with unknown items at 0
	ScoreMax  int // with unknown items at their maximum
	Nodes     []NodeResult
	Items     []ItemResult
	CatPoints []int
	scoreOK   Outcome

	// Filled by Explain: per node, the moves that meet a failed condition;
	// per item, the cheapest moves to the next band and its points.
	Needs      []solution
	Next       []solution
	NextPoints []int
}

// Evaluate evaluates the plan in context c into r, reusing r's slices, so a
// batch allocates nothing per enterprise.
func (p *Plan) Evaluate(c *Ctx, r *TierResult) {
	r.Plan = p
	r.Nodes = resize(r.Nodes, len(p.nodes))
	r.Items = resize(r.Items, len(p.items))
	r.CatPoints = resize(r.CatPoints, len(p.cats))
	pre := Pass
	for _, n := range p.prereq {
		pre = all(pre, p.evalNode(c, n, r))
	}
	man := Pass
	for _, n := range p.mandatory {
		man = all(man, p.evalNode(c, n, r))
	}
	status := all(pre, man)
	r.Route = RouteConditions
	if len(p.direct) > 0 || p.score != nil {
		alt := Fail
		for _, n := range p.direct {
			alt = anyOf(alt, p.evalNode(c, n, r))
		}
		direct := alt
		r.scoreOK = Fail
		if p.score != nil {
			r.scoreOK = p.evalScore(c, r)
			alt = anyOf(alt, r.scoreOK)
		}
		switch {
		case direct == Pass:
			r.Route = RouteDirect
		case p.score != nil:
			r.Route = RouteScore
		default:
			r.Route = RouteDirect
		}
		status = all(status, alt)
	}
	r.Status = status
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (p *Plan) evalNode(c *Ctx, n *cnode, r *TierResult) Outcome {
	if n.onReview != nil && c.Review {
		return p.evalNode(c, n.onReview, r)
	}
	res := &r.Nodes[n.idx]
	if n.skipReview && c.Review {
		res.Outcome = Pass
		return Pass
	}
	if !n.leaf() {
		o := Pass
		if n.anyOf {
			o = Fail
		}
		for _, k := range n.children {
			ko := p.evalNode(c, k, r)
			if n.anyOf {
				o = anyOf(o, ko)
			} else {
				o = all(o, ko)
			}
		}
		res.Outcome = n.soften(o)
		return res.Outcome
	}
	v := c.value(n.slot, n.eval)
	res.Value = v
	var o Outcome
	switch {
	case !v.Known():
		o = Missing
	case n.holds(v):
		o = Pass
		if n.review {
			o = Review
		}
	default:
		o = Fail
		if n.failReview {
			o = Review
		}
	}
	res.Outcome = o
	return o
}

// unmet reports whether the node's own test (before its review flags) failed.
func (n *cnode) unmet(r *TierResult) bool {
	if n.leaf() {
		v := r.Nodes[n.idx].Value
		return v.Known() && !n.holds(v)
	}
	o := Pass
	if n.anyOf {
		o = Fail
	}
	for _, k := range n.children {
		if n.anyOf {
			o = anyOf(o, r.Nodes[k.idx].Outcome)
		} else {
			o = all(o, r.Nodes[k.idx].Outcome)
		}
	}
	return o == Fail
}

// soften applies a node's review flags to the outcome of its children: a
// met pre-screen awaits an official, and so does an unmet one of a node that
// must not hard-fail (on_fail: review).
func (n *cnode) soften(o Outcome) Outcome {
	if (o == Pass && n.review) || (o == Fail && n.failReview) {
		return Review
	}
	return o
}

func (n *cnode) holds(v Value) bool {
	c := v.Cmp(n.t)
	switch n.op {
	case opGE:
		return c >= 0
	case opGT:
		return c > 0
	case opLE:
		return c <= 0
	case opLT:
		return c < 0
	}
	return c == 0
}

// band returns the index of the first band the value reaches, or −1.
func (a *calt) band(v Value) int {
	for i := range a.bands {
		b := &a.bands[i]
		c := v.Cmp(b.t)
		if a.lower {
			c = -c
		}
		if c > 0 || (c == 0 && !b.strict) {
			return i
		}
	}
	return -1
}

func (a *calt) points(i int) int {
	if i < 0 {
		return 0
	}
	return a.bands[i].points
}

// maxCategories bounds the categories of a points table (Compile checks it),
// so the evaluator keeps its subtotals on the stack.
const maxCategories = 8

func (p *Plan) evalScore(c *Ctx, r *TierResult) Outcome {
	total, totalMax := 0, 0
	var catMaxBuf [maxCategories]int
	catMax := catMaxBuf[:len(p.cats)]
	clear(r.CatPoints)
	itemsOK, itemsOKMax := true, true
	for _, it := range p.items {
		res := &r.Items[it.idx]
		*res = ItemResult{Band: -1, Alt: -1}
		known, anyUnknown, best, bestMax := false, false, 0, 0
		for ai, a := range it.alts {
			v := c.value(a.slot, a.eval)
			switch v.State {
			case NotApplicable:
				continue
			case Unknown:
				anyUnknown = true
				if len(a.bands) > 0 {
					bestMax = max(bestMax, a.bands[0].points)
				}
				continue
			}
			bi := a.band(v)
			pts := a.points(bi)
			if !known || pts > best {
				best, res.Value, res.Alt, res.Band = pts, v, int8(ai), int8(bi)
			}
			known = true
		}
		bestMax = max(bestMax, best)
		if !anyUnknown {
			bestMax = best
		}
		res.Points, res.PointsMax, res.Known = int16(best), int16(bestMax), !anyUnknown
		total += best
		totalMax += bestMax
		if it.cat >= 0 {
			r.CatPoints[it.cat] += best
			catMax[it.cat] += bestMax
		}
		if best < it.minPoints {
			itemsOK = false
		}
		if bestMax < it.minPoints {
			itemsOKMax = false
		}
	}
	r.Score, r.ScoreMax = total, totalMax
	okMin, okMax := total >= p.score.Pass && itemsOK, totalMax >= p.score.Pass && itemsOKMax
	for i, cat := range p.cats {
		okMin = okMin && r.CatPoints[i] >= cat.Min
		okMax = okMax && catMax[i] >= cat.Min
	}
	switch {
	case okMin:
		return Pass
	case !okMax:
		return Fail
	}
	return Missing
}

// ---- display helpers ----------------------------------------------------------

// decimal formats a known value with at most the given decimals, trimming
// trailing zeros ("1200", "109.35").
func (v Value) decimal(places int) string {
	if v.Form() != FormRat {
		return strconv.FormatFloat(v.Float(), 'f', places, 64)
	}
	s := fixed(v.N, v.D, places, 1)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// fixed formats mul·n/d rounded half away from zero to the given decimals.
func fixed(n, d int64, places int, mul int64) string {
	scale := int64(1)
	for range places {
		scale *= 10
	}
	neg := n < 0
	if neg {
		n = -n
	}
	q := mulDivFloor(n, scale*2*mul, d)
	q = (q + 1) / 2
	s := strconv.FormatInt(q/scale, 10)
	if places > 0 {
		s += "." + strconv.FormatInt(q%scale+scale, 10)[1:]
	}
	if neg && q != 0 {
		s = "-" + s
	}
	return s
}

// pct formats a ratio as a percentage with two decimals ("3.00%").
func pct(v Value) string {
	if v.Form() != FormRat {
		return strconv.FormatFloat(v.Float()*100, 'f', 2, 64) + "%"
	}
	return fixed(v.N, v.D, 2, 100) + "%"
}

// Quick evaluates a tier's status, route and score without recording the
// explanation, stopping at the first condition that decides the outcome. It
// is the batch path (选种 over a whole population); Evaluate gives the same
// status with every node recorded.
func (p *Plan) Quick(c *Ctx, r *TierResult) {
	r.Plan = p
	r.Items = resize(r.Items, len(p.items))
	r.CatPoints = resize(r.CatPoints, len(p.cats))
	status := Pass
quick:
	for _, list := range [2][]*cnode{p.prereq, p.mandatory} {
		for _, n := range list {
			if status = all(status, quickNode(c, n)); status == Fail {
				break quick
			}
		}
	}
	r.Route, r.Score, r.ScoreMax = RouteConditions, 0, 0
	if len(p.direct) > 0 || p.score != nil {
		r.Route = RouteScore
		if p.score == nil {
			r.Route = RouteDirect
		}
		alt := Fail
		if p.score != nil {
			alt = p.evalScore(c, r)
		}
		if status != Fail && alt != Pass {
			for _, n := range p.direct {
				if o := quickNode(c, n); o != Fail {
					alt = anyOf(alt, o)
					if o == Pass {
						r.Route = RouteDirect
						break
					}
				}
			}
		}
		status = all(status, alt)
	}
	r.Status = status
}

func quickNode(c *Ctx, n *cnode) Outcome {
	if n.onReview != nil && c.Review {
		return quickNode(c, n.onReview)
	}
	if n.skipReview && c.Review {
		return Pass
	}
	if n.leaf() {
		v := c.value(n.slot, n.eval)
		switch {
		case !v.Known():
			return Missing
		case !n.holds(v):
			if n.failReview {
				return Review
			}
			return Fail
		case n.review:
			return Review
		}
		return Pass
	}
	o := Pass
	if n.anyOf {
		o = Fail
	}
	for _, k := range n.children {
		ko := quickNode(c, k)
		if n.anyOf {
			if o = anyOf(o, ko); o == Pass {
				break
			}
		} else if o = all(o, ko); o == Fail {
			break
		}
	}
	return n.soften(o)
}
