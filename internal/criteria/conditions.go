package criteria

// Condition is one top-level condition of a plan (a prerequisite, a
// mandatory condition or a direct route), as the population analyses
// (candidate discovery, policy impact) compare them across rule sets.
type Condition struct {
	ID    string
	Label string
	Kind  string // prerequisite | mandatory | direct
	idx   int
}

// ScoreCondition is the id under which the points table counts as one
// condition: the score route reached or not.
const ScoreCondition = "score"

// Conditions returns the plan's top-level conditions in document order.
func (p *Plan) Conditions() []Condition {
	var out []Condition
	for _, list := range [][]*cnode{p.prereq, p.mandatory, p.direct} {
		for _, n := range list {
			out = append(out, Condition{ID: n.id, Label: n.label, Kind: sectionNames[n.sec], idx: n.idx})
		}
	}
	return out
}

// Outcome returns the outcome of a top-level condition in a result filled by
// Evaluate (not Quick) of the same plan.
func (r *TierResult) Outcome(c Condition) Outcome { return r.Nodes[c.idx].Outcome }

// ScoreOutcome returns whether the points table reached the pass mark in a
// result filled by Evaluate; Pass for a plan without one (nothing to reach).
func (r *TierResult) ScoreOutcome() Outcome {
	if r.Plan == nil || r.Plan.score == nil {
		return Pass
	}
	return r.scoreOK
}

// Unmet counts what a result filled by Evaluate lacks: the top-level
// prerequisites and mandatory conditions not met (failed or missing), plus
// one when the plan also needs a route (the points table or a direct
// condition) and none is reached. A passed result counts 0; 1 is the
// nearest miss.
func (r *TierResult) Unmet() int {
	p := r.Plan
	n := 0
	for _, list := range [][]*cnode{p.prereq, p.mandatory} {
		for _, c := range list {
			if o := r.Nodes[c.idx].Outcome; o == Fail || o == Missing {
				n++
			}
		}
	}
	if len(p.direct) > 0 || p.score != nil {
		route := Fail
		for _, c := range p.direct {
			route = anyOf(route, r.Nodes[c.idx].Outcome)
		}
		if p.score != nil {
			route = anyOf(route, r.scoreOK)
		}
		if route == Fail || route == Missing {
			n++
		}
	}
	return n
}
