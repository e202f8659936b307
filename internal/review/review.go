// Package review runs the 查漏补缺"回头看" (review) of the districts: the
// listed enterprises without a 主包 official or a plan, the plan tasks,
// visits and issues overdue, the titles expiring and the titles at risk,
// each counted per district and listed. The pages and the API both review
// through it, as they assess through package assess, so the two surfaces
// cannot count differently.
package review

import (
	"context"
	"slices"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/targets"
)

// Run returns the findings of every check in the caller's scope (ctx), in
// region or, for "", every district in scope, by check: the store's checks,
// then the calendar's expiring titles, then the radar's risks.
func Run(ctx context.Context, st *sqlstore.Store, eng *criteria.Engine, region string, today profile.Date) ([]cultivation.Finding, error) {
	found, err := st.ReviewFindings(ctx, region)
	if err != nil {
		return nil, err
	}
	cultivation.Describe(found)
	recs, _, err := st.ListRecognitions(ctx, sqlstore.RecognitionFilter{Region: region})
	if err != nil {
		return nil, err
	}
	found = append(found, cultivation.ExpiringTitles(recs, today, cultivation.EngineReviewRuleSet(eng))...)
	risks, err := cultivation.Radar(eng, st.EachEnterprise(ctx, enterprise.Filter{Region: region}), today)
	if err != nil {
		return nil, err
	}
	return append(found, cultivation.RiskFindings(risks)...), nil
}

// Counts are one region's review: the enterprises each check found.
type Counts struct {
	Region         string `json:"region"`
	Unassigned     int    `json:"unassigned"`
	WithoutPlan    int    `json:"without_plan"`
	OverdueTasks   int    `json:"overdue_tasks"`
	OverdueVisits  int    `json:"overdue_visits"`
	OverdueIssues  int    `json:"overdue_issues"`
	ExpiringTitles int    `json:"expiring_titles"`
	Risks          int    `json:"risks"`
}

// field is the count of check in c.
func (c *Counts) field(check string) *int {
	switch check {
	case cultivation.CheckUnassigned:
		return &c.Unassigned
	case cultivation.CheckWithoutPlan:
		return &c.WithoutPlan
	case cultivation.CheckOverdueTasks:
		return &c.OverdueTasks
	case cultivation.CheckOverdueVisits:
		return &c.OverdueVisits
	case cultivation.CheckOverdueIssues:
		return &c.OverdueIssues
	case cultivation.CheckExpiringTitles:
		return &c.ExpiringTitles
	}
	return &c.Risks
}

// Get is the count of check.
func (c Counts) Get(check string) int { return *c.field(check) }

// Total is the findings of every check summed: how much the region has to
// put right.
func (c Counts) Total() int {
	n := 0
	for _, ch := range cultivation.Checks {
		n += c.Get(ch)
	}
	return n
}

// Tally counts found per district of regions, in their order, after the
// city's row (targets.CityRegion, every district summed) when withCity.
// A district with nothing found still gets its row of zeros.
func Tally(found []cultivation.Finding, regions []string, withCity bool) []Counts {
	out := make([]Counts, 0, len(regions)+1)
	if withCity {
		out = append(out, Counts{Region: targets.CityRegion})
	}
	at := map[string]int{}
	for _, r := range regions {
		at[r] = len(out)
		out = append(out, Counts{Region: r})
	}
	for _, f := range found {
		i, ok := at[f.Region]
		if !ok {
			continue
		}
		*out[i].field(f.Check)++
		if withCity {
			*out[0].field(f.Check)++
		}
	}
	return out
}

// Of returns the findings of check in region (targets.CityRegion or "":
// every region), in found's order.
func Of(found []cultivation.Finding, check, region string) []cultivation.Finding {
	out := []cultivation.Finding{}
	for _, f := range found {
		if f.Check == check && (region == "" || region == targets.CityRegion || f.Region == region) {
			out = append(out, f)
		}
	}
	return out
}

// Area is what a review shows: the districts' rows, the city's row or
// not, and the region the findings are read for ("" for all in scope).
type Area struct {
	Regions []string
	City    bool
	Region  string
}

// Scope resolves the region asked for ("" or the city's code for all)
// against the caller's scope. The city sees its row and every district; a
// district official its own district only. A region out of scope, the
// city's for a district official, or one that does not exist is not
// found: a district cannot learn what another district's review holds.
func Scope(ctx context.Context, st *sqlstore.Store, region string) (Area, error) {
	in, err := st.ScopeRegions(ctx)
	if err != nil {
		return Area{}, err
	}
	c, _ := auth.CallerFrom(ctx)
	city := c.Role == auth.RoleCity
	switch {
	case region == "" || (region == targets.CityRegion && city):
		return Area{Regions: in, City: city}, nil
	case slices.Contains(in, region):
		return Area{Regions: []string{region}, Region: region}, nil
	}
	return Area{}, apperr.Errorf(apperr.ENOTFOUND, "区县不存在或无权查看其回头看")
}

// Review is the review of an area: what every check found, counted per
// row.
type Review struct {
	Area
	Found  []cultivation.Finding
	Counts []Counts // the city's row first when Area.City, then the districts'
}

// Load reviews region ("" or the city's code for every district in scope)
// for the caller on today.
func Load(ctx context.Context, st *sqlstore.Store, eng *criteria.Engine, region string, today profile.Date) (*Review, error) {
	area, err := Scope(ctx, st, region)
	if err != nil {
		return nil, err
	}
	found, err := Run(ctx, st, eng, area.Region, today)
	if err != nil {
		return nil, err
	}
	return &Review{Area: area, Found: found, Counts: Tally(found, area.Regions, area.City)}, nil
}
