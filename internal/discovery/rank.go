package discovery

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// A failed tier is a near miss, whose gap plan is sought, when it lacks one
// thing (TierResult.Unmet ≤ MaxUnmet: a condition, or the pass mark) and,
// where the points table decides, its score is within ScoreMargin points of
// the pass mark — the near-miss rule of the backup lists ("fails one
// condition, or within 10 points of the pass mark"). Beyond that a plan
// would make a new enterprise, not a candidate, and seeking plans for every
// failure would cost more than evaluating the population.
const (
	MaxUnmet    = 1
	ScoreMargin = 10
)

// NoEffort marks a tier without a gap plan: passed, under review, missing
// facts, too far off, or only time can close the gap.
const NoEffort = -1

// TierOutcome is one enterprise's compact answer for one tier.
//
// Effort is the cost of the cheapest gap plan the engine verifies
// (criteria.GapPlan.Cost): the sum over the plan's changes of each change's
// weighted size — a figure's relative change times its weight (营业收入 2,
// 主营业务收入 1.5, 研发费用 1, 股权融资 2, staff 1 …; a figure raised from
// nothing measured against 5 % of revenue), and a fixed effort per discrete
// item (an invention patent 1.0 and a software copyright 0.3 each, an R&D
// institution 0.3–4 by grade, 高新技术企业 1.5, a quality certificate or
// digital level by its table). Raising R&D spending by 20 % costs 0.2;
// growing revenue by 20 % costs 0.4; two more invention patents cost 2.
// Changes is how many changes that plan makes.
type TierOutcome struct {
	Status  criteria.Outcome
	Unmet   uint8
	Changes uint8
	Score   int16   // −1 for a tier without a points table
	Effort  float32 // NoEffort when there is no plan
}

// Result is one population row's answer for every tier, in criteria.Tiers order.
type Result struct {
	Row   int64
	Tiers [4]TierOutcome
}

// Evaluator evaluates blocks for candidate discovery with the rule sets in
// force for a new application on AsOf; one per worker (it keeps buffers).
type Evaluator struct {
	AsOf  profile.Date
	plans []*criteria.Plan
	ctx   criteria.Ctx
	res   criteria.TierResult
}

// NewEvaluator selects the rule sets of every tier for asOf.
func NewEvaluator(eng *criteria.Engine, asOf profile.Date) (*Evaluator, error) {
	ev := &Evaluator{AsOf: asOf}
	for _, t := range criteria.Tiers {
		p, err := eng.Select(t, asOf, false, "")
		if err != nil {
			return nil, err
		}
		ev.plans = append(ev.plans, p)
	}
	return ev, nil
}

// Block evaluates a block and appends its results to out.
func (ev *Evaluator) Block(b Block, out []Result) []Result {
	for i, p := range b.Profiles {
		r := Result{Row: b.Rows[i]}
		for ti, plan := range ev.plans {
			r.Tiers[ti] = ev.tier(plan, p)
		}
		out = append(out, r)
	}
	return out
}

func (ev *Evaluator) tier(plan *criteria.Plan, p *profile.Profile) TierOutcome {
	c, r := &ev.ctx, &ev.res
	c.Reset(p, ev.AsOf, ev.AsOf.Y+plan.RS.Params.DataYearOffset, false)
	// Quick first: most outcomes are settled without recording every node.
	plan.Quick(c, r)
	o := TierOutcome{Status: r.Status, Score: -1, Effort: NoEffort}
	if plan.RS.Score != nil {
		o.Score = int16(r.Score)
	}
	if r.Status != criteria.Fail {
		return o
	}
	plan.Evaluate(c, r)
	o.Unmet = uint8(min(r.Unmet(), 255))
	if o.Unmet > MaxUnmet {
		return o
	}
	if sc := plan.RS.Score; sc != nil && r.ScoreOutcome() != criteria.Pass && r.Score < sc.Pass-ScoreMargin {
		return o
	}
	plan.Explain(c, r)
	plans, _, _ := plan.Gap(c, r)
	if len(plans) > 0 {
		best := plans[0] // Gap returns its plans cheapest first
		o.Effort, o.Changes = float32(best.Cost), uint8(min(len(best.Changes), 255))
	}
	return o
}

// EncodeResults encodes results for the store: per row its number (as a
// delta) and per tier five small numbers.
func EncodeResults(rs []Result) []byte {
	b := binary.AppendUvarint(nil, uint64(len(rs)))
	prev := int64(0)
	for _, r := range rs {
		b = binary.AppendVarint(b, r.Row-prev)
		prev = r.Row
		for _, t := range r.Tiers {
			b = append(b, byte(t.Status), t.Unmet, t.Changes)
			b = binary.AppendVarint(b, int64(t.Score))
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t.Effort))
		}
	}
	return b
}

// DecodeResults decodes what EncodeResults wrote.
func DecodeResults(b []byte) ([]Result, error) {
	d := decoder{b: b}
	n := d.uvarint()
	if d.err || n > uint64(len(b)) {
		return nil, ErrCodec
	}
	out := make([]Result, n)
	prev := int64(0)
	for i := range out {
		prev += d.varint()
		out[i].Row = prev
		for t := range out[i].Tiers {
			o := &out[i].Tiers[t]
			if len(d.b) < 3 {
				return nil, ErrCodec
			}
			o.Status, o.Unmet, o.Changes = criteria.Outcome(d.b[0]), d.b[1], d.b[2]
			d.b = d.b[3:]
			o.Score = int16(d.varint())
			if len(d.b) < 4 {
				return nil, ErrCodec
			}
			o.Effort = math.Float32frombits(binary.LittleEndian.Uint32(d.b))
			d.b = d.b[4:]
		}
		if d.err {
			return nil, ErrCodec
		}
	}
	if len(d.b) != 0 {
		return nil, ErrCodec
	}
	return out, nil
}

// Filter selects candidates for the discovery page.
type Filter struct {
	Tier      string  // required: one of criteria.Tiers
	Outcome   string  // "" every outcome; pass, fail, review, missing; near (a near miss with a plan)
	MaxEffort float64 // 0: no bound
	Region    string
	Industry  string // a prefix of the industry code (C34 …)
}

// Candidate is a ranked row: its result for the filter's tier.
type Candidate struct {
	Row int64
	TierOutcome
}

// Validate checks a filter and returns the tier's index.
func (f Filter) Validate() (int, error) {
	ti := criteria.TierIndex(f.Tier)
	if ti >= len(criteria.Tiers) {
		return 0, fmt.Errorf("tier %q is not one of %v", f.Tier, criteria.Tiers)
	}
	switch f.Outcome {
	case "", "near":
	default:
		if _, ok := criteria.ParseOutcome(f.Outcome); !ok {
			return 0, fmt.Errorf("outcome %q is not pass, fail, review, missing or near", f.Outcome)
		}
	}
	if f.MaxEffort < 0 || math.IsNaN(f.MaxEffort) {
		return 0, fmt.Errorf("max_effort must be a number ≥ 0")
	}
	return ti, nil
}

// Match reports whether a result's tier outcome passes the filter's outcome
// and effort bounds (region and industry are the store's).
func (f Filter) Match(o TierOutcome) bool {
	switch f.Outcome {
	case "":
	case "near":
		if o.Effort < 0 {
			return false
		}
	default:
		if want, _ := criteria.ParseOutcome(f.Outcome); o.Status != want {
			return false
		}
	}
	if f.MaxEffort > 0 && (o.Effort < 0 || float64(o.Effort) > f.MaxEffort) {
		return false
	}
	return true
}

// Rank orders candidates: near misses by effort (cheapest first), then the
// rest by status (pass, review, missing, fail) and score, high first; ties
// by row.
func Rank(cs []Candidate) {
	slices.SortFunc(cs, func(a, b Candidate) int {
		ae, be := a.Effort >= 0, b.Effort >= 0
		switch {
		case ae && be:
			if c := cmp.Compare(a.Effort, b.Effort); c != 0 {
				return c
			}
		case ae:
			return -1
		case be:
			return 1
		default:
			if c := cmp.Compare(statusRank(a.Status), statusRank(b.Status)); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Row, b.Row)
	})
}

func statusRank(o criteria.Outcome) int {
	return [...]int{criteria.Pass: 0, criteria.Review: 1, criteria.Missing: 2, criteria.Fail: 3}[o]
}
