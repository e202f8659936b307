package targets

import "fmt"

// QuotaRule is 强化结果运用 as data: each district's recommendation places
// for Tier's applications are BasePlaces plus BasePercent of its own Tier
// target (rounded up), plus the Extra of the first band whose MinPercent its
// completion rate of BasisTier's target reaches.
type QuotaRule struct {
	Name        string `yaml:"name" json:"name"`
	Tier        string `yaml:"tier" json:"tier"`
	BasisTier   string `yaml:"basis_tier" json:"basis_tier"`
	BasePlaces  int    `yaml:"base_places" json:"base_places"`
	BasePercent int    `yaml:"base_percent" json:"base_percent"`
	Bands       []Band `yaml:"bands" json:"bands"`
}

// Band is one step of the extra places.
type Band struct {
	MinPercent int    `yaml:"min_percent" json:"min_percent"`
	Extra      int    `yaml:"extra" json:"extra"`
	Label      string `yaml:"label" json:"label"`
}

func (q QuotaRule) check() error {
	if !isTier(q.Tier) || !isTier(q.BasisTier) {
		return fmt.Errorf("quota: tier and basis_tier must be tiers with targets")
	}
	if q.BasePlaces < 0 || q.BasePercent < 0 {
		return fmt.Errorf("quota: base_places and base_percent must not be negative")
	}
	for i, b := range q.Bands {
		if b.Extra < 0 || b.MinPercent < 0 {
			return fmt.Errorf("quota.bands[%d]: negative", i)
		}
		// Bands are tried in order, so a lower threshold before a higher one
		// would shadow it.
		if i > 0 && b.MinPercent >= q.Bands[i-1].MinPercent {
			return fmt.Errorf("quota.bands[%d]: min_percent must fall band by band", i)
		}
	}
	return nil
}

// Allocation is one district's places under the rule.
type Allocation struct {
	Region      string
	Target      int // the district's target of the rule's tier
	BasisTarget int
	BasisDone   int
	BasisHas    bool
	Base        int
	Extra       int
	Band        string // the band reached, "" for none
	Places      int
}

// BasisRate is the completion rate that decides the extra, -1 without a
// target.
func (a Allocation) BasisRate() float64 { return rate(a.BasisDone, a.BasisTarget, a.BasisHas) }

// Allocate applies the rule to the districts of rows, in their order, and
// returns the allocations and the places in all. The band test is exact:
// done·100 ≥ min_percent·target in integers.
func Allocate(q QuotaRule, rows []Progress) ([]Allocation, int) {
	var out []Allocation
	keep := func(p Progress) bool { return p.Tier == q.Tier || p.Tier == q.BasisTier }
	for region, ps := range districts(rows, keep) {
		a := Allocation{Region: region}
		for _, p := range ps {
			if p.Tier == q.Tier && p.HasTarget {
				a.Target = p.Target
			}
			if p.Tier == q.BasisTier {
				a.BasisDone, a.BasisTarget, a.BasisHas = p.Done, p.Target, p.HasTarget
			}
		}
		out = append(out, a)
	}
	total := 0
	for i := range out {
		a := &out[i]
		a.Base = q.BasePlaces + (a.Target*q.BasePercent+99)/100
		if a.BasisHas && a.BasisTarget > 0 {
			for _, b := range q.Bands {
				if int64(a.BasisDone)*100 >= int64(b.MinPercent)*int64(a.BasisTarget) {
					a.Extra, a.Band = b.Extra, b.Label
					break
				}
			}
		}
		a.Places = a.Base + a.Extra
		total += a.Places
	}
	return out, total
}
