package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
)

// Invite selects the enterprises to invite to a session: by tier and
// district, or by id (the rotation planner's proposal). Source says which.
type Invite struct {
	Tier          string
	Region        string
	EnterpriseIDs []int64
	Source        string // tier, planner, manual
}

// InviteToTraining invites the active enterprises of inv in the caller's
// scope to a session and returns how many were newly invited (an
// enterprise invited before is not invited twice). Officials only.
func (tx *Tx) InviteToTraining(ctx context.Context, trainingID int64, inv Invite) (int, error) {
	n, err := tx.inviteToTraining(ctx, trainingID, inv)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: invite to training %d: %w", trainingID, err)
	}
	return n, nil
}

func (tx *Tx) inviteToTraining(ctx context.Context, trainingID int64, inv Invite) (int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return 0, err
	}
	if err := requireOfficial(c, "发出培训邀请"); err != nil {
		return 0, err
	}
	t, err := tx.GetTraining(ctx, trainingID)
	if err != nil {
		return 0, err
	}
	if t.Date.Before(tx.dateCST()) {
		return 0, apperr.Errorf(apperr.EINVALID, "该期培训已于 %s 举办，不能再邀请", t.Date)
	}
	var a args
	conds := []string{"e.status = 'active'", bureauScope(c, &a)}
	switch {
	case len(inv.EnterpriseIDs) > 0:
		ph := make([]string, len(inv.EnterpriseIDs))
		for i, id := range inv.EnterpriseIDs {
			ph[i] = a.add(id)
		}
		conds = append(conds, "e.id IN ("+strings.Join(ph, ", ")+")")
	case inv.Tier != "" && cultivation.IsTier(inv.Tier):
		conds = append(conds, "e.tier = "+a.add(inv.Tier))
		if inv.Region != "" {
			conds = append(conds, "e.region = "+a.add(inv.Region))
		}
	default:
		return 0, apperr.Errorf(apperr.EINVALID, "请选择邀请的梯度（及区县）或企业 (tier: innovative, srdi or little_giant; or enterprise_ids)")
	}
	if inv.Source == "" {
		inv.Source = "manual"
	}
	q := `INSERT INTO training_invitations (training_id, enterprise_id, source, invited_by, invited_at)
		SELECT ` + a.add(trainingID) + `, e.id, ` + a.add(inv.Source) + `, ` + a.add(c.UserID) + `, ` + a.add(ts(tx.now)) +
		` FROM enterprises e` + where(conds...) + ` ON CONFLICT DO NOTHING`
	res, err := tx.exec(ctx, q, a...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	return int(n), tx.audit(ctx, c, auditRow{action: "training.invite", entity: "training",
		entityID: strconv.FormatInt(trainingID, 10), region: c.Region,
		after: map[string]any{"tier": inv.Tier, "region": inv.Region, "enterprise_ids": inv.EnterpriseIDs,
			"source": inv.Source, "invited": n}})
}

// Invitee is an enterprise invited to a session, with its sign-up status
// ("" when it has not signed up).
type Invitee struct {
	EnterpriseID int64
	Name         string
	Region       string
	Source       string
	Status       string
}

// ListInvitees returns a session's invitees in the caller's scope.
func (tx *Tx) ListInvitees(ctx context.Context, trainingID int64) ([]Invitee, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT e.id, e.name, e.region, i.source, COALESCE(s.status, '') FROM training_invitations i
		JOIN enterprises e ON e.id = i.enterprise_id
		LEFT JOIN training_signups s ON s.training_id = i.training_id AND s.enterprise_id = i.enterprise_id
		WHERE i.training_id = ` + a.add(trainingID) + and(bureauScope(c, &a)) + ` ORDER BY e.region, e.name`
	out, err := queryAll(ctx, tx, q, a, func(row scanner) (Invitee, error) {
		var v Invitee
		return v, row.Scan(&v.EnterpriseID, &v.Name, &v.Region, &v.Source, &v.Status)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: invitees of training %d: %w", trainingID, err)
	}
	return out, nil
}

// rotationSince is the first day of a window of years ending today.
func (tx *Tx) rotationSince(years int) string {
	d := tx.dateCST()
	return profile.Date{Y: d.Y - years, M: d.M, D: d.D}.String()
}

// TrainingCoverage returns, per district in the caller's scope, its active
// 创新型 enterprises (highest title 创新型: the 普惠 rotation's population)
// and how many of them attended a training in the last years. Officials.
func (tx *Tx) TrainingCoverage(ctx context.Context, years int) ([]programme.Coverage, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "查看培训轮训覆盖"); err != nil {
		return nil, err
	}
	var a args
	q := `SELECT e.region, count(*), count(tr.enterprise_id) FROM enterprises e
		LEFT JOIN (SELECT DISTINCT ta.enterprise_id FROM training_attendance ta JOIN trainings t ON t.id = ta.training_id
			WHERE t.held_on >= ` + a.add(tx.rotationSince(years)) + ` AND t.held_on <= ` + a.add(tx.dateCST().String()) + `) tr
			ON tr.enterprise_id = e.id
		WHERE e.tier = 'innovative' AND e.status = 'active'` + and(bureauScope(c, &a)) + `
		GROUP BY e.region ORDER BY e.region`
	out, err := queryAll(ctx, tx, q, a, func(row scanner) (programme.Coverage, error) {
		var v programme.Coverage
		err := row.Scan(&v.Region, &v.Innovative, &v.Trained)
		v.SetShare()
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: training coverage: %w", err)
	}
	return out, nil
}

// RotationDue returns the active 创新型 enterprises in the caller's scope
// (of region, when given) that attended no training in the last years and
// are not yet invited to or signed up for a coming session: the rotation's
// candidates, each with the date it was last trained (zero: never).
func (tx *Tx) RotationDue(ctx context.Context, years int, region string) ([]programme.Candidate, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "查看培训轮训计划"); err != nil {
		return nil, err
	}
	var a args
	today := a.add(tx.dateCST().String())
	conds := []string{"e.tier = 'innovative'", "e.status = 'active'", bureauScope(c, &a),
		`NOT EXISTS (SELECT 1 FROM training_invitations i JOIN trainings t ON t.id = i.training_id
			WHERE i.enterprise_id = e.id AND t.held_on >= ` + today + `)`,
		`NOT EXISTS (SELECT 1 FROM training_signups s JOIN trainings t ON t.id = s.training_id
			WHERE s.enterprise_id = e.id AND s.status <> 'cancelled' AND t.held_on >= ` + today + `)`}
	if region != "" {
		conds = append(conds, "e.region = "+a.add(region))
	}
	q := `SELECT e.id, e.name, e.region, COALESCE(max(t.held_on), '') FROM enterprises e
		LEFT JOIN training_attendance ta ON ta.enterprise_id = e.id
		LEFT JOIN trainings t ON t.id = ta.training_id` + where(conds...) + `
		GROUP BY e.id, e.name, e.region
		HAVING COALESCE(max(t.held_on), '') < ` + a.add(tx.rotationSince(years)) + ` ORDER BY e.id`
	out, err := queryAll(ctx, tx, q, a, func(row scanner) (programme.Candidate, error) {
		var v programme.Candidate
		return v, row.Scan(&v.EnterpriseID, &v.Name, &v.Region, dateCol{&v.LastTrained})
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: rotation candidates: %w", err)
	}
	return out, nil
}

// RotationSlots returns the coming 普惠 sessions with the places still
// free for invitees: capacity less the confirmed sign-ups and the
// invitations not yet answered.
func (tx *Tx) RotationSlots(ctx context.Context) ([]programme.Slot, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	q := `SELECT t.id, t.title, t.held_on, t.capacity - t.confirmed - (SELECT count(*) FROM training_invitations i
			WHERE i.training_id = t.id AND NOT EXISTS (SELECT 1 FROM training_signups s
				WHERE s.training_id = i.training_id AND s.enterprise_id = i.enterprise_id))
		FROM trainings t WHERE t.level = 'inclusive' AND t.held_on > $1 ORDER BY t.held_on, t.id`
	out, err := queryAll(ctx, tx, q, args{tx.dateCST().String()}, func(row scanner) (programme.Slot, error) {
		var v programme.Slot
		return v, row.Scan(&v.TrainingID, &v.Title, dateCol{&v.Date}, &v.Free)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: rotation slots: %w", err)
	}
	return out, nil
}

// RotationPlan is the planner's proposal for the caller's scope: the
// rotation's candidates over the coming 普惠 sessions at the pace, to be
// done within targetYears.
func (tx *Tx) RotationPlan(ctx context.Context, years, targetYears int, region string, pace programme.Pace) (programme.Plan, error) {
	due, err := tx.RotationDue(ctx, years, region)
	if err != nil {
		return programme.Plan{}, err
	}
	slots, err := tx.RotationSlots(ctx)
	if err != nil {
		return programme.Plan{}, err
	}
	return programme.PlanRotation(due, slots, pace, tx.dateCST(), targetYears), nil
}

// InviteToTraining is Tx.InviteToTraining in its own transaction.
func (s *Store) InviteToTraining(ctx context.Context, trainingID int64, inv Invite) (n int, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { n, err = tx.InviteToTraining(ctx, trainingID, inv); return err })
	return n, err
}

// ListInvitees is Tx.ListInvitees in a read transaction.
func (s *Store) ListInvitees(ctx context.Context, trainingID int64) (out []Invitee, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListInvitees(ctx, trainingID); return err })
	return out, err
}

// TrainingCoverage is Tx.TrainingCoverage in a read transaction.
func (s *Store) TrainingCoverage(ctx context.Context, years int) (out []programme.Coverage, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.TrainingCoverage(ctx, years); return err })
	return out, err
}

// RotationDue is Tx.RotationDue in a read transaction.
func (s *Store) RotationDue(ctx context.Context, years int, region string) (out []programme.Candidate, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.RotationDue(ctx, years, region); return err })
	return out, err
}

// RotationPlan is Tx.RotationPlan in a read transaction.
func (s *Store) RotationPlan(ctx context.Context, years, targetYears int, region string, pace programme.Pace) (p programme.Plan, err error) {
	err = s.view(ctx, func(tx *Tx) error { p, err = tx.RotationPlan(ctx, years, targetYears, region, pace); return err })
	return p, err
}
