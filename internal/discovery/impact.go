package discovery

import (
	"fmt"
	"strings"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// Impact compares two rule sets of one tier over a population
// (规则变化影响分析). Both are evaluated "as if" a new application were made
// under each, whatever their effective dates: the plans are taken by id
// (criteria.Engine.Plan), not chosen by Engine.Select, so the 2022 set is
// applied in 2026 and a draft overlay before it takes effect. The data year
// is each set's own (AsOf's year plus its data_year_offset).
type Impact struct {
	From, To *criteria.Plan
	AsOf     profile.Date

	conds    []deciding // the union of both sets' conditions, by id
	fromRes  criteria.TierResult
	toRes    criteria.TierResult
	ctx      criteria.Ctx
	fromIdx  map[string]criteria.Condition
	toIdx    map[string]criteria.Condition
	scoreLbl string
}

type deciding struct {
	id, label string
}

// NewImpact prepares the comparison of rule sets from and to (ids such as
// srdi@2022) of one tier.
func NewImpact(eng *criteria.Engine, from, to string, asOf profile.Date) (*Impact, error) {
	a, b := eng.Plan(from), eng.Plan(to)
	switch {
	case a == nil:
		return nil, fmt.Errorf("from: no rule set %q", from)
	case b == nil:
		return nil, fmt.Errorf("to: no rule set %q", to)
	case a.RS.Tier != b.RS.Tier:
		return nil, fmt.Errorf("to: rule set %s is of tier %s, %s of tier %s", to, b.RS.Tier, from, a.RS.Tier)
	}
	im := &Impact{From: a, To: b, AsOf: asOf, fromIdx: map[string]criteria.Condition{}, toIdx: map[string]criteria.Condition{}}
	for _, c := range a.Conditions() {
		im.fromIdx[c.ID] = c
		im.conds = append(im.conds, deciding{c.ID, c.Label})
	}
	for _, c := range b.Conditions() {
		im.toIdx[c.ID] = c
		if _, ok := im.fromIdx[c.ID]; !ok {
			im.conds = append(im.conds, deciding{c.ID, c.Label})
		}
	}
	if b.RS.Score != nil {
		im.scoreLbl = fmt.Sprintf("评价得分（达到 %d 分）", b.RS.Score.Pass)
	} else if a.RS.Score != nil {
		im.scoreLbl = fmt.Sprintf("评价得分（达到 %d 分）", a.RS.Score.Pass)
	}
	return im, nil
}

// Copy returns an Impact with its own buffers, for another worker.
func (im *Impact) Copy() *Impact {
	c := *im
	c.fromRes, c.toRes, c.ctx = criteria.TierResult{}, criteria.TierResult{}, criteria.Ctx{}
	return &c
}

// Label returns the words of a deciding condition id.
func (im *Impact) Label(id string) string {
	if id == criteria.ScoreCondition {
		return im.scoreLbl
	}
	for _, d := range im.conds {
		if d.id == id {
			return d.label
		}
	}
	return id
}

// Move is a pair of outcomes as the API names it: "pass_to_fail".
func Move(from, to criteria.Outcome) string { return from.String() + "_to_" + to.String() }

// ParseMove splits a move name; ok is false for anything else.
func ParseMove(s string) (from, to criteria.Outcome, ok bool) {
	a, b, found := strings.Cut(s, "_to_")
	if !found {
		return 0, 0, false
	}
	from, ok1 := criteria.ParseOutcome(a)
	to, ok2 := criteria.ParseOutcome(b)
	return from, to, ok1 && ok2
}

// Moves are the outcome pairs in the order pages show them: the two that
// matter first.
var Moves = func() []string {
	out := []string{Move(criteria.Pass, criteria.Fail), Move(criteria.Fail, criteria.Pass),
		Move(criteria.Pass, criteria.Pass), Move(criteria.Fail, criteria.Fail)}
	for _, a := range []criteria.Outcome{criteria.Pass, criteria.Review, criteria.Missing, criteria.Fail} {
		for _, b := range []criteria.Outcome{criteria.Pass, criteria.Review, criteria.Missing, criteria.Fail} {
			if m := Move(a, b); !strings.Contains(strings.Join(out, " "), m) {
				out = append(out, m)
			}
		}
	}
	return out
}()

// Mover is one row whose outcome differs between the two sets, with the
// conditions that decide: those whose outcome differs between the sets (a
// condition only one set has counts when it is not met there) and those not
// met under the new set; the points table counts as the condition "score".
type Mover struct {
	Row      int64
	From, To criteria.Outcome
	Deciding []string
}

// decides reports whether a condition decides a mover (both results filled
// by Evaluate): one both sets have decides when its outcome differs, or when
// it is a requirement (not a direct route, which may well go unmet) not met
// under the new set; one only a set has decides when it is a requirement
// not met there (added, or removed).
func (im *Impact) decides(id string) bool {
	fc, inFrom := im.fromIdx[id]
	tc, inTo := im.toIdx[id]
	unmet := func(o criteria.Outcome) bool { return o != criteria.Pass }
	switch {
	case inFrom && inTo:
		fo, to := im.fromRes.Outcome(fc), im.toRes.Outcome(tc)
		return fo != to || (unmet(to) && tc.Kind != "direct")
	case inTo:
		return unmet(im.toRes.Outcome(tc)) && tc.Kind != "direct"
	default:
		return unmet(im.fromRes.Outcome(fc)) && fc.Kind != "direct"
	}
}

// ImpactRow is one evaluated row: its outcomes under both sets; Deciding is
// set for movers only.
type ImpactRow = Mover

// Row evaluates one profile under both sets.
func (im *Impact) Row(row int64, p *profile.Profile) ImpactRow {
	c := &im.ctx
	c.Reset(p, im.AsOf, im.AsOf.Y+im.From.RS.Params.DataYearOffset, false)
	im.From.Quick(c, &im.fromRes)
	from := im.fromRes.Status
	c.Reset(p, im.AsOf, im.AsOf.Y+im.To.RS.Params.DataYearOffset, false)
	im.To.Quick(c, &im.toRes)
	to := im.toRes.Status
	r := ImpactRow{Row: row, From: from, To: to}
	if from == to {
		return r
	}
	// A mover: evaluate both fully to see which conditions decide.
	c.Reset(p, im.AsOf, im.AsOf.Y+im.From.RS.Params.DataYearOffset, false)
	im.From.Evaluate(c, &im.fromRes)
	c.Reset(p, im.AsOf, im.AsOf.Y+im.To.RS.Params.DataYearOffset, false)
	im.To.Evaluate(c, &im.toRes)
	for _, d := range im.conds {
		if im.decides(d.id) {
			r.Deciding = append(r.Deciding, d.id)
		}
	}
	if im.fromRes.ScoreOutcome() != im.toRes.ScoreOutcome() {
		r.Deciding = append(r.Deciding, criteria.ScoreCondition)
	}
	return r
}
