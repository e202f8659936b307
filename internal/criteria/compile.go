package criteria

import (
	"errors"
	"fmt"
	"strings"
)

// Plan is a rule set compiled once into closures over the metric vocabulary.
// Evaluating a profile walks the plan; nothing is parsed or looked up by name
// on the hot path.
type Plan struct {
	RS        *RuleSet
	prereq    []*cnode
	mandatory []*cnode
	direct    []*cnode
	nodes     []*cnode // every condition node, in document order; index = NodeResult index
	items     []*citem
	cats      []Category
	score     *Score
	source    string // the document, as reports cite it
}

type section uint8

const (
	secPrereq section = iota
	secMandatory
	secDirect
)

var sectionNames = [...]string{"prerequisite", "mandatory", "direct"}

type cmpOp uint8

const (
	opGE cmpOp = iota
	opGT
	opLE
	opLT
	opEQ
)

var opText = [...]string{"≥", ">", "≤", "<", "="}

// cnode is a compiled condition.
type cnode struct {
	idx        int
	src        *Node
	id, label  string
	sec        section
	anyOf      bool // for inner nodes: any-of instead of all-of
	children   []*cnode
	metric     *metric
	eval       evalFn
	solve      solveFn
	op         cmpOp
	t          Rat
	year       int
	review     bool
	failReview bool // on_fail: review — an unmet pre-screen is put to an official
	skipReview bool
	threshold  string // the threshold as an official reads it: "≥ 100 万元"
	yearChild  bool   // one year of an each_year test: labelled by its year
	onReview   *cnode // what is tested instead for 复核 (review_any_year)
	slot       int32  // memo slot of the metric value, −1 for none (see Engine)
	argText    string
}

func (n *cnode) leaf() bool { return n.metric != nil }

// citem is a compiled score item.
type citem struct {
	idx       int
	src       *Item
	cat       int // index into Plan.cats, −1 when none
	alts      []*calt
	max       int
	minPoints int
}

type calt struct {
	label   string
	metric  *metric
	eval    evalFn
	solve   solveFn
	year    int
	lower   bool // bands are upper limits (资产负债率 ≤ 50 % → 5)
	slot    int32
	argText string
	bands   []cband
}

type cband struct {
	t      Rat
	strict bool // the edge belongs to the lower band (params.band_edge: lower)
	points int
	label  string
}

// Compile checks a rule set and compiles it into a plan.
func Compile(rs *RuleSet) (*Plan, error) {
	p := &Plan{RS: rs, score: rs.Score, source: sourceText(rs.Source)}
	var errs []error
	compileList := func(list []*Node, sec section) []*cnode {
		out := make([]*cnode, 0, len(list))
		for _, n := range list {
			cn, err := p.compileNode(n, sec, rs.Params, "")
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out = append(out, cn)
		}
		return out
	}
	p.prereq = compileList(rs.Prerequisites, secPrereq)
	p.mandatory = compileList(rs.Mandatory, secMandatory)
	p.direct = compileList(rs.Direct, secDirect)
	if rs.Score != nil {
		p.cats = rs.Score.Categories
		if len(p.cats) > maxCategories {
			errs = append(errs, fmt.Errorf("at most %d categories", maxCategories))
		}
		for _, it := range rs.Score.Items {
			ci, err := p.compileItem(it, rs.Params)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", it.ID, err))
				continue
			}
			p.items = append(p.items, ci)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("rule set %s: %w", rs.ID, errors.Join(errs...))
	}
	return p, nil
}

func (p *Plan) compileNode(n *Node, sec section, params Params, parentID string) (*cnode, error) {
	cn := &cnode{src: n, id: n.ID, label: n.Label, sec: sec, review: n.Review, skipReview: n.SkipReview, slot: -1}
	where := n.ID
	if where == "" {
		where = parentID + "/" + n.Label
	}
	switch n.OnFail {
	case "":
	case "review":
		cn.failReview = true
	default:
		return nil, fmt.Errorf("%s: on_fail must be review, not %q", where, n.OnFail)
	}
	p.nodes = append(p.nodes, cn)
	cn.idx = len(p.nodes) - 1
	switch {
	case len(n.All) > 0 || len(n.Any) > 0:
		if n.Metric != "" || (len(n.All) > 0 && len(n.Any) > 0) {
			return nil, fmt.Errorf("%s: a node is a metric test, all-of or any-of — not several", where)
		}
		kids := n.All
		if len(n.Any) > 0 {
			kids, cn.anyOf = n.Any, true
		}
		for _, k := range kids {
			ck, err := p.compileNode(k, sec, params, where)
			if err != nil {
				return nil, err
			}
			cn.children = append(cn.children, ck)
		}
		return cn, nil
	case len(n.ReviewAnyYear) > 0:
		// The node as written is the test for a new application; for 复核
		// an any-of over the listed years is tested instead.
		k := *n
		k.ReviewAnyYear = nil
		p.nodes = p.nodes[:len(p.nodes)-1]
		base, err := p.compileNode(&k, sec, params, parentID)
		if err != nil {
			return nil, err
		}
		alt := &cnode{src: n, id: n.ID, label: n.Label, sec: sec, anyOf: true, review: n.Review, slot: -1}
		p.nodes = append(p.nodes, alt)
		alt.idx = len(p.nodes) - 1
		for _, off := range n.ReviewAnyYear {
			y := k
			y.ID, y.Year = "", n.Year+off
			ck, err := p.compileNode(&y, sec, params, where)
			if err != nil {
				return nil, err
			}
			ck.yearChild = true
			alt.children = append(alt.children, ck)
		}
		base.onReview = alt
		return base, nil
	case len(n.EachYear) > 0:
		// "in each of the last two years" becomes all-of, one test per year.
		for _, off := range n.EachYear {
			k := *n
			k.EachYear, k.Year, k.ID = nil, off, ""
			k.Label = yearLabel(off)
			ck, err := p.compileNode(&k, sec, params, where)
			if err != nil {
				return nil, err
			}
			ck.yearChild = true
			cn.children = append(cn.children, ck)
		}
		return cn, nil
	}
	m := vocabulary[n.Metric]
	if m == nil {
		return nil, fmt.Errorf("%s: unknown metric %q", where, n.Metric)
	}
	if n.Year != 0 && !m.yearly {
		return nil, fmt.Errorf("%s: metric %s does not take a year", where, m.id)
	}
	eval, solve, err := m.build(bind{arg: n.Arg, year: n.Year, params: params})
	if err != nil {
		return nil, fmt.Errorf("%s: metric %s: %w", where, m.id, err)
	}
	cn.metric, cn.eval, cn.solve, cn.year, cn.argText = m, eval, solve, n.Year, n.Arg.Text()
	text, op, set := n.test(params)
	cn.op = op
	if n.Is != nil {
		cn.t = Bool(*n.Is).rat()
		if m.unit != uBool {
			return nil, fmt.Errorf("%s: is: needs a yes/no metric, %s is not", where, m.id)
		}
	}
	if set != 1 {
		return nil, fmt.Errorf("%s: a test needs exactly one of min, max, below or is", where)
	}
	if text != "" {
		t, err := parseThreshold(text, m)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		cn.t = t
	}
	cn.threshold = thresholdText(m, cn.op, cn.t)
	return cn, nil
}

func (v Value) rat() Rat { return Rat{v.N, v.D} }

// test reads which test a leaf writes — is, min (不低于), max (不高于) or
// below — as the threshold text and operator the rule set's params make of
// it, and how many of them are set (a leaf must set exactly one).
func (n *Node) test(p Params) (text string, op cmpOp, set int) {
	if n.Is != nil {
		set, op = 1, opEQ
	}
	for _, c := range []struct {
		text string
		op   cmpOp
	}{{n.Min, opGE}, {n.Max, opLE}, {n.Below, opLT}} {
		if c.text == "" {
			continue
		}
		set++
		text, op = c.text, c.op
		if !p.Inclusive && c.op != opLT {
			op++ // ≥ → >, ≤ → <
		}
	}
	return text, op, set
}

// parseThreshold reads a threshold and checks it against the metric's unit:
// ratios must be written with %, and amounts must not be.
func parseThreshold(s string, m *metric) (Rat, error) {
	pct := strings.HasSuffix(strings.TrimSpace(s), "%")
	if m.unit == uRatio && !pct {
		return Rat{}, fmt.Errorf("metric %s is a ratio: write its threshold with %% (e.g. 3%%), not %q", m.id, s)
	}
	if m.unit != uRatio && pct {
		return Rat{}, fmt.Errorf("metric %s is in %s: %q must not be a percentage", m.id, unitName(m.unit), s)
	}
	t, err := ParseRat(s)
	if err != nil {
		return Rat{}, err
	}
	if m.unit == uMoney || m.unit == uPoints {
		// Money and scores have four decimals: 0.00001 万元 would be a typo.
		if (t.D > 10000) || (10000%t.D != 0) {
			return Rat{}, fmt.Errorf("%q has more than 4 decimals", s)
		}
	}
	return t, nil
}

func yearLabel(off int) string {
	switch {
	case off == 0:
		return "Y"
	case off < 0:
		return fmt.Sprintf("Y%d", off)
	}
	return fmt.Sprintf("Y+%d", off)
}

func (p *Plan) compileItem(it *Item, params Params) (*citem, error) {
	ci := &citem{idx: len(p.items), src: it, cat: -1, max: it.Max, minPoints: it.MinPoints}
	if it.Category != "" {
		for i, c := range p.cats {
			if c.ID == it.Category {
				ci.cat = i
			}
		}
		if ci.cat < 0 {
			return nil, fmt.Errorf("unknown category %q", it.Category)
		}
	}
	alts := it.BestOf
	if it.Metric != "" {
		if len(alts) > 0 {
			return nil, errors.New("an item has either metric and bands or best_of, not both")
		}
		alts = []Alt{{Metric: it.Metric, Arg: it.Arg, Year: it.Year, Bands: it.Bands}}
	}
	if len(alts) == 0 {
		return nil, errors.New("an item needs a metric")
	}
	for _, a := range alts {
		m := vocabulary[a.Metric]
		if m == nil {
			return nil, fmt.Errorf("unknown metric %q", a.Metric)
		}
		eval, solve, err := m.build(bind{arg: a.Arg, year: a.Year, params: params})
		if err != nil {
			return nil, fmt.Errorf("metric %s: %w", m.id, err)
		}
		ca := &calt{label: a.Label, metric: m, eval: eval, solve: solve, year: a.Year, slot: -1, argText: a.Arg.Text()}
		for i, b := range a.Bands {
			text := b.Min
			if b.Max != "" {
				text = b.Max
				ca.lower = true
			}
			if (b.Min == "") == (b.Max == "") {
				return nil, fmt.Errorf("band %d needs exactly one of min or max", i+1)
			}
			if (b.Max != "") != ca.lower {
				return nil, errors.New("bands mix min and max")
			}
			t, err := parseThreshold(text, m)
			if err != nil {
				return nil, fmt.Errorf("band %d: %w", i+1, err)
			}
			ca.bands = append(ca.bands, cband{t: t, strict: params.BandEdge == "lower", points: b.Points, label: b.Label})
		}
		ci.alts = append(ci.alts, ca)
	}
	return ci, nil
}

// thresholdText words a test as an official reads it: "≥ 100 万元", "≥ 3%".
func thresholdText(m *metric, op cmpOp, t Rat) string {
	if m.unit == uBool {
		if t.N == 1 {
			return "是"
		}
		return "否"
	}
	return opText[op] + " " + fmtRat(m.unit, t)
}

// fmtRat formats a threshold in the metric's unit.
func fmtRat(u unit, t Rat) string {
	if u == uRatio {
		s := fixed(t.N, t.D, 4, 100)
		return strings.TrimRight(strings.TrimRight(s, "0"), ".") + "%"
	}
	s := groupDigits(Num(t.N, t.D).decimal(4))
	if unitZH[u] != "" {
		s += " " + unitZH[u]
	}
	return s
}
