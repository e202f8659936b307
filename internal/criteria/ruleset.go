package criteria

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// RuleSet is one version of one tier's official criteria, as written in a
// YAML file under rules/. It is data an official can check against the
// document: every node carries the spec id, the Chinese label as the document
// words it, the threshold, the source clause and the confidence tag.
type RuleSet struct {
	ID           string `yaml:"id"`   // e.g. srdi@2026
	Tier         string `yaml:"tier"` // tech_sme | innovative | srdi | little_giant
	Name         string `yaml:"name"` // 专精特新中小企业认定标准
	Version      string `yaml:"version"`
	Jurisdiction string `yaml:"jurisdiction"` // national, or a region-code prefix: 41 (河南), 4101 (郑州)
	Extends      string `yaml:"extends,omitempty"`
	// Supersedes names the rule set this version follows (little_giant@2022
	// for little_giant@2026); nodes name what they replace in it.
	Supersedes string   `yaml:"supersedes,omitempty"`
	Applies    []Window `yaml:"applies"`
	Source     Source   `yaml:"source"`
	Confidence string   `yaml:"confidence,omitempty"`
	Note       string   `yaml:"note,omitempty"`
	Params     Params   `yaml:"params"`

	Prerequisites []*Node `yaml:"prerequisites,omitempty"`
	Mandatory     []*Node `yaml:"mandatory,omitempty"`
	Direct        []*Node `yaml:"direct,omitempty"`
	Score         *Score  `yaml:"score,omitempty"`

	// Patches are an overlay's changes to the rule set it extends.
	Patches []Patch `yaml:"patches,omitempty"`

	hash    string   // content hash of the resolved rule set
	windows []window // Applies as integer dates, set by NewEngine
}

// Window is a period in which the rule set applies to one application type.
type Window struct {
	Type string `yaml:"type"`         // new (新申请) | review (复核)
	From string `yaml:"from"`         // inclusive, YYYY-MM-DD
	To   string `yaml:"to,omitempty"` // inclusive; empty = open-ended
}

// Source names the official document.
type Source struct {
	Title  string `yaml:"title"`
	DocNo  string `yaml:"doc_no,omitempty"`
	Annex  string `yaml:"annex,omitempty"`
	URL    string `yaml:"url,omitempty"`
	Issued string `yaml:"issued,omitempty"`
}

// Params are the interpretation choices the official text leaves open
// (spec/criteria.md, "Defaults ZJTX adopts"). They are data, so a later
// official clarification is a change of a rule file, not of code.
type Params struct {
	// DataYearOffset: Y = year(as_of) + offset; the default −1 is 上年度.
	DataYearOffset int `yaml:"data_year_offset"`
	// Inclusive: thresholds worded 不低于/以上/以下 include the number.
	Inclusive bool `yaml:"inclusive"`
	// BandEdge: "higher" scores a value on the edge of two bands in the higher one.
	BandEdge string `yaml:"band_edge"`
	// Growth2y: 近2年主营业务收入平均增长率 as "mean" of the two yearly rates or "cagr".
	Growth2y string `yaml:"growth_2y,omitempty"`
	// TransferExcludeMonths: IP transferred in fewer months before as_of does not count (0: all count; -1: none counts).
	TransferExcludeMonths int `yaml:"transfer_exclude_months,omitempty"`
	// MaxHolderRank: IP counts only where the enterprise ranks at most this among right holders (0: any).
	MaxHolderRank int `yaml:"max_holder_rank,omitempty"`
	// Class2HeldYears: a utility-model or design patent is Ⅱ类 only when
	// maintained more than this many years after grant (spec §3.3; 0: any).
	// On by default; software copyrights are not affected.
	Class2HeldYears int `yaml:"class2_held_years"`
}

// Node is a condition: a test of one metric, or all/any of child nodes.
type Node struct {
	ID         string  `yaml:"id,omitempty"`
	Label      string  `yaml:"label,omitempty"`
	Metric     string  `yaml:"metric,omitempty"`
	Arg        Arg     `yaml:"arg,omitempty"`
	Year       int     `yaml:"year,omitempty"`      // offset from the data year Y
	EachYear   []int   `yaml:"each_year,omitempty"` // the test must hold in each of these years
	Min        string  `yaml:"min,omitempty"`       // 不低于 / 以上
	Max        string  `yaml:"max,omitempty"`       // 不高于 / 以下
	Below      string  `yaml:"below,omitempty"`     // strictly less (the lower part of a split range)
	Is         *bool   `yaml:"is,omitempty"`        // for yes/no facts
	All        []*Node `yaml:"all,omitempty"`
	Any        []*Node `yaml:"any,omitempty"`
	Review     bool    `yaml:"review,omitempty"`      // qualitative: a met pre-screen gives review
	ReviewNote string  `yaml:"review_note,omitempty"` // what the official must confirm
	// OnFail "review": an unmet pre-screen also goes to an official instead
	// of failing — for conditions worded 原则上 or UNCONFIRMED, which must not
	// hard-fail on what the enterprise did not declare (spec "Defaults").
	OnFail     string `yaml:"on_fail,omitempty"`
	UnmetNote  string `yaml:"unmet_note,omitempty"`     // the reason shown when the pre-screen is not met
	SkipReview bool   `yaml:"skip_on_review,omitempty"` // not examined for 复核
	// ReviewAnyYear: for 复核 the test passes if it holds in any of these
	// years (offsets), e.g. [0, -1] for "近两年任一年".
	ReviewAnyYear []int  `yaml:"review_any_year,omitempty"`
	Ref           string `yaml:"ref,omitempty"`        // clause of the source document
	Confidence    string `yaml:"confidence,omitempty"` // C1 | C2 | C3 | UNCONFIRMED
	// Replaces names the nodes of the superseded rule set this node
	// succeeds (G26-5 replaces G22-3a), so a diff pairs them.
	Replaces []string `yaml:"replaces,omitempty"`
	Note     string   `yaml:"note,omitempty"`
}

// Arg is a metric argument: a word ("innovative"), a list, or a mapping.
type Arg struct{ yaml.Node }

// IsZero reports whether no argument was given.
func (a Arg) IsZero() bool { return a.Kind == 0 }

// Score is a points table.
type Score struct {
	Pass       int        `yaml:"pass"`
	Total      int        `yaml:"total"`
	Categories []Category `yaml:"categories,omitempty"`
	Items      []*Item    `yaml:"items"`
}

// Category groups items; Min is the category's own minimum (e.g. 创新能力 ≥ 20).
type Category struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	Max   int    `yaml:"max"`
	Min   int    `yaml:"min,omitempty"`
}

// Item is a scored indicator.
type Item struct {
	ID         string `yaml:"id"`
	Label      string `yaml:"label"`
	Category   string `yaml:"category,omitempty"`
	Metric     string `yaml:"metric,omitempty"`
	Arg        Arg    `yaml:"arg,omitempty"`
	Year       int    `yaml:"year,omitempty"`
	Bands      []Band `yaml:"bands,omitempty"`
	BestOf     []Alt  `yaml:"best_of,omitempty"` // the best of several ways to score
	Max        int    `yaml:"max"`
	MinPoints  int    `yaml:"min_points,omitempty"` // the item itself must score at least this
	Ref        string `yaml:"ref,omitempty"`
	Confidence string `yaml:"confidence,omitempty"`
	Note       string `yaml:"note,omitempty"`
}

// Alt is one way of scoring an item.
type Alt struct {
	Label  string `yaml:"label,omitempty"`
	Metric string `yaml:"metric"`
	Arg    Arg    `yaml:"arg,omitempty"`
	Year   int    `yaml:"year,omitempty"`
	Bands  []Band `yaml:"bands"`
}

// Band gives points when the metric reaches Min (or stays within Max).
// Bands are listed best first; a value meeting none scores 0.
type Band struct {
	Min    string `yaml:"min,omitempty"`
	Max    string `yaml:"max,omitempty"`
	Points int    `yaml:"points"`
	Label  string `yaml:"label,omitempty"`
}

// Patch is one overlay operation on a node of the extended rule set.
type Patch struct {
	Replace *Node  `yaml:"replace,omitempty"` // replaces the node with the same id
	Remove  string `yaml:"remove,omitempty"`  // removes the node with this id
	Add     *Node  `yaml:"add,omitempty"`     // appends to section To
	To      string `yaml:"to,omitempty"`      // mandatory | direct | prerequisites
	Ref     string `yaml:"ref,omitempty"`     // the overlay document's clause
}

// Hash returns the content hash of the resolved rule set, stamped into every
// stored result so a past decision can be re-explained with the same rules.
func (rs *RuleSet) Hash() string { return rs.hash }

// ParseRuleSet decodes one rule-set file. Unknown keys are errors: a typo in a
// rule file must not silently drop a condition.
func ParseRuleSet(data []byte) (*RuleSet, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	rs := &RuleSet{Params: defaultParams()}
	if err := dec.Decode(rs); err != nil {
		return nil, err
	}
	return rs, nil
}

func defaultParams() Params {
	return Params{DataYearOffset: -1, Inclusive: true, BandEdge: "higher", Growth2y: "mean", Class2HeldYears: 2}
}

// LoadDir reads every *.yaml rule-set file at the top of fsys (test cases
// live in a sub-folder), resolves overlays and computes hashes.
func LoadDir(fsys fs.FS) ([]*RuleSet, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	byID := map[string]*RuleSet{}
	var sets []*RuleSet
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		rs, err := ParseRuleSet(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); rs.ID != want {
			return nil, fmt.Errorf("%s: id %q does not match the file name", name, rs.ID)
		}
		if byID[rs.ID] != nil {
			return nil, fmt.Errorf("%s: duplicate rule set id %q", name, rs.ID)
		}
		byID[rs.ID] = rs
		sets = append(sets, rs)
	}
	for i, rs := range sets {
		if rs.Extends != "" {
			base := byID[rs.Extends]
			if base == nil {
				return nil, fmt.Errorf("%s: extends unknown rule set %q", rs.ID, rs.Extends)
			}
			if base.Extends != "" {
				return nil, fmt.Errorf("%s: extends %s, which is itself an overlay", rs.ID, base.ID)
			}
			merged, err := ApplyOverlay(base, rs)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", rs.ID, err)
			}
			sets[i] = merged
		}
	}
	for _, rs := range sets {
		rs.computeHash()
	}
	return sets, nil
}

func (rs *RuleSet) computeHash() {
	b, _ := yaml.Marshal(rs)
	sum := sha256.Sum256(b)
	rs.hash = hex.EncodeToString(sum[:8])
}

// ApplyOverlay returns base with the overlay's identity, windows and patches
// applied. Patches may only touch node ids that exist in base.
func ApplyOverlay(base, overlay *RuleSet) (*RuleSet, error) {
	out, err := cloneRuleSet(base)
	if err != nil {
		return nil, err
	}
	out.ID, out.Version, out.Jurisdiction, out.Extends = overlay.ID, overlay.Version, overlay.Jurisdiction, overlay.Extends
	if overlay.Name != "" {
		out.Name = overlay.Name
	}
	if len(overlay.Applies) > 0 {
		out.Applies = overlay.Applies
	}
	if overlay.Source.Title != "" {
		out.Source = overlay.Source
	}
	out.Patches = overlay.Patches
	sections := map[string]*[]*Node{"prerequisites": &out.Prerequisites, "mandatory": &out.Mandatory, "direct": &out.Direct}
	for i, p := range overlay.Patches {
		switch {
		case p.Replace != nil:
			if !replaceNode(out, p.Replace, p.Ref) {
				return nil, fmt.Errorf("patch %d: no node %q to replace", i+1, p.Replace.ID)
			}
		case p.Remove != "":
			if !removeNode(out, p.Remove) {
				return nil, fmt.Errorf("patch %d: no node %q to remove", i+1, p.Remove)
			}
		case p.Add != nil:
			sec := sections[p.To]
			if sec == nil {
				return nil, fmt.Errorf("patch %d: add needs to: prerequisites, mandatory or direct", i+1)
			}
			n := *p.Add
			if p.Ref != "" {
				n.Ref = p.Ref
			}
			*sec = append(*sec, &n)
		default:
			return nil, fmt.Errorf("patch %d: empty", i+1)
		}
	}
	return out, nil
}

func cloneRuleSet(rs *RuleSet) (*RuleSet, error) {
	b, err := yaml.Marshal(rs)
	if err != nil {
		return nil, err
	}
	out, err := ParseRuleSet(b)
	if err != nil {
		return nil, err
	}
	out.Params = rs.Params
	return out, nil
}

func walkSections(rs *RuleSet, f func(list *[]*Node, i int) bool) bool {
	var walk func(list *[]*Node) bool
	walk = func(list *[]*Node) bool {
		for i := range *list {
			if f(list, i) {
				return true
			}
			n := (*list)[i]
			if walk(&n.All) || walk(&n.Any) {
				return true
			}
		}
		return false
	}
	return walk(&rs.Prerequisites) || walk(&rs.Mandatory) || walk(&rs.Direct)
}

func replaceNode(rs *RuleSet, n *Node, ref string) bool {
	return walkSections(rs, func(list *[]*Node, i int) bool {
		if (*list)[i].ID != n.ID {
			return false
		}
		c := *n
		if ref != "" {
			c.Ref = ref
		}
		(*list)[i] = &c
		return true
	})
}

func removeNode(rs *RuleSet, id string) bool {
	return walkSections(rs, func(list *[]*Node, i int) bool {
		if (*list)[i].ID != id {
			return false
		}
		*list = append((*list)[:i], (*list)[i+1:]...)
		return true
	})
}

// UnmarshalYAML keeps the argument's YAML node for the metric to interpret.
func (a *Arg) UnmarshalYAML(n *yaml.Node) error {
	a.Node = *n
	return nil
}

// MarshalYAML writes the argument back as it was given.
func (a Arg) MarshalYAML() (any, error) {
	if a.IsZero() {
		return nil, nil
	}
	return &a.Node, nil
}

// Words returns the argument as a list of words: "a" or [a, b].
func (a Arg) Words() []string {
	switch a.Kind {
	case yaml.ScalarNode:
		return []string{a.Value}
	case yaml.SequenceNode:
		out := make([]string, 0, len(a.Content))
		for _, c := range a.Content {
			out = append(out, c.Value)
		}
		return out
	}
	return nil
}

// Text renders the argument compactly for documents and diffs.
func (a Arg) Text() string {
	if a.IsZero() {
		return ""
	}
	b, _ := yaml.Marshal(&a.Node)
	s := strings.TrimSpace(string(b))
	if a.Kind == yaml.MappingNode {
		var m map[string]any
		if a.Decode(&m) == nil {
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			parts := make([]string, 0, len(keys))
			for _, k := range keys {
				parts = append(parts, fmt.Sprintf("%s=%v", k, m[k]))
			}
			return strings.Join(parts, ", ")
		}
	}
	return strings.ReplaceAll(s, "\n", " ")
}
