package criteria

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"zjtx/internal/profile"
)

// Tiers in ladder order.
var Tiers = []string{profile.TierTechSME, profile.TierInnovative, profile.TierSRDI, profile.TierLittleGiant}

// TierZH names the tiers as the documents do.
var TierZH = map[string]string{
	profile.TierTechSME:     "科技型中小企业",
	profile.TierInnovative:  "创新型中小企业",
	profile.TierSRDI:        "专精特新中小企业",
	profile.TierLittleGiant: "专精特新“小巨人”企业",
}

// Engine holds compiled plans for a catalogue of rule sets.
type Engine struct {
	Sets  []*RuleSet
	plans map[string]*Plan
}

// NewEngine compiles every rule set.
func NewEngine(sets []*RuleSet) (*Engine, error) {
	e := &Engine{Sets: sets, plans: map[string]*Plan{}}
	for _, rs := range sets {
		if err := rs.compileWindows(); err != nil {
			return nil, fmt.Errorf("rule set %s: %w", rs.ID, err)
		}
		p, err := Compile(rs)
		if err != nil {
			return nil, err
		}
		e.plans[rs.ID] = p
	}
	e.assignSlots()
	return e, nil
}

// assignSlots gives every distinct use of a costly metric (metric, argument, year, and
// params for metrics that read them) one memo slot across all plans, so a
// value several rule sets ask for is computed once per enterprise.
func (e *Engine) assignSlots() {
	slots := map[string]int32{}
	slot := func(m *metric, arg string, year int, ps Params) int32 {
		if !m.costly {
			return -1 // reading a field again is cheaper than the memo
		}
		key := fmt.Sprintf("%s|%s|%d", m.id, arg, year)
		if m.params {
			key += fmt.Sprintf("|%+v", ps)
		}
		s, ok := slots[key]
		if !ok {
			s = int32(len(slots))
			slots[key] = s
		}
		return s
	}
	for _, rs := range e.Sets {
		p := e.plans[rs.ID]
		for _, n := range p.nodes {
			if n.leaf() {
				n.slot = slot(n.metric, n.argText, n.year, rs.Params)
			}
		}
		for _, it := range p.items {
			for _, a := range it.alts {
				a.slot = slot(a.metric, a.argText, a.year, rs.Params)
			}
		}
	}
}

// LoadEngine reads, checks and compiles the rule sets of a directory.
func LoadEngine(fsys fs.FS) (*Engine, error) {
	sets, err := LoadDir(fsys)
	if err != nil {
		return nil, err
	}
	return NewEngine(sets)
}

// Plan returns the compiled plan of a rule set by id.
func (e *Engine) Plan(id string) *Plan { return e.plans[id] }

// Select picks the rule set for a tier, an assessment date, an application
// type and the enterprise's region: among the sets whose window for that
// type contains as_of, the most specific jurisdiction wins (a city overlay
// over a province overlay over the national set).
func (e *Engine) Select(tier string, asOf profile.Date, review bool, region string) (*Plan, error) {
	typ := "new"
	if review {
		typ = "review"
	}
	var best *RuleSet
	for _, rs := range e.Sets {
		if rs.Tier != tier || !rs.appliesOn(typ, asOf) || !rs.coversRegion(region) {
			continue
		}
		if best == nil || specificity(rs) > specificity(best) {
			best = rs
		}
	}
	if best == nil {
		return nil, fmt.Errorf("no %s rule set applies to a %s application on %s", tier, typ, asOf)
	}
	return e.plans[best.ID], nil
}

// specificity ranks jurisdictions: national 0, province "41" 2, city "4101" 4.
func specificity(rs *RuleSet) int {
	if rs.Jurisdiction == "national" {
		return 0
	}
	return len(rs.Jurisdiction)
}

func (rs *RuleSet) appliesOn(typ string, d profile.Date) bool {
	k := d.Key()
	for _, w := range rs.windows {
		if w.typ == typ && w.from <= k && k <= w.to {
			return true
		}
	}
	return false
}

// window is an applies window as integer date keys (YYYYMMDD), so that
// selecting a rule set formats no string.
type window struct {
	typ      string
	from, to int
}

// compileWindows turns the applies windows into integer keys.
func (rs *RuleSet) compileWindows() error {
	rs.windows = rs.windows[:0]
	for _, w := range rs.Applies {
		from, err := profile.ParseDate(w.From)
		if err != nil {
			return fmt.Errorf("applies: %w", err)
		}
		to := 99991231
		if w.To != "" {
			d, err := profile.ParseDate(w.To)
			if err != nil {
				return fmt.Errorf("applies: %w", err)
			}
			to = d.Key()
		}
		rs.windows = append(rs.windows, window{w.Type, from.Key(), to})
	}
	return nil
}

func (rs *RuleSet) coversRegion(region string) bool {
	return rs.Jurisdiction == "national" || rs.Jurisdiction == "" || strings.HasPrefix(region, rs.Jurisdiction)
}

// Options say what to evaluate.
type Options struct {
	AsOf     profile.Date
	DataYear int      // 0: the year before as_of (the rule set's data_year_offset)
	Review   bool     // 复核 instead of a new application
	Tiers    []string // empty: all tiers
	Gaps     bool     // compute gap plans for tiers not passed
}

// Report is the evaluator's answer (the contract of spec/profile.md).
type Report struct {
	AsOf     string        `json:"as_of"`
	DataYear int           `json:"data_year"`
	Review   bool          `json:"review"`
	Tiers    []*TierReport `json:"tiers"`
}

// Explanation is the numeric explanation of one profile against every
// requested tier, in buffers that are reused from one profile to the next.
type Explanation struct {
	Ctx      Ctx
	DataYear int
	Plans    []*Plan
	Tiers    []TierResult
}

// Explain evaluates and explains a profile against every requested tier
// into ex, allocating nothing once ex's buffers have grown.
func (e *Engine) Explain(p *profile.Profile, opt Options, ex *Explanation) error {
	tiers := opt.Tiers
	if len(tiers) == 0 {
		tiers = Tiers
	}
	ex.Plans = ex.Plans[:0]
	ex.Tiers = resizeKeep(ex.Tiers, len(tiers))
	for i, tier := range tiers {
		plan, err := e.Select(tier, opt.AsOf, opt.Review, p.Region)
		if err != nil {
			return err
		}
		y := opt.DataYear
		if y == 0 {
			y = opt.AsOf.Y + plan.RS.Params.DataYearOffset
		}
		ex.DataYear = y
		ex.Ctx.Reset(p, opt.AsOf, y, opt.Review)
		plan.Evaluate(&ex.Ctx, &ex.Tiers[i])
		plan.Explain(&ex.Ctx, &ex.Tiers[i])
		ex.Plans = append(ex.Plans, plan)
	}
	return nil
}

// resizeKeep is resize without clearing: TierResults keep their buffers.
func resizeKeep[T any](s []T, n int) []T {
	if cap(s) < n {
		return append(s[:cap(s)], make([]T, n-cap(s))...)
	}
	return s[:n]
}

// Evaluate evaluates a profile against every requested tier and reports
// each result in words, with gap plans for tiers not passed when asked.
func (e *Engine) Evaluate(p *profile.Profile, opt Options) (*Report, error) {
	var ex Explanation
	if err := e.Explain(p, opt, &ex); err != nil {
		return nil, err
	}
	rep := &Report{AsOf: opt.AsOf.String(), Review: opt.Review, DataYear: ex.DataYear}
	for i, plan := range ex.Plans {
		r := &ex.Tiers[i]
		c := &ex.Ctx
		c.Reset(p, opt.AsOf, opt.AsOf.Y+plan.RS.Params.DataYearOffset, opt.Review)
		if opt.DataYear != 0 {
			c.Reset(p, opt.AsOf, opt.DataYear, opt.Review)
		}
		tr := plan.Report(c, r)
		if opt.Gaps && r.Status != Pass && r.Status != Review {
			tr.Gaps, tr.NotBefore, tr.Requires = plan.Gap(c, r)
		}
		Summarize(tr)
		rep.Tiers = append(rep.Tiers, tr)
	}
	return rep, nil
}

// TierIndex returns the ladder position of a tier, for sorting.
func TierIndex(t string) int {
	for i, x := range Tiers {
		if x == t {
			return i
		}
	}
	return len(Tiers)
}

// SortSets orders rule sets by tier, then id.
func SortSets(sets []*RuleSet) {
	sort.Slice(sets, func(i, j int) bool {
		a, b := TierIndex(sets[i].Tier), TierIndex(sets[j].Tier)
		if a != b {
			return a < b
		}
		return sets[i].ID < sets[j].ID
	})
}
