package plan

import (
	"fmt"
	"slices"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// Standing is a tier's result reduced to what a plan tracks: the outcome,
// the score (nil without a points table) and the conditions met.
type Standing struct {
	Outcome    string
	Score      *int
	Met        int
	Conditions int
}

// StandingOf reads a tier report. A condition counts as met when it passes
// or only waits for an official's confirmation (review).
func StandingOf(tr *criteria.TierReport) Standing {
	s := Standing{Outcome: tr.Status.String(), Score: tr.Score, Conditions: len(tr.Conditions)}
	for _, c := range tr.Conditions {
		if met(c.Outcome) {
			s.Met++
		}
	}
	return s
}

func met(o criteria.Outcome) bool { return o == criteria.Pass || o == criteria.Review }

// Evaluate evaluates p for one tier on asOf, with gap plans when gaps is set.
func Evaluate(eng *criteria.Engine, p *profile.Profile, tier string, asOf profile.Date, gaps bool) (*criteria.TierReport, error) {
	rep, err := eng.Evaluate(p, criteria.Options{AsOf: asOf, Tiers: []string{tier}, Gaps: gaps})
	if err != nil {
		return nil, apperr.Wrap(err, apperr.EINVALID, "tier：该日期没有适用的认定标准")
	}
	return rep.Tiers[0], nil
}

// Build makes the plan of profile p for tier on asOf from the cheapest gap
// plan: one task per change, tied to the condition or item it serves (see
// attribute). Owner and due date are the caller's to set. A tier already met,
// or one no change can reach before a later data year, has no plan.
func Build(eng *criteria.Engine, p *profile.Profile, tier string, asOf profile.Date) (*Plan, error) {
	if criteria.TierZH[tier] == "" {
		return nil, apperr.Errorf(apperr.EINVALID, "tier：取值应为 tech_sme、innovative、srdi、little_giant 之一")
	}
	rep, err := eng.Evaluate(p, criteria.Options{AsOf: asOf, Tiers: []string{tier}, Gaps: true})
	if err != nil {
		return nil, apperr.Wrap(err, apperr.EINVALID, "tier：该日期没有适用的认定标准")
	}
	now := rep.Tiers[0]
	if met(now.Status) {
		return nil, apperr.Errorf(apperr.EINVALID, "tier：企业已满足%s条件，无需培育计划", criteria.TierZH[tier])
	}
	if len(now.Gaps) == 0 {
		msg := "tier：按现有条件无法通过调整达到" + criteria.TierZH[tier]
		if now.NotBefore != nil {
			msg += fmt.Sprintf("，最早以 %d 年数据申报", *now.NotBefore)
		}
		if len(now.Requires) > 0 {
			msg += "，须先取得" + strings.Join(zhTiers(now.Requires), "、")
		}
		return nil, apperr.Errorf(apperr.EINVALID, "%s", msg)
	}
	best := slices.MinFunc(now.Gaps, func(a, b criteria.GapPlan) int {
		switch {
		case a.Cost < b.Cost:
			return -1
		case a.Cost > b.Cost:
			return 1
		}
		return 0
	})
	done, err := evaluateWith(eng, p, tier, asOf, best.Changes)
	if err != nil {
		return nil, err
	}
	sn, sd := StandingOf(now), StandingOf(done)
	pl := &Plan{Tier: tier, RuleSet: now.RuleSet, AsOf: asOf, DataYear: rep.DataYear, Status: StatusOpen,
		OutcomeNow: sn.Outcome, OutcomeLatest: sn.Outcome, ScoreNow: sn.Score, ScoreDone: sd.Score, ScoreLatest: sn.Score,
		MetNow: sn.Met, MetDone: sd.Met, MetLatest: sn.Met, Conditions: sn.Conditions, Summary: best.Summary}
	base, full := outcomesOf(now), outcomesOf(done)
	for i, ch := range best.Changes {
		src, err := attribute(eng, p, tier, asOf, best.Changes, i, base, full)
		if err != nil {
			return nil, err
		}
		pl.Tasks = append(pl.Tasks, &Task{Seq: i + 1, SourceID: src,
			Target:  Target{Path: ch.Path, From: ch.From, To: ch.To, Add: ch.Add, Count: ch.Count, Unit: ch.Unit},
			Summary: ch.Text, Status: StatusOpen})
	}
	companions(pl.Tasks, base)
	if tier == profile.TierLittleGiant {
		pl.Tags = TagsOf(append(base.failed, base.review...), pl.Tasks)
	}
	return pl, nil
}

func zhTiers(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = criteria.TierZH[t]
	}
	return out
}

// evaluateWith evaluates p with changes applied.
func evaluateWith(eng *criteria.Engine, p *profile.Profile, tier string, asOf profile.Date, changes []criteria.Change) (*criteria.TierReport, error) {
	q, err := criteria.GapPlan{Changes: changes}.Apply(p)
	if err != nil {
		return nil, fmt.Errorf("plan: apply gap plan: %w", err)
	}
	return Evaluate(eng, q, tier, asOf, false)
}

// outcomes indexes a tier report by condition and item id.
type outcomes struct {
	conds  map[string]bool // id → met
	order  []string        // condition ids, children before their parent
	points map[string]int  // item id → points
	items  []string        // item ids losing points
	failed []string        // condition ids not met
	review []string        // condition ids an official must confirm
	labels map[string]string
}

func outcomesOf(tr *criteria.TierReport) outcomes {
	o := outcomes{conds: map[string]bool{}, points: map[string]int{}, labels: map[string]string{}}
	var walk func(cs []*criteria.CondReport)
	walk = func(cs []*criteria.CondReport) {
		for _, c := range cs {
			// A direct route (直通条件) is an alternative to the points
			// table, not a gap: a task serves the conditions and items.
			if c.Kind == "direct" {
				continue
			}
			walk(c.Children)
			if c.ID == "" {
				continue
			}
			o.conds[c.ID], o.labels[c.ID] = met(c.Outcome), c.Label
			o.order = append(o.order, c.ID)
			switch {
			case !met(c.Outcome):
				o.failed = append(o.failed, c.ID)
			case c.Outcome == criteria.Review:
				o.review = append(o.review, c.ID)
			}
		}
	}
	walk(tr.Conditions)
	for _, it := range tr.Items {
		o.points[it.ID], o.labels[it.ID] = it.Points, it.Label
		if it.Lost > 0 {
			o.items = append(o.items, it.ID)
		}
	}
	return o
}

// attribute finds the condition or item change i of a plan serves: the
// first condition failed now, met with the whole plan and failed again
// without change i (the most specific first: children come before their
// parent), else the first item that scores less without it. When the other
// changes alone already cover it (two ways to one end), the change is tried
// on its own. Failing both, it is a companion (see companions).
func attribute(eng *criteria.Engine, p *profile.Profile, tier string, asOf profile.Date,
	changes []criteria.Change, i int, base, full outcomes) (string, error) {
	others := slices.Delete(slices.Clone(changes), i, i+1)
	without, err := evaluateWith(eng, p, tier, asOf, others)
	if err != nil {
		return "", err
	}
	if id := served(base, full, outcomesOf(without)); id != "" {
		return id, nil
	}
	alone, err := evaluateWith(eng, p, tier, asOf, changes[i:i+1])
	if err != nil {
		return "", err
	}
	// On its own, the change serves what it improves over the base.
	ao := outcomesOf(alone)
	for _, id := range base.failed {
		if ao.conds[id] {
			return id, nil
		}
	}
	for _, id := range base.items {
		if ao.points[id] > base.points[id] {
			return id, nil
		}
	}
	return "", nil
}

// companions gives a change that serves nothing by itself the source of
// the change it moves with: figures that depend on each other move together
// (R&D expense raises the cost total), and the companion comes after the
// change it follows. One left over serves the first failed condition.
func companions(tasks []*Task, base outcomes) {
	last := ""
	for _, t := range tasks {
		if t.SourceID == "" {
			t.SourceID = last
		}
		last = t.SourceID
	}
	for _, t := range tasks {
		if t.SourceID == "" && len(base.failed) > 0 {
			t.SourceID = base.failed[0]
		} else if t.SourceID == "" && len(base.items) > 0 {
			t.SourceID = base.items[0]
		}
		t.SourceLabel = base.labels[t.SourceID]
	}
}

// served is the first condition or item that base lacks, full reaches and
// without loses again.
func served(base, full, without outcomes) string {
	for _, id := range base.order {
		if !base.conds[id] && full.conds[id] && !without.conds[id] {
			return id
		}
	}
	for _, id := range base.items {
		if without.points[id] < full.points[id] {
			return id
		}
	}
	return ""
}
