package cultivation

import (
	"fmt"
	"iter"

	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// Risk is a titled enterprise whose latest data would fail its title's 复核,
// or whose credit flags turned.
type Risk struct {
	EnterpriseID   int64      `json:"enterprise_id"`
	EnterpriseName string     `json:"enterprise_name"`
	USCC           string     `json:"uscc"`
	Region         string     `json:"region"`
	Tier           string     `json:"tier"`
	RuleSet        string     `json:"ruleset"` // the 复核 rule set evaluated
	Status         string     `json:"status"`  // the engine's outcome under it
	Failing        []RiskItem `json:"failing"`
	Flags          []RiskItem `json:"flags"`
}

// RiskItem is a failing condition or a raised flag: its id and Chinese label.
type RiskItem struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// riskFlags are the flags that put a title at risk whatever the rules say:
// 经营异常, 严重失信, 重大安全质量环境事故.
var riskFlags = []struct {
	id, label string
	get       func(f *profile.Flags) *bool
}{
	{"abnormal_list", "列入经营异常名录", func(f *profile.Flags) *bool { return f.AbnormalList }},
	{"serious_dishonesty", "列入严重失信主体名单", func(f *profile.Flags) *bool { return f.SeriousDishonesty }},
	{"major_incident_3y", "近三年发生重大安全、质量、环境事故", func(f *profile.Flags) *bool { return f.MajorIncident3y }},
}

// Scan evaluates the titles of one enterprise that are live on today
// under their 复核 rules and returns a Risk per title at risk. Titles the
// engine has no rules for (重点小巨人, 单项冠军) are judged by the flags
// alone.
func Scan(e *criteria.Engine, id int64, name, uscc, region string, p *profile.Profile, today profile.Date) ([]Risk, error) {
	flags := []RiskItem{} // [] in JSON, not null
	for _, f := range riskFlags {
		if p.Flags == nil {
			break
		}
		if v := f.get(p.Flags); v != nil && *v {
			flags = append(flags, RiskItem{f.id, f.label})
		}
	}
	var out []Risk
	for _, t := range p.Titles {
		if t.ValidTo != nil && t.ValidTo.Before(today) {
			continue
		}
		risk := Risk{EnterpriseID: id, EnterpriseName: name, USCC: uscc, Region: region, Tier: t.Tier, Flags: flags,
			Failing: []RiskItem{}}
		if criteria.TierIndex(t.Tier) < len(criteria.Tiers) {
			rep, err := e.Evaluate(p, criteria.Options{AsOf: today, Review: true, Tiers: []string{t.Tier}})
			if err != nil {
				return nil, err
			}
			tr := rep.Tiers[0]
			risk.RuleSet, risk.Status = tr.RuleSet, tr.Status.String()
			if tr.Status == criteria.Fail {
				risk.Failing = append(risk.Failing, failingOf(tr)...)
			}
		}
		if len(risk.Failing) > 0 || len(flags) > 0 {
			out = append(out, risk)
		}
	}
	return out, nil
}

// failingOf lists why a tier failed: its failed conditions, then the
// score categories under their minimum and the total under the pass mark.
// The direct routes (直通条件) are alternatives, not conditions: one not met
// is no reason.
func failingOf(tr *criteria.TierReport) []RiskItem {
	out := failing(tr.Conditions)
	for _, c := range tr.Categories {
		if !c.Met {
			out = append(out, RiskItem{c.ID, fmt.Sprintf("%s得分 %d 分，低于 %d 分", c.Label, c.Points, c.Min)})
		}
	}
	if tr.Score != nil && tr.PassScore > 0 && *tr.Score < tr.PassScore {
		out = append(out, RiskItem{"score", fmt.Sprintf("评价总分 %d 分，低于 %d 分", *tr.Score, tr.PassScore)})
	}
	return out
}

// failing lists the conditions that failed, the deepest ones with an id
// (the leaf that decides, not only the group over it).
func failing(cs []*criteria.CondReport) []RiskItem {
	var out []RiskItem
	for _, c := range cs {
		if c.Outcome != criteria.Fail || c.Kind == "direct" {
			continue
		}
		sub := failing(c.Children)
		if len(sub) > 0 && !c.AnyOf {
			out = append(out, sub...)
			continue
		}
		if c.ID != "" {
			out = append(out, RiskItem{c.ID, c.Label})
		}
	}
	return out
}

// Radar scans every enterprise of records that holds a title and returns
// the titles at risk, in the records' order.
func Radar(e *criteria.Engine, records iter.Seq2[*enterprise.Record, error], today profile.Date) ([]Risk, error) {
	out := []Risk{}
	for r, err := range records {
		if err != nil {
			return nil, err
		}
		if len(r.Profile.Titles) == 0 {
			continue
		}
		risks, err := Scan(e, r.ID, r.Name, r.USCC, r.Region, r.Profile, today)
		if err != nil {
			return nil, fmt.Errorf("cultivation: radar: enterprise %d: %w", r.ID, err)
		}
		out = append(out, risks...)
	}
	return out, nil
}
