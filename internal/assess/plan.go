package assess

import (
	"context"
	"encoding/json"

	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// PlanRequest is what an official chooses when generating a plan.
type PlanRequest struct {
	EnterpriseID int64
	Tier         string
	AsOf         profile.Date
	Owner        plan.Owner // of every task
	Due          profile.Date
}

// GeneratePlan builds the enterprise's plan for a tier from its stored
// profile (plan.Build) and stores it with its tasks, in one transaction.
func GeneratePlan(ctx context.Context, st *sqlstore.Store, eng *criteria.Engine, req PlanRequest) (p *plan.Plan, err error) {
	err = st.WithTx(ctx, func(tx *sqlstore.Tx) error {
		p, err = GeneratePlanTx(ctx, tx, eng, req)
		return err
	})
	return p, err
}

// GeneratePlanTx is GeneratePlan inside tx.
func GeneratePlanTx(ctx context.Context, tx *sqlstore.Tx, eng *criteria.Engine, req PlanRequest) (*plan.Plan, error) {
	rec, err := tx.GetEnterprise(ctx, req.EnterpriseID)
	if err != nil {
		return nil, err
	}
	p, err := plan.Build(eng, rec.Profile, req.Tier, req.AsOf)
	if err != nil {
		return nil, err
	}
	p.EnterpriseID = rec.ID
	for _, t := range p.Tasks {
		t.Owner, t.Due = req.Owner, req.Due
	}
	return p, tx.CreatePlan(ctx, p)
}

// Closed is the answer to a task closed: the task, its plan and the new
// assessment of the plan's tier.
type Closed struct {
	Plan       *plan.Plan
	Task       *plan.Task
	Report     *criteria.Report
	Assessment *enterprise.Assessment
}

// CloseTask closes a plan's task with its evidence and the figure reached,
// in one transaction: the profile changes through ModifyEnterprise (field
// authority and the version read: version 0 means the current one, since
// the change is to one path), the plan's tier is assessed again and saved
// as any assessment, and the task keeps the standing before and after.
func CloseTask(ctx context.Context, st *sqlstore.Store, eng *criteria.Engine, planID, taskID, version int64,
	value json.RawMessage, ev *plan.Evidence, asOf profile.Date) (out *Closed, err error) {
	err = st.WithTx(ctx, func(tx *sqlstore.Tx) error {
		out, err = CloseTaskTx(ctx, tx, eng, planID, taskID, version, value, ev, asOf)
		return err
	})
	return out, err
}

// CloseTaskTx is CloseTask inside tx.
func CloseTaskTx(ctx context.Context, tx *sqlstore.Tx, eng *criteria.Engine, planID, taskID, version int64,
	value json.RawMessage, ev *plan.Evidence, asOf profile.Date) (*Closed, error) {
	p, t, err := tx.PlanTaskForClose(ctx, planID, taskID)
	if err != nil {
		return nil, err
	}
	rec, err := tx.GetEnterprise(ctx, p.EnterpriseID)
	if err != nil {
		return nil, err
	}
	before, err := plan.Evaluate(eng, rec.Profile, p.Tier, asOf, false)
	if err != nil {
		return nil, err
	}
	if version == 0 {
		version = rec.Version
	}
	rec, err = tx.ModifyEnterprise(ctx, rec.ID, version, func(r *enterprise.Record) error {
		return plan.Apply(r.Profile, t.Target, value)
	})
	if err != nil {
		return nil, err
	}
	rep, list, err := Evaluate(eng, rec, criteria.Options{AsOf: asOf, Tiers: []string{p.Tier}})
	if err != nil {
		return nil, err
	}
	if err := Save(ctx, tx, list); err != nil {
		return nil, err
	}
	sb, sa := plan.StandingOf(before), plan.StandingOf(rep.Tiers[0])
	t.Value = value
	t.ScoreBefore, t.ScoreAfter, t.MetBefore, t.MetAfter = sb.Score, sa.Score, sb.Met, sa.Met
	t.OutcomeAfter, t.AssessmentID = sa.Outcome, list[0].ID
	if err := tx.CloseTask(ctx, p, t, ev); err != nil {
		return nil, err
	}
	return &Closed{Plan: p, Task: t, Report: rep, Assessment: list[0]}, nil
}
