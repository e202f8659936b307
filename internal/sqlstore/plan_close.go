package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/plan"
)

// PlanTaskForClose reads a plan and one of its open tasks for an official
// who may close it (the enterprise in scope): a closed task is a conflict.
func (tx *Tx) PlanTaskForClose(ctx context.Context, planID, taskID int64) (*plan.Plan, *plan.Task, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := requireOfficial(c, "办结培育任务"); err != nil {
		return nil, nil, err
	}
	p, err := tx.GetPlan(ctx, planID)
	if err != nil {
		return nil, nil, err
	}
	t := p.Task(taskID)
	switch {
	case t == nil:
		return nil, nil, apperr.Errorf(apperr.ENOTFOUND, "培育任务不存在")
	case t.Status != plan.StatusOpen:
		return nil, nil, apperr.Errorf(apperr.ECONFLICT, "该任务已办结")
	}
	return p, t, nil
}

// CloseTask records a task closed with its evidence, the figures before and
// after and the new assessment (t as filled by the caller), and moves the
// plan's latest standing; the plan is done when its last task is. The task
// must still be open at the version read.
func (tx *Tx) CloseTask(ctx context.Context, p *plan.Plan, t *plan.Task, ev *plan.Evidence) error {
	if err := tx.closeTask(ctx, p, t, ev); err != nil {
		return fmt.Errorf("sqlstore: close task %d: %w", t.ID, err)
	}
	return nil
}

func (tx *Tx) closeTask(ctx context.Context, p *plan.Plan, t *plan.Task, ev *plan.Evidence) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "办结培育任务"); err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE plan_tasks SET status = 'done', value = $1, score_before = $2, score_after = $3,
		met_before = $4, met_after = $5, outcome_after = $6, assessment_id = $7, closed_by = $8, closed_at = $9,
		updated_at = $9, version = version + 1 WHERE id = $10 AND plan_id = $11 AND status = 'open' AND version = $12`,
		nullString(string(t.Value)), nullIntPtr(t.ScoreBefore), nullIntPtr(t.ScoreAfter), int64(t.MetBefore), int64(t.MetAfter),
		t.OutcomeAfter, nullInt64(t.AssessmentID), nullInt64(c.UserID), ts(tx.now), t.ID, p.ID, t.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "该任务已被他人办结或修改，请刷新后重试")
	}
	t.Status, t.ClosedBy, t.ClosedAt, t.UpdatedAt, t.Version = plan.StatusDone, c.UserID, tx.now, tx.now, t.Version+1
	ev.TaskID, ev.EnterpriseID, ev.UploadedBy, ev.CreatedAt = t.ID, p.EnterpriseID, c.UserID, tx.now
	if err := tx.queryRow(ctx, `INSERT INTO evidence (task_id, enterprise_id, filename, mime, size, sha256, data,
		uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		ev.TaskID, ev.EnterpriseID, ev.Filename, ev.MIME, ev.Size, ev.SHA256, ev.Data, nullInt64(c.UserID),
		ts(tx.now)).Scan(&ev.ID); err != nil {
		return err
	}
	meta := *ev
	meta.Data = nil
	t.Evidence = &meta
	status := plan.StatusDone
	if p.Open() > 0 {
		status = plan.StatusOpen
	}
	res, err = tx.exec(ctx, `UPDATE plans SET status = $1, outcome_latest = $2, score_latest = $3, met_latest = $4,
		updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7`,
		status, t.OutcomeAfter, nullIntPtr(t.ScoreAfter), int64(t.MetAfter), ts(tx.now), p.ID, p.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "该培育计划已被他人修改，请刷新后重试")
	}
	p.Status, p.OutcomeLatest, p.ScoreLatest, p.MetLatest = status, t.OutcomeAfter, t.ScoreAfter, t.MetAfter
	p.UpdatedAt, p.Version = tx.now, p.Version+1
	return tx.audit(ctx, c, auditRow{action: "plan.task.close", entity: "plan_task", entityID: strconv.FormatInt(t.ID, 10),
		region: p.Region, after: map[string]any{"plan_id": p.ID, "enterprise_id": p.EnterpriseID, "source_id": t.SourceID,
			"path": t.Target.Path, "value": t.Value, "score_before": t.ScoreBefore, "score_after": t.ScoreAfter,
			"met_before": t.MetBefore, "met_after": t.MetAfter, "outcome": t.OutcomeAfter, "assessment_id": t.AssessmentID,
			"evidence": map[string]any{"id": ev.ID, "filename": ev.Filename, "mime": ev.MIME, "size": ev.Size, "sha256": ev.SHA256}}})
}

// GetEvidence returns an evidence file with its bytes, if its enterprise is
// in the caller's scope (an enterprise account: its own); otherwise not
// found.
func (tx *Tx) GetEvidence(ctx context.Context, id int64) (*plan.Evidence, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	ev := new(plan.Evidence)
	err = tx.queryRow(ctx, `SELECT ev.id, ev.task_id, ev.enterprise_id, ev.filename, ev.mime, ev.size, ev.sha256, ev.data,
		ev.uploaded_by, ev.created_at FROM evidence ev JOIN enterprises e ON e.id = ev.enterprise_id
		WHERE ev.id = `+a.add(id)+and(bureauScope(c, &a)), a...).Scan(&ev.ID, &ev.TaskID, &ev.EnterpriseID,
		&ev.Filename, &ev.MIME, &ev.Size, &ev.SHA256, &ev.Data, int64Col{&ev.UploadedBy}, timeCol{&ev.CreatedAt})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: evidence %d: %w", id, notFound(err, "证明材料不存在或无权查看"))
	}
	return ev, nil
}
