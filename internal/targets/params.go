package targets

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"zjtx/rules"
)

// Params are one year's parameters (rules/targets/<year>.yaml): the
// forecast's likelihood table and the quota rule.
type Params struct {
	Year     int       `yaml:"year"`
	Source   string    `yaml:"source"`
	Forecast Forecast  `yaml:"forecast"`
	Quota    QuotaRule `yaml:"quota"`
}

// Forecast is the likelihood table: percent per candidate status, with
// overrides per tier.
type Forecast struct {
	Likelihood map[string]int            `yaml:"likelihood"`
	ByTier     map[string]map[string]int `yaml:"by_tier"`
}

// Percent is the percent chance that a candidate of tier with status s
// is recognised within the year.
func (f Forecast) Percent(tier, s string) int {
	if p, ok := f.ByTier[tier][s]; ok {
		return p
	}
	return f.Likelihood[s]
}

// Book is every year's parameters; a year without a file takes the latest
// earlier one, so a new year works before the bureau writes its file.
type Book struct {
	years []*Params // by year, ascending
}

// Load reads every <year>.yaml in fsys's root and checks it.
func Load(fsys fs.FS) (*Book, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	b := &Book{}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var p Params
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		dec.KnownFields(true)
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("targets: %s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); strconv.Itoa(p.Year) != want {
			return nil, fmt.Errorf("targets: %s: year %d does not match the file name", name, p.Year)
		}
		if err := p.check(); err != nil {
			return nil, fmt.Errorf("targets: %s: %w", name, err)
		}
		b.years = append(b.years, &p)
	}
	if len(b.years) == 0 {
		return nil, fmt.Errorf("targets: no parameter file")
	}
	sort.Slice(b.years, func(i, j int) bool { return b.years[i].Year < b.years[j].Year })
	return b, nil
}

// For returns the parameters that hold in year.
func (b *Book) For(year int) *Params {
	p := b.years[0]
	for _, q := range b.years {
		if q.Year <= year {
			p = q
		}
	}
	return p
}

// check refuses a file the forecast or the quota could not use.
func (p *Params) check() error {
	tables := map[string]map[string]int{"likelihood": p.Forecast.Likelihood}
	for tier, t := range p.Forecast.ByTier {
		if !isTier(tier) {
			return fmt.Errorf("forecast.by_tier: unknown tier %q", tier)
		}
		tables["by_tier."+tier] = t
	}
	for name, t := range tables {
		for s, v := range t {
			if !isStatus(s) {
				return fmt.Errorf("forecast.%s: unknown status %q (want one of %s)", name, s, strings.Join(Statuses, ", "))
			}
			if v < 0 || v > 100 {
				return fmt.Errorf("forecast.%s.%s: %d is not a percent", name, s, v)
			}
		}
	}
	for _, s := range Statuses {
		if _, ok := p.Forecast.Likelihood[s]; !ok {
			return fmt.Errorf("forecast.likelihood: %s is missing", s)
		}
	}
	return p.Quota.check()
}

func isTier(t string) bool {
	for _, x := range Tiers {
		if x == t {
			return true
		}
	}
	return false
}

var (
	defaultOnce sync.Once
	defaultBook *Book
)

// Default returns the parameters of the embedded files, loaded once. The
// files are part of the binary and tested, so a load error is a build
// defect and panics.
func Default() *Book {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(rules.TargetsFS, "targets")
		if err == nil {
			defaultBook, err = Load(sub)
		}
		if err != nil {
			panic("targets: embedded parameters: " + err.Error())
		}
	})
	return defaultBook
}
