package criteria

import (
	"fmt"

	"zjtx/internal/profile"
)

// SweepPoint is one point of a sweep: the input's value and each tier's
// status and score there.
type SweepPoint struct {
	Value string      `json:"value"`
	Tiers []SweepTier `json:"tiers"`
}

// SweepTier is one tier's answer at a sweep point.
type SweepTier struct {
	Tier   string  `json:"tier"`
	Status Outcome `json:"status"`
	Score  *int    `json:"score,omitempty"`
}

// MaxSweepSteps bounds a sweep: the "what if" slider needs tens of points,
// and a request must not buy unbounded work.
const MaxSweepSteps = 200

// Sweep varies one input of the profile (a dotted path such as
// years.2025.rd_expense) from one value to another in steps equal steps and
// evaluates every requested tier at each point (OpenFisca's "axes"). The
// profile itself is not changed.
func (e *Engine) Sweep(p *profile.Profile, opt Options, path string, from, to profile.Dec, steps int) ([]SweepPoint, error) {
	if steps < 1 || steps > MaxSweepSteps {
		return nil, fmt.Errorf("steps must be 1–%d", MaxSweepSteps)
	}
	tiers := opt.Tiers
	if len(tiers) == 0 {
		tiers = Tiers
	}
	plans := make([]*Plan, len(tiers))
	for i, t := range tiers {
		plan, err := e.Select(t, opt.AsOf, opt.Review, p.Region)
		if err != nil {
			return nil, err
		}
		plans[i] = plan
	}
	info, ok := profile.Describe(path)
	if !ok || (info.Kind != "decimal" && info.Kind != "integer") {
		return nil, fmt.Errorf("%s is not a numeric field of the profile", path)
	}
	q := p.Clone()
	out := make([]SweepPoint, 0, steps+1)
	var c Ctx
	var r TierResult
	for i := 0; i <= steps; i++ {
		v := from + profile.Dec(int64(to-from)*int64(i)/int64(steps))
		if info.Kind == "integer" {
			v = v / profile.DecScale * profile.DecScale // persons and ranks are whole
		}
		if err := q.SetPath(path, v.String()); err != nil {
			return nil, err
		}
		pt := SweepPoint{Value: v.String(), Tiers: make([]SweepTier, len(plans))}
		c.P = nil // the profile changed in place: forget what was computed
		for ti, plan := range plans {
			y := opt.DataYear
			if y == 0 {
				y = opt.AsOf.Y + plan.RS.Params.DataYearOffset
			}
			c.Reset(q, opt.AsOf, y, opt.Review)
			plan.Quick(&c, &r)
			pt.Tiers[ti] = SweepTier{Tier: plan.RS.Tier, Status: r.Status}
			if plan.score != nil {
				s := r.Score
				pt.Tiers[ti].Score = &s
			}
		}
		out = append(out, pt)
	}
	return out, nil
}
