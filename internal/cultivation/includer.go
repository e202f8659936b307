package cultivation

import (
	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// Includer applies the inclusion rules in force to one profile, with the
// engine's report on it.
type Includer struct {
	Engine *criteria.Engine
	Rules  *Inclusion
}

// Plan returns what a refresh changes on an enterprise's entries
// (existing) for profile p on date d. An enterprise no longer in business
// (active false: 迁出, 注销) is put on no list by the rules; the entries
// officials decided stay as they are.
func (in *Includer) Plan(p *profile.Profile, existing []Entry, d profile.Date, active bool) []Action {
	return in.PlanWith(p, existing, d, active, Records{})
}

// PlanWith is Plan with the platform's own records of the enterprise that
// some rules read (a successful 中试 for innovative.from_pilot).
func (in *Includer) PlanWith(p *profile.Profile, existing []Entry, d profile.Date, active bool, rec Records) []Action {
	var cands []Candidate
	if rs := in.Rules.Select(d); rs != nil && active {
		input := Input{Profile: p, AsOf: d, Records: rec}
		if in.Engine != nil {
			// No rule set for the date leaves the report nil: the rules
			// over the report then hold for no one.
			input.Report, _ = in.Engine.Evaluate(p, criteria.Options{AsOf: d, Tiers: Tiers, Gaps: true})
		}
		cands = rs.Candidates(input)
	}
	return Reconcile(existing, cands, func(tier string) bool { return Holds(p, tier, d) })
}
