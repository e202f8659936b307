package finance

import (
	"fmt"
	"io/fs"
	"path"
	"sync"

	"go.yaml.in/yaml/v3"

	"zjtx/internal/apperr"
	"zjtx/rules"
)

// Params are one year's finance parameters (rules/finance/<year>.yaml).
// They are data so that a new scheme year, or a district's own subsidy
// cap, is a file an official can check against the text, not code.
type Params struct {
	Year   int    `yaml:"year"`
	Source string `yaml:"source"`
	Caps   []struct {
		Tier   string `yaml:"tier"`
		Label  string `yaml:"label"`
		CapFen int64  `yaml:"cap_fen"`
		Source string `yaml:"source"`
	} `yaml:"caps"`
	Consent struct {
		DefaultDays int `yaml:"default_days"`
		MaxDays     int `yaml:"max_days"`
		Scopes      []struct {
			Name  string `yaml:"name"`
			Label string `yaml:"label"`
		} `yaml:"scopes"`
	} `yaml:"consent"`
	Referral struct {
		ReplyWorkdays int    `yaml:"reply_workdays"`
		LoanWorkdays  int    `yaml:"loan_workdays"`
		Source        string `yaml:"source"`
	} `yaml:"referral"`
	Subsidy struct {
		RateBP int64  `yaml:"rate_bp"`
		CapFen int64  `yaml:"cap_fen"`
		Source string `yaml:"source"`
	} `yaml:"subsidy"`
	// Name is the file the parameters came from, kept with what they computed.
	Name string `yaml:"-"`
}

// CapFen returns the 专精特新贷 cap of tier in 分, 0 for a tier without one
// (an enterprise without a valid title is not eligible).
func (p *Params) CapFen(tier string) int64 {
	for _, c := range p.Caps {
		if c.Tier == tier {
			return c.CapFen
		}
	}
	return 0
}

// EligibleTiers lists the tiers with a cap, in the file's order.
func (p *Params) EligibleTiers() []string {
	out := make([]string, len(p.Caps))
	for i, c := range p.Caps {
		out[i] = c.Tier
	}
	return out
}

// ScopeLabel names a data scope, "" for an unknown one.
func (p *Params) ScopeLabel(name string) string {
	for _, s := range p.Consent.Scopes {
		if s.Name == name {
			return s.Label
		}
	}
	return ""
}

// ScopeNames lists the data scopes a consent may cover.
func (p *Params) ScopeNames() []string {
	out := make([]string, len(p.Consent.Scopes))
	for i, s := range p.Consent.Scopes {
		out[i] = s.Name
	}
	return out
}

// Parse reads one parameter file and checks it.
func Parse(name string, b []byte) (*Params, error) {
	var p Params
	if err := yaml.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("finance: %s: %w", name, err)
	}
	p.Name = name
	switch {
	case len(p.Caps) == 0:
		return nil, fmt.Errorf("finance: %s: no caps", name)
	case p.Consent.DefaultDays <= 0 || p.Consent.MaxDays < p.Consent.DefaultDays:
		return nil, fmt.Errorf("finance: %s: consent days", name)
	case p.Referral.ReplyWorkdays <= 0 || p.Referral.LoanWorkdays < p.Referral.ReplyWorkdays:
		return nil, fmt.Errorf("finance: %s: referral working days", name)
	case p.Subsidy.RateBP <= 0 || p.Subsidy.RateBP > 10000 || p.Subsidy.CapFen < 0:
		return nil, fmt.Errorf("finance: %s: subsidy rate or cap", name)
	}
	for _, c := range p.Caps {
		if c.CapFen <= 0 {
			return nil, fmt.Errorf("finance: %s: cap of %s must be positive", name, c.Tier)
		}
	}
	return &p, nil
}

var (
	defaultOnce   sync.Once
	defaultParams *Params
)

// Default returns the embedded parameters of the latest year. The file is
// part of the binary and tested, so an error is a build defect and panics.
func Default() *Params {
	defaultOnce.Do(func() {
		entries, err := fs.ReadDir(rules.FinanceFS, "finance")
		if err != nil || len(entries) == 0 {
			panic(fmt.Sprintf("finance: embedded parameters: %v", err))
		}
		name := path.Join("finance", entries[len(entries)-1].Name())
		b, err := fs.ReadFile(rules.FinanceFS, name)
		if err == nil {
			defaultParams, err = Parse(name, b)
		}
		if err != nil {
			panic(err.Error())
		}
	})
	return defaultParams
}

// errField is EINVALID naming the field in Chinese and English.
func errField(field, zh, en string) error {
	return apperr.Errorf(apperr.EINVALID, "%s：%s (%s: %s)", field, zh, field, en)
}
