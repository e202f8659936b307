package criteria

import (
	"math"
	"strconv"
	"strings"
)

// TierReport explains one tier: every condition and item with its value,
// threshold or band, outcome, points, points lost (扣分) and what reaches the
// next band, plus gap plans for a tier not passed.
type TierReport struct {
	Tier        string        `json:"tier"`
	TierName    string        `json:"tier_name"`
	RuleSet     string        `json:"ruleset"`
	RuleSetName string        `json:"ruleset_name"`
	RuleSetHash string        `json:"ruleset_hash"`
	Source      string        `json:"source"`
	Status      Outcome       `json:"status"`
	Summary     string        `json:"summary"` // the outcome and its main reasons, one line
	Reasons     []string      `json:"reasons"` // the main reasons, each a short sentence
	Route       string        `json:"route,omitempty"`
	RouteText   string        `json:"route_text,omitempty"` // the route tried or met, in words
	Score       *int          `json:"score,omitempty"`
	ScoreMax    *int          `json:"score_max,omitempty"` // with unknown items at their maximum
	PassScore   int           `json:"pass_score,omitempty"`
	Conditions  []*CondReport `json:"conditions"`
	Categories  []CatReport   `json:"categories,omitempty"`
	Items       []*ItemReport `json:"items,omitempty"`
	Gaps        []GapPlan     `json:"gaps"`
	NotBefore   *int          `json:"not_before"`
	Requires    []string      `json:"requires,omitempty"` // a lower title the tier needs first
}

// CondReport explains one condition.
type CondReport struct {
	ID         string        `json:"id,omitempty"`
	Label      string        `json:"label"`
	Kind       string        `json:"kind"` // prerequisite | mandatory | direct
	Outcome    Outcome       `json:"outcome"`
	Value      any           `json:"value,omitempty"`
	Display    string        `json:"display,omitempty"`
	Threshold  string        `json:"threshold,omitempty"`
	Needs      string        `json:"needs,omitempty"`
	Year       int           `json:"year,omitempty"`
	ReviewNote string        `json:"review_note,omitempty"`
	UnmetNote  string        `json:"unmet_note,omitempty"` // the rule file's reason, when the condition is not met
	Ref        string        `json:"ref,omitempty"`
	Confidence string        `json:"confidence,omitempty"`
	AnyOf      bool          `json:"any_of,omitempty"` // met by any one of the children (else all)
	Children   []*CondReport `json:"children,omitempty"`
}

// CatReport is a category subtotal with its minimum.
type CatReport struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Points int    `json:"points"`
	Max    int    `json:"max"`
	Min    int    `json:"min,omitempty"`
	Met    bool   `json:"met"`
}

// ItemReport explains one scored item. Lost is the 扣分: max − points.
type ItemReport struct {
	ID         string    `json:"id"`
	Label      string    `json:"label"`
	Category   string    `json:"category,omitempty"`
	Outcome    Outcome   `json:"outcome"` // pass (scored) or missing (input unknown)
	Points     int       `json:"points"`
	Max        int       `json:"max"`
	MinPoints  int       `json:"min_points,omitempty"` // the item itself must score at least this
	Lost       int       `json:"lost"`
	Value      any       `json:"value"`
	Display    string    `json:"display,omitempty"`
	Band       string    `json:"band,omitempty"`
	Next       *NextBand `json:"next,omitempty"`
	Ref        string    `json:"ref,omitempty"`
	Confidence string    `json:"confidence,omitempty"`
}

// NextBand says what reaches the next band, in the input's own unit.
type NextBand struct {
	Points  int      `json:"points"`
	Needs   string   `json:"needs"`
	Changes []Change `json:"changes,omitempty"`
}

// Explain completes an evaluated result with what the explanation needs
// beyond outcomes, values and points: for every failed condition the moves
// that meet it (or the year from which time will), and for every item that
// loses points the cheapest moves to its next band. It reuses r's slices and
// allocates nothing; Report words the result.
func (p *Plan) Explain(c *Ctx, r *TierResult) {
	// Entries are read only where Report finds a failed leaf or an item that
	// loses points, so the buffers are reused without clearing.
	r.Needs = resizeKeep(r.Needs, len(p.nodes))
	for _, n := range p.nodes {
		if n.leaf() && n.solve != nil && r.Nodes[n.idx].Outcome == Fail {
			r.Needs[n.idx] = n.solve(c, n.t, n.op == opGT || n.op == opLT)
		}
	}
	r.Next = resizeKeep(r.Next, len(p.items))
	r.NextPoints = resizeKeep(r.NextPoints, len(p.items))
	for _, it := range p.items {
		r.Next[it.idx].ok = false
		if res := &r.Items[it.idx]; int(res.Points) < it.max {
			r.NextPoints[it.idx], r.Next[it.idx] = p.nextBand(c, it, res)
		}
	}
}

// Report words an explained result as the contract's tier report: values in
// their units, thresholds, needs and next bands in Chinese.
func (p *Plan) Report(c *Ctx, r *TierResult) *TierReport {
	rs := p.RS
	tr := &TierReport{
		Tier: rs.Tier, TierName: TierZH[rs.Tier], RuleSet: rs.ID, RuleSetName: rs.Name, RuleSetHash: rs.hash,
		Source: p.source, Status: r.Status, Route: r.Route.String(), Gaps: []GapPlan{},
	}
	// One block for the nodes and one for the child pointers: a report is a
	// handful of allocations, not one per node.
	slab := make([]CondReport, len(p.nodes))
	kids := make([]*CondReport, len(p.nodes))
	used, usedKids := 0, 0
	var report func(n *cnode) *CondReport
	report = func(n *cnode) *CondReport {
		if n.onReview != nil && c.Review {
			n = n.onReview
		}
		res := r.Nodes[n.idx]
		cr := &slab[used]
		used++
		*cr = CondReport{ID: n.id, Label: n.label, Kind: sectionNames[n.sec], Outcome: res.Outcome,
			Ref: n.src.Ref, Confidence: n.src.Confidence}
		if n.review {
			cr.ReviewNote = n.src.ReviewNote
		}
		if res.Outcome == Fail {
			cr.UnmetNote = n.src.UnmetNote
		}
		if res.Outcome == Review && n.failReview && n.unmet(r) {
			cr.UnmetNote = n.src.UnmetNote
			if cr.UnmetNote == "" {
				cr.UnmetNote = "未满足预筛条件：" + n.src.ReviewNote
			}
			cr.ReviewNote = cr.UnmetNote
		}
		if n.skipReview && c.Review {
			cr.Display = "复核不考察"
			return cr
		}
		if !n.leaf() {
			cr.AnyOf = n.anyOf
			cr.Children = kids[usedKids : usedKids : usedKids+len(n.children)]
			usedKids += len(n.children)
			for _, k := range n.children {
				cr.Children = append(cr.Children, report(k))
			}
			return cr
		}
		cr.Threshold = n.threshold
		if n.metric.yearly {
			cr.Year = c.Y + n.year
			if n.yearChild {
				cr.Label = strconv.Itoa(cr.Year) + " 年"
			}
		}
		if res.Value.Known() {
			cr.Value, cr.Display = jsonValue(n.metric, res.Value), display(n.metric, res.Value)
		} else {
			cr.Display = "缺数据"
		}
		if res.Outcome == Fail && n.idx < len(r.Needs) {
			switch sol := &r.Needs[n.idx]; {
			case sol.ok:
				cr.Needs = needsText(sol.moves())
			case sol.notBefore > 0:
				cr.Needs = "时间条件：最早 " + itoa(sol.notBefore) + " 年度数据可满足"
			}
		}
		return cr
	}
	tr.Conditions = make([]*CondReport, 0, len(p.prereq)+len(p.mandatory)+len(p.direct))
	for _, list := range [][]*cnode{p.prereq, p.mandatory, p.direct} {
		for _, n := range list {
			tr.Conditions = append(tr.Conditions, report(n))
		}
	}
	if p.score == nil {
		return tr
	}
	score, scoreMax := r.Score, r.ScoreMax
	tr.Score, tr.PassScore = &score, p.score.Pass
	if scoreMax != score {
		tr.ScoreMax = &scoreMax
	}
	tr.Categories = make([]CatReport, len(p.cats))
	for i, cat := range p.cats {
		tr.Categories[i] = CatReport{ID: cat.ID, Label: cat.Label, Points: r.CatPoints[i], Max: cat.Max, Min: cat.Min, Met: r.CatPoints[i] >= cat.Min}
	}
	items := make([]ItemReport, len(p.items))
	tr.Items = make([]*ItemReport, len(p.items))
	for i, it := range p.items {
		tr.Items[i] = p.reportItem(c, it, r, &items[i])
	}
	return tr
}

func (p *Plan) reportItem(c *Ctx, it *citem, r *TierResult, ir *ItemReport) *ItemReport {
	res := &r.Items[it.idx]
	*ir = ItemReport{ID: it.src.ID, Label: it.src.Label, Points: int(res.Points), Max: it.max, MinPoints: it.minPoints,
		Lost: it.max - int(res.Points), Ref: it.src.Ref, Confidence: it.src.Confidence, Outcome: Pass}
	if it.cat >= 0 {
		ir.Category = p.cats[it.cat].Label
	}
	if !res.Known {
		ir.Outcome = Missing
	}
	if res.Alt >= 0 {
		a := it.alts[res.Alt]
		ir.Value, ir.Display = jsonValue(a.metric, res.Value), display(a.metric, res.Value)
		if res.Band >= 0 {
			ir.Band = a.bands[res.Band].label
		} else {
			ir.Band = "未达最低档"
		}
		if a.metric.unit == uLevel && res.Band >= 0 && ir.Band != "" {
			ir.Display = ir.Band // an ordinal grade reads best as its band's words
		}
		if a.label != "" {
			ir.Display = a.label + "：" + ir.Display
		}
	} else {
		ir.Display = "缺数据"
	}
	if it.idx < len(r.Next) && r.Next[it.idx].ok {
		ms := r.Next[it.idx].moves()
		ir.Next = &NextBand{Points: r.NextPoints[it.idx], Needs: needsText(ms), Changes: changes(c, ms)}
	}
	return ir
}

// nextBand finds, over the item's alternatives, the cheapest way to score
// more than now: the lowest band above the current points.
func (p *Plan) nextBand(c *Ctx, it *citem, res *ItemResult) (int, solution) {
	var best solution
	points := 0
	bestCost := math.Inf(1)
	for ai, a := range it.alts {
		if a.solve == nil {
			continue
		}
		if ai != int(res.Alt) && res.Alt >= 0 && !a.eval(c).Known() {
			continue
		}
		for bi := len(a.bands) - 1; bi >= 0; bi-- {
			b := a.bands[bi]
			if b.points <= int(res.Points) {
				continue
			}
			sol := a.solve(c, b.t, b.strict)
			if !sol.ok {
				break
			}
			if cost := movesCost(c, sol.moves()); cost < bestCost {
				bestCost, best, points = cost, sol, b.points
			}
			break
		}
	}
	return points, best
}

func movesCost(c *Ctx, ms []move) float64 {
	var s float64
	for _, m := range ms {
		s += m.cost(c)
	}
	return s
}

func changes(c *Ctx, ms []move) []Change {
	out := make([]Change, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.change(c))
	}
	return out
}

func needsText(ms []move) string {
	parts := make([]string, 0, len(ms))
	for _, m := range ms {
		parts = append(parts, m.text())
	}
	return strings.Join(parts, "；")
}

// jsonValue is the value as the contract's JSON number (or boolean).
func jsonValue(m *metric, v Value) any {
	if !v.Known() {
		return nil
	}
	if m.unit == uBool {
		return v.N != 0
	}
	f := v.Float()
	if m.unit == uRatio {
		return math.Round(f*1e6) / 1e6
	}
	return math.Round(f*1e4) / 1e4
}

// display words the value in its unit: "3.50%", "3,000.00 万元", "是".
func display(m *metric, v Value) string {
	switch m.unit {
	case uBool:
		if v.N != 0 {
			return "是"
		}
		return "否"
	case uRatio:
		return pct(v)
	}
	s := groupDigits(v.decimal(4))
	if m.unit == uMoney && v.Form() == FormRat {
		s = moneyRat(v.N, v.D)
	}
	if unitZH[m.unit] != "" {
		s += " " + unitZH[m.unit]
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

func sourceText(s Source) string {
	parts := []string{"《" + s.Title + "》"}
	if s.DocNo != "" {
		parts = append(parts, "（"+s.DocNo+"）")
	}
	if s.Annex != "" {
		parts = append(parts, s.Annex)
	}
	return strings.Join(parts, "")
}
