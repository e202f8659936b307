package match

import (
	_ "embed"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

//go:embed data/match.yaml
var rulesYAML []byte

// Rules are the ranking's parameters and vocabulary (data/match.yaml).
type Rules struct {
	K1            float64                `yaml:"k1"`
	Fields        map[string]FieldWeight `yaml:"fields"`
	SynonymWeight float64                `yaml:"synonym_weight"`
	QualityBoost  float64                `yaml:"quality_boost"`
	GapBoost      float64                `yaml:"gap_boost"`
	Synonyms      [][]string             `yaml:"synonyms"`
	GapHints      []GapHint              `yaml:"gap_hints"`
	// CategoryWords are words indexed into the category field of every
	// product of a category.
	CategoryWords map[string][]string `yaml:"categories"`
}

// FieldWeight is one BM25F field's weight and length normalisation.
type FieldWeight struct {
	Weight float64 `yaml:"weight"`
	B      float64 `yaml:"b"`
}

// GapHint maps a gap item to the categories that close it.
type GapHint struct {
	Gap        string   `yaml:"gap"`   // the gap's short label
	Words      []string `yaml:"words"` // a gap item containing one of these is this gap
	Categories []string `yaml:"categories"`
}

// The BM25F fields, in the order of the per-field arrays.
const (
	fieldName = iota
	fieldCategory
	fieldDescription
	numFields
)

var fieldNames = [numFields]string{"name", "category", "description"}

// DefaultRules are the embedded rules.
func DefaultRules() (*Rules, error) { return ParseRules(rulesYAML) }

// ParseRules reads and checks rules in the format of data/match.yaml.
func ParseRules(b []byte) (*Rules, error) {
	var r Rules
	if err := yaml.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("match: rules: %w", err)
	}
	if r.K1 <= 0 {
		return nil, fmt.Errorf("match: rules: k1 must be positive")
	}
	for _, f := range fieldNames {
		w, ok := r.Fields[f]
		if !ok || w.Weight < 0 || w.B < 0 || w.B > 1 {
			return nil, fmt.Errorf("match: rules: field %s needs a weight ≥ 0 and b in [0, 1]", f)
		}
	}
	for _, h := range r.GapHints {
		if len(h.Categories) == 0 {
			return nil, fmt.Errorf("match: rules: gap %s: no categories", h.Gap)
		}
		for _, c := range h.Categories {
			if !slices.Contains(Categories, c) {
				return nil, fmt.Errorf("match: rules: gap %s: unknown category %q", h.Gap, c)
			}
		}
	}
	for c := range r.CategoryWords {
		if !slices.Contains(Categories, c) {
			return nil, fmt.Errorf("match: rules: categories: unknown category %q", c)
		}
	}
	return &r, nil
}

// GapCategories returns the categories a gap item points to: those of the
// first hint whose label or one of whose words the item contains (a label
// such as 知识产权弱, or a gap plan's step such as "新增 2 项自主研发的发明专利
// （Ⅰ类）"). The hub proposes demands from gaps with it.
func (r *Rules) GapCategories(gap string) []string {
	if gap == "" {
		return nil
	}
	for _, h := range r.GapHints {
		if containsFold(gap, h.Gap) || slices.ContainsFunc(h.Words, func(w string) bool { return containsFold(gap, w) }) {
			return h.Categories
		}
	}
	return nil
}
