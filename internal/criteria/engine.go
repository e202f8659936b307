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
	k := d.String()
	for _, w := range rs.Applies {
		if w.Type == typ && w.From <= k && (w.To == "" || k <= w.To) {
			return true
		}
	}
	return false
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
	// Lazy leaves the wording of the explanation (values in their units,
	// needs, next bands as text) to Render or to JSON encoding.
	Lazy bool
}

// Report is the evaluator's answer (the contract of spec/profile.md).
type Report struct {
	AsOf     string        `json:"as_of"`
	DataYear int           `json:"data_year"`
	Review   bool          `json:"review"`
	Tiers    []*TierReport `json:"tiers"`
}

// Evaluate evaluates a profile against every requested tier and explains
// each result.
func (e *Engine) Evaluate(p *profile.Profile, opt Options) (*Report, error) {
	tiers := opt.Tiers
	if len(tiers) == 0 {
		tiers = Tiers
	}
	rep := &Report{AsOf: opt.AsOf.String(), Review: opt.Review}
	c := &Ctx{}
	for _, tier := range tiers {
		plan, err := e.Select(tier, opt.AsOf, opt.Review, p.Region)
		if err != nil {
			return nil, err
		}
		y := opt.DataYear
		if y == 0 {
			y = opt.AsOf.Y + plan.RS.Params.DataYearOffset
		}
		rep.DataYear = y
		c.Reset(p, opt.AsOf, y, opt.Review)
		var r TierResult
		plan.Evaluate(c, &r)
		tr := plan.Explain(c, &r)
		if opt.Gaps && r.Status != Pass && r.Status != Review {
			tr.Gaps, tr.NotBefore, tr.Requires = plan.Gap(c, &r)
		}
		rep.Tiers = append(rep.Tiers, tr)
	}
	if !opt.Lazy {
		rep.Render()
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
