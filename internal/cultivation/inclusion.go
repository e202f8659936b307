package cultivation

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// RuleSet is one version of the inclusion rules (rules/inclusion/*.yaml).
type RuleSet struct {
	ID            string `yaml:"id"`
	Name          string `yaml:"name"`
	EffectiveFrom string `yaml:"effective_from"` // YYYY-MM-DD
	Source        string `yaml:"source"`
	Rules         []Rule `yaml:"rules"`

	from profile.Date
}

// Rule puts an enterprise on the lists of its tiers when every condition
// of When holds.
type Rule struct {
	ID     string    `yaml:"id"`
	Name   string    `yaml:"name"` // what officials call it
	Tiers  []string  `yaml:"tiers"`
	Reason string    `yaml:"reason"` // a template, see fill
	Source string    `yaml:"source"` // the clause of the plan it implements
	When   Condition `yaml:"when"`
}

// Condition is the closed vocabulary a rule's `when` is written in; every
// field set must hold. A file using a word not here fails to load.
type Condition struct {
	// Holds: a title or 资质 of one of these kinds, valid on the date.
	Holds []string `yaml:"holds,omitempty"`
	// RelatedClass1IPMin: at least this many valid Ⅰ类 IP related to the
	// main product (与主导产品相关).
	RelatedClass1IPMin int `yaml:"related_class1_ip_min,omitempty"`
	// NearMiss: the engine fails the tier narrowly.
	NearMiss *NearMiss `yaml:"near_miss,omitempty"`
	// Meets: the engine passes the tier, or passes it up to an official's
	// judgement (待核实).
	Meets bool `yaml:"meets,omitempty"`
	// PilotSucceeded: a 中试 of a research result in the enterprise, tracked
	// by the service hub, succeeded.
	PilotSucceeded bool `yaml:"pilot_succeeded,omitempty"`
}

// NearMiss is how narrowly a tier may be failed.
type NearMiss struct {
	MaxFailed    int `yaml:"max_failed"`    // failed conditions, score met
	WithinPoints int `yaml:"within_points"` // points below the pass mark, conditions met
}

// holdKinds are the words Holds may use: the titles, and the honours that
// are 资质 with a validity.
var holdKinds = map[string]string{
	profile.TierTechSME:        "科技型中小企业",
	profile.TierInnovative:     "创新型中小企业",
	profile.TierSRDI:           "专精特新中小企业",
	profile.TierLittleGiant:    "专精特新“小巨人”企业",
	profile.HighTechEnterprise: "高新技术企业",
	profile.TechInnovationDemo: "科技创新示范企业",
	profile.IPAdvantage:        "知识产权优势企业",
	profile.IPDemo:             "知识产权示范企业",
	profile.TierKeyLittleGiant: "重点“小巨人”企业",
}

// Inclusion holds every version of the rules, latest first.
type Inclusion struct {
	Sets []*RuleSet
}

// LoadInclusion reads every *.yaml file of dir in fsys.
func LoadInclusion(fsys fs.FS, dir string) (*Inclusion, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("cultivation: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("cultivation: no inclusion rules in %s", dir)
	}
	in := &Inclusion{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("cultivation: %w", err)
		}
		rs, err := ParseRuleSet(b)
		if err != nil {
			return nil, fmt.Errorf("cultivation: %s: %w", name, err)
		}
		in.Sets = append(in.Sets, rs)
	}
	slices.SortFunc(in.Sets, func(a, b *RuleSet) int { return b.from.Key() - a.from.Key() })
	return in, nil
}

// ParseRuleSet reads and checks one rule file; unknown words are errors.
func ParseRuleSet(b []byte) (*RuleSet, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var rs RuleSet
	if err := dec.Decode(&rs); err != nil {
		return nil, err
	}
	return &rs, rs.check()
}

func (rs *RuleSet) check() error {
	d, err := profile.ParseDate(rs.EffectiveFrom)
	if err != nil {
		return fmt.Errorf("effective_from: %w", err)
	}
	rs.from = d
	if rs.ID == "" || len(rs.Rules) == 0 {
		return fmt.Errorf("id and rules are required")
	}
	seen := map[string]bool{}
	for _, r := range rs.Rules {
		if r.ID == "" || seen[r.ID] || r.ID == SourceManual {
			return fmt.Errorf("rule id %q: empty, repeated or reserved", r.ID)
		}
		seen[r.ID] = true
		if len(r.Tiers) == 0 || r.Reason == "" || r.Name == "" {
			return fmt.Errorf("rule %s: name, tiers and reason are required", r.ID)
		}
		for _, t := range r.Tiers {
			if !IsTier(t) {
				return fmt.Errorf("rule %s: tier %q has no backup list", r.ID, t)
			}
		}
		for _, k := range r.When.Holds {
			if _, ok := holdKinds[k]; !ok {
				return fmt.Errorf("rule %s: holds: unknown kind %q", r.ID, k)
			}
		}
		w := r.When
		if len(w.Holds) == 0 && w.RelatedClass1IPMin == 0 && w.NearMiss == nil && !w.Meets && !w.PilotSucceeded {
			return fmt.Errorf("rule %s: when names no condition", r.ID)
		}
	}
	return nil
}

// Select returns the rules in force on d: the latest version effective by
// then, or nil.
func (in *Inclusion) Select(d profile.Date) *RuleSet {
	for _, rs := range in.Sets {
		if !d.Before(rs.from) {
			return rs
		}
	}
	return nil
}

// Rule returns the rule with the id in any version, for its source clause.
func (in *Inclusion) Rule(id string) *Rule {
	for _, rs := range in.Sets {
		for i := range rs.Rules {
			if rs.Rules[i].ID == id {
				return &rs.Rules[i]
			}
		}
	}
	return nil
}

// RulesOf are the rules of every version that fill tier's list, latest
// version first, each id once.
func (in *Inclusion) RulesOf(tier string) []*Rule {
	var out []*Rule
	for _, rs := range in.Sets {
		for i := range rs.Rules {
			r := &rs.Rules[i]
			if slices.Contains(r.Tiers, tier) && !slices.ContainsFunc(out, func(x *Rule) bool { return x.ID == r.ID }) {
				out = append(out, r)
			}
		}
	}
	return out
}

// Candidate is a list a rule puts an enterprise on.
type Candidate struct {
	Tier   string
	Rule   string
	Reason string
}

// Input is what the rules read: the profile, the engine's report on it
// (all tiers, with gap plans; nil when no rule set applied) and the date.
type Input struct {
	Profile *profile.Profile
	Report  *criteria.Report
	AsOf    profile.Date
	Records Records
}

// Records are facts the platform keeps outside the profile that rules read.
type Records struct {
	// Pilot names the enterprise's latest successful 中试 ("" for none):
	// "《title》中试成功（date）".
	Pilot string
}

// Candidates returns, per tier the enterprise does not hold yet, the first
// rule of rs that puts it on that tier's list.
func (rs *RuleSet) Candidates(in Input) []Candidate {
	var out []Candidate
	for _, tier := range Tiers {
		if Holds(in.Profile, tier, in.AsOf) {
			continue
		}
		for i := range rs.Rules {
			r := &rs.Rules[i]
			if !slices.Contains(r.Tiers, tier) {
				continue
			}
			if f, ok := r.match(in, tier); ok {
				out = append(out, Candidate{Tier: tier, Rule: r.ID, Reason: r.fill(f)})
				break
			}
		}
	}
	return out
}

// facts are what a matched rule's template may say.
type facts struct {
	tier, held, ip, gap, plan, pilot string
}

func (r *Rule) match(in Input, tier string) (facts, bool) {
	f := facts{tier: TierName(tier)}
	w := r.When
	if len(w.Holds) > 0 {
		held, ok := heldText(in.Profile, w.Holds, in.AsOf)
		if !ok {
			return f, false
		}
		f.held = held
	}
	if w.RelatedClass1IPMin > 0 {
		n := relatedClass1IP(in.Profile)
		if n < w.RelatedClass1IPMin {
			return f, false
		}
		f.ip = strconv.Itoa(n)
	}
	if w.PilotSucceeded {
		if in.Records.Pilot == "" {
			return f, false
		}
		f.pilot = in.Records.Pilot
	}
	if w.Meets || w.NearMiss != nil {
		tr := tierReport(in.Report, tier)
		if tr == nil {
			return f, false
		}
		if w.Meets && tr.Status != criteria.Pass && tr.Status != criteria.Review {
			return f, false
		}
		if w.NearMiss != nil {
			gap, ok := nearMiss(tr, *w.NearMiss)
			if !ok {
				return f, false
			}
			f.gap = gap
			if len(tr.Gaps) > 0 && tr.Gaps[0].Summary != "" {
				f.plan = "；最省路径：" + tr.Gaps[0].Summary
			}
		}
	}
	return f, true
}

// fill writes the rule's reason with the facts of the match.
func (r *Rule) fill(f facts) string {
	return strings.NewReplacer("{tier_name}", f.tier, "{held}", f.held, "{ip}", f.ip,
		"{gap}", f.gap, "{plan}", f.plan, "{pilot}", f.pilot).Replace(r.Reason)
}

func tierReport(rep *criteria.Report, tier string) *criteria.TierReport {
	if rep == nil {
		return nil
	}
	for _, tr := range rep.Tiers {
		if tr.Tier == tier {
			return tr
		}
	}
	return nil
}

// nearMiss reports whether a failed tier was missed narrowly, and what it
// misses: at most n.MaxFailed conditions with the score (and every category
// minimum) met, or the score alone by at most n.WithinPoints.
func nearMiss(tr *criteria.TierReport, n NearMiss) (string, bool) {
	if tr.Status != criteria.Fail {
		return "", false
	}
	var failed []string
	for _, c := range tr.Conditions {
		if c.Kind == "direct" {
			continue
		}
		switch c.Outcome {
		case criteria.Fail:
			failed = append(failed, "「"+c.Label+"」")
		case criteria.Missing:
			return "", false // unknown data: how near cannot be told
		}
	}
	scoreShort := 0
	if tr.PassScore > 0 && tr.Score != nil && *tr.Score < tr.PassScore {
		scoreShort = tr.PassScore - *tr.Score
	}
	for _, c := range tr.Categories {
		if c.Min > 0 && c.Points < c.Min {
			return "", false // a category minimum is a failure the score cannot cover
		}
	}
	switch {
	case len(failed) > 0 && len(failed) <= n.MaxFailed && scoreShort == 0:
		return "未满足" + strings.Join(failed, "、"), true
	case len(failed) == 0 && scoreShort > 0 && scoreShort <= n.WithinPoints:
		return fmt.Sprintf("评分 %d 分，距达标线 %d 分差 %d 分", *tr.Score, tr.PassScore, scoreShort), true
	}
	return "", false
}
