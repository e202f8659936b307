package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/programme"
)

// PastAttendee is one enterprise's attendance at a session held before the
// platform recorded it: its attendee and whether it came.
type PastAttendee struct {
	EnterpriseID int64
	Attendee     string
	Role         string
	Attended     bool
}

// RecordPastSession records the sign-ups and attendance of a session
// already held (往期培训签到表), as confirmed sign-ups with attendance
// recorded by an official, in one statement per table and one audit row.
// The city only; the session must be over and have no sign-ups yet.
func (tx *Tx) RecordPastSession(ctx context.Context, trainingID int64, rows []PastAttendee) error {
	if err := tx.recordPastSession(ctx, trainingID, rows); err != nil {
		return fmt.Errorf("sqlstore: record past training %d: %w", trainingID, err)
	}
	return nil
}

func (tx *Tx) recordPastSession(ctx context.Context, trainingID int64, rows []PastAttendee) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可补录往期培训")
	}
	t, err := tx.lockTraining(ctx, trainingID)
	if err != nil {
		return err
	}
	switch {
	case !t.Date.Before(tx.dateCST()):
		return apperr.Errorf(apperr.EINVALID, "该期培训尚未举办，不能补录 (date: not yet held)")
	case t.SignedUp+t.Waitlisted > 0:
		return apperr.Errorf(apperr.ECONFLICT, "该期培训已有报名记录，不能补录")
	case len(rows) > t.Capacity:
		return apperr.Errorf(apperr.EINVALID, "补录 %d 家超过名额 %d (rows: more than the capacity)", len(rows), t.Capacity)
	}
	now := ts(tx.now)
	attended := 0
	for start := 0; start < len(rows); start += 200 {
		chunk := rows[start:min(start+200, len(rows))]
		var sa, aa args
		var sv, av []string
		for _, r := range chunk {
			s := programme.Signup{Attendee: r.Attendee, Role: r.Role}
			if err := s.Validate(); err != nil {
				return err
			}
			sv = append(sv, "("+sa.add(trainingID)+", "+sa.add(r.EnterpriseID)+", "+sa.add(s.Attendee)+", "+sa.add(s.Role)+
				", 'confirmed', 1, "+sa.add(now)+", "+sa.add(now)+")")
			if r.Attended {
				attended++
				av = append(av, "("+aa.add(trainingID)+", "+aa.add(r.EnterpriseID)+", 'official', "+aa.add(now)+")")
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO training_signups (training_id, enterprise_id, attendee, attendee_role, status,
			version, created_at, updated_at) VALUES `+strings.Join(sv, ", "), sa...); err != nil {
			if violation(err) == violUnique {
				return apperr.Wrap(err, apperr.ECONFLICT, "补录名单中有重复的企业 (enterprise_id: twice)")
			}
			return err
		}
		if len(av) > 0 {
			if _, err := tx.exec(ctx, `INSERT INTO training_attendance (training_id, enterprise_id, method, checked_in_at)
				VALUES `+strings.Join(av, ", "), aa...); err != nil {
				return err
			}
		}
	}
	if _, err := tx.exec(ctx, `UPDATE trainings SET confirmed = $1 WHERE id = $2`, len(rows), trainingID); err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "training.record", entity: "training", entityID: strconv.FormatInt(trainingID, 10),
		after: map[string]any{"signed_up": len(rows), "attended": attended}})
}
