package baolian

import (
	"fmt"
	"io/fs"
	"sort"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"zjtx/rules"
)

// Interval is how often an enterprise of a tier is visited.
type Interval struct {
	Months int    `yaml:"months"`
	Label  string `yaml:"label"`
}

// Cadence is one cadence file (rules/cadence/<year>.yaml): the visit
// interval per backup-list tier, and the default for an enterprise on no
// list.
type Cadence struct {
	ID            string              `yaml:"id"`
	Name          string              `yaml:"name"`
	EffectiveFrom string              `yaml:"effective_from"`
	Source        string              `yaml:"source"`
	Tiers         map[string]Interval `yaml:"tiers"`
	Default       Interval            `yaml:"default"`
	from          time.Time
}

// Cadences are the cadence files, oldest first; the one in force on a day
// is the last that took effect by then.
type Cadences []*Cadence

// LoadCadences reads every *.yaml of fsys's root and checks it.
func LoadCadences(fsys fs.FS) (Cadences, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	var out Cadences
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var c Cadence
		if err := yaml.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if c.from, err = time.Parse(time.DateOnly, c.EffectiveFrom); err != nil {
			return nil, fmt.Errorf("%s: effective_from: %w", name, err)
		}
		for tier, iv := range c.Tiers {
			if iv.Months < 1 || iv.Months > 24 {
				return nil, fmt.Errorf("%s: %s: months %d out of 1–24", name, tier, iv.Months)
			}
		}
		if c.Default.Months < 1 || c.Default.Months > 24 {
			return nil, fmt.Errorf("%s: default: months %d out of 1–24", name, c.Default.Months)
		}
		out = append(out, &c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no cadence file")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].from.Before(out[j].from) })
	return out, nil
}

// At returns the cadence in force on day (the first one before any took
// effect).
func (cs Cadences) At(day time.Time) *Cadence {
	c := cs[0]
	for _, x := range cs[1:] {
		if !x.from.After(day) {
			c = x
		}
	}
	return c
}

// Interval is the interval of an enterprise whose highest list is tier
// ("": on no list).
func (c *Cadence) Interval(tier string) Interval {
	if iv, ok := c.Tiers[tier]; ok {
		return iv
	}
	return c.Default
}

// NextDue is the date the visit after one on day is due for an enterprise
// whose highest list is tier.
func (cs Cadences) NextDue(day time.Time, tier string) time.Time {
	return day.AddDate(0, cs.At(day).Interval(tier).Months, 0)
}

var (
	cadenceOnce sync.Once
	cadences    Cadences
)

// DefaultCadences are the embedded files. They are part of the binary and
// tested, so a load error is a build defect and panics.
func DefaultCadences() Cadences {
	cadenceOnce.Do(func() {
		sub, err := fs.Sub(rules.CadenceFS, "cadence")
		if err == nil {
			cadences, err = LoadCadences(sub)
		}
		if err != nil {
			panic("baolian: embedded cadences: " + err.Error())
		}
	})
	return cadences
}
