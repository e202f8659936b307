package sqlstore

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/programme"
)

const signupColumns = `s.id, s.training_id, s.enterprise_id, s.attendee, s.attendee_role, s.listing_plan, s.status,
	s.version, s.created_at, s.updated_at, e.name, e.region, COALESCE(a.checked_in_at, ''), t.title, t.level, t.held_on`

const signupFrom = ` FROM training_signups s JOIN enterprises e ON e.id = s.enterprise_id
	JOIN trainings t ON t.id = s.training_id
	LEFT JOIN training_attendance a ON a.training_id = s.training_id AND a.enterprise_id = s.enterprise_id`

func scanSignup(row scanner) (*programme.Signup, error) {
	var s programme.Signup
	var checked string
	err := row.Scan(&s.ID, &s.TrainingID, &s.EnterpriseID, &s.Attendee, &s.Role, &s.ListingPlan, &s.Status,
		&s.Version, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}, &s.EnterpriseName, &s.Region, &checked,
		&s.TrainingTitle, &s.TrainingLevel, dateCol{&s.TrainingDate})
	if err != nil {
		return nil, err
	}
	if checked != "" {
		if err := (timeCol{&s.CheckedInAt}).Scan(checked); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// lockTraining reads a session for a change of its sign-ups and takes its
// row lock (a no-op UPDATE), so that on PostgreSQL the sign-ups,
// cancellations and promotions of one session happen one at a time (SQLite
// has one writer anyway): the count of confirmed places and the waitlist's
// order cannot be read stale.
func (tx *Tx) lockTraining(ctx context.Context, id int64) (*programme.Training, error) {
	if _, err := tx.exec(ctx, `UPDATE trainings SET confirmed = confirmed WHERE id = $1`, id); err != nil {
		return nil, err
	}
	return tx.GetTraining(ctx, id)
}

// SignUp signs the caller's enterprise up for a session: confirmed while
// places are free, on the waitlist after. The enterprise must fit the
// session's audience (tier; listing plan; the attendee's role), unless an
// official invited it, which admits it whatever its tier. Enterprise
// accounts only: an enterprise signs itself up.
func (tx *Tx) SignUp(ctx context.Context, trainingID int64, s *programme.Signup) error {
	if err := tx.signUp(ctx, trainingID, s); err != nil {
		return fmt.Errorf("sqlstore: sign up for training %d: %w", trainingID, err)
	}
	return nil
}

func (tx *Tx) signUp(ctx context.Context, trainingID int64, s *programme.Signup) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleEnterprise || c.EnterpriseID == 0 {
		return apperr.Errorf(apperr.EFORBIDDEN, "培训报名须由企业账号办理")
	}
	if err := s.Validate(); err != nil {
		return err
	}
	t, err := tx.lockTraining(ctx, trainingID)
	if err != nil {
		return err
	}
	if t.Date.Before(tx.dateCST()) {
		return apperr.Errorf(apperr.EINVALID, "该期培训已于 %s 举办，报名已截止", t.Date)
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", c.EnterpriseID)
	if err != nil {
		return err
	}
	old, err := tx.signupOf(ctx, trainingID, ent.ID)
	if err != nil {
		return err
	}
	if old != nil && old.Status != programme.SignupCancelled {
		return apperr.Errorf(apperr.ECONFLICT, "贵企业已报名本期培训（%s）", programme.SignupStatusZH[old.Status])
	}
	invited, err := tx.invited(ctx, trainingID, ent.ID)
	if err != nil {
		return err
	}
	audience := t.Audience
	if invited {
		audience.Tiers, audience.ListingTiers = nil, nil // the official's invitation admits the enterprise
	}
	today := tx.dateCST()
	holds := func(tier string) bool { return cultivation.Holds(ent.Profile, tier, today) }
	if ok, why := audience.Admits(holds, s.ListingPlan, s.Role); !ok {
		return apperr.Errorf(apperr.EINVALID, "%s (audience: not admitted)", why)
	}
	// The conditional UPDATE takes a place only while one is free.
	res, err := tx.exec(ctx, `UPDATE trainings SET confirmed = confirmed + 1 WHERE id = $1 AND confirmed < capacity`, trainingID)
	if err != nil {
		return err
	}
	s.Status = programme.SignupWaitlisted
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 1 {
		s.Status = programme.SignupConfirmed
	}
	s.TrainingID, s.EnterpriseID, s.EnterpriseName, s.Region = trainingID, ent.ID, ent.Name, ent.Region
	s.CreatedAt, s.UpdatedAt = tx.now, tx.now
	if old == nil {
		s.Version = 1
		err = tx.queryRow(ctx, `INSERT INTO training_signups (training_id, enterprise_id, attendee, attendee_role, listing_plan,
			status, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id`,
			trainingID, ent.ID, s.Attendee, s.Role, s.ListingPlan, s.Status, ts(tx.now)).Scan(&s.ID)
	} else {
		// Signing up again after cancelling queues anew: created_at is
		// the waitlist's order.
		s.ID, s.Version = old.ID, old.Version+1
		_, err = tx.exec(ctx, `UPDATE training_signups SET attendee = $1, attendee_role = $2, listing_plan = $3, status = $4,
			version = $5, created_at = $6, updated_at = $6 WHERE id = $7`,
			s.Attendee, s.Role, s.ListingPlan, s.Status, s.Version, ts(tx.now), old.ID)
	}
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "贵企业已报名本期培训")
		}
		return err
	}
	if s.Status == programme.SignupWaitlisted {
		if err := tx.queryRow(ctx, `SELECT count(*) FROM training_signups WHERE training_id = $1 AND status = 'waitlisted'`,
			trainingID).Scan(&s.Position); err != nil {
			return err
		}
	}
	return tx.audit(ctx, c, auditRow{action: "training.signup", entity: "training_signup",
		entityID: strconv.FormatInt(s.ID, 10), region: ent.Region, after: s})
}

// signupOf returns an enterprise's sign-up for a session, or nil.
func (tx *Tx) signupOf(ctx context.Context, trainingID, enterpriseID int64) (*programme.Signup, error) {
	s, err := scanSignup(tx.queryRow(ctx, `SELECT `+signupColumns+signupFrom+
		` WHERE s.training_id = $1 AND s.enterprise_id = $2`, trainingID, enterpriseID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return s, err
}

func (tx *Tx) invited(ctx context.Context, trainingID, enterpriseID int64) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT count(*) FROM training_invitations WHERE training_id = $1 AND enterprise_id = $2`,
		trainingID, enterpriseID).Scan(&n)
	return n > 0, err
}

// CancelSignup cancels an enterprise's sign-up made from version: the
// enterprise its own, an official one in its district. A confirmed place
// that frees goes to the first on the waitlist. It returns the promoted
// sign-up, or nil.
func (tx *Tx) CancelSignup(ctx context.Context, trainingID, enterpriseID, version int64) (*programme.Signup, error) {
	promoted, err := tx.cancelSignup(ctx, trainingID, enterpriseID, version)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: cancel sign-up for training %d: %w", trainingID, err)
	}
	return promoted, nil
}

func (tx *Tx) cancelSignup(ctx context.Context, trainingID, enterpriseID, version int64) (*programme.Signup, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := tx.lockTraining(ctx, trainingID); err != nil {
		return nil, err
	}
	if _, err := tx.getEnterprise(ctx, c, "e.id", enterpriseID); err != nil {
		return nil, err // out of scope: not found
	}
	old, err := tx.signupOf(ctx, trainingID, enterpriseID)
	switch {
	case err != nil:
		return nil, err
	case old == nil || old.Status == programme.SignupCancelled:
		return nil, apperr.Errorf(apperr.ENOTFOUND, "没有可取消的报名")
	case old.Version != version:
		return nil, apperr.Errorf(apperr.ECONFLICT, "该报名已被修改，请刷新后重试")
	}
	if _, err := tx.exec(ctx, `UPDATE training_signups SET status = 'cancelled', version = version + 1, updated_at = $1
		WHERE id = $2`, ts(tx.now), old.ID); err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, c, auditRow{action: "training.cancel", entity: "training_signup",
		entityID: strconv.FormatInt(old.ID, 10), region: old.Region, before: old}); err != nil {
		return nil, err
	}
	if old.Status != programme.SignupConfirmed {
		return nil, nil
	}
	next, err := scanSignup(tx.queryRow(ctx, `SELECT `+signupColumns+signupFrom+
		` WHERE s.training_id = $1 AND s.status = 'waitlisted' ORDER BY s.created_at, s.id LIMIT 1`, trainingID))
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.exec(ctx, `UPDATE trainings SET confirmed = confirmed - 1 WHERE id = $1`, trainingID)
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	next.Status, next.Version, next.UpdatedAt = programme.SignupConfirmed, next.Version+1, tx.now
	if _, err := tx.exec(ctx, `UPDATE training_signups SET status = 'confirmed', version = $1, updated_at = $2 WHERE id = $3`,
		next.Version, ts(tx.now), next.ID); err != nil {
		return nil, err
	}
	return next, tx.audit(ctx, c, auditRow{action: "training.promote", entity: "training_signup",
		entityID: strconv.FormatInt(next.ID, 10), region: next.Region, after: next})
}

// EnterpriseSignups returns an enterprise's sign-ups (in the caller's
// scope), newest session first: its record's training section.
func (tx *Tx) EnterpriseSignups(ctx context.Context, enterpriseID int64) ([]*programme.Signup, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + signupColumns + signupFrom + ` WHERE s.enterprise_id = ` + a.add(enterpriseID) +
		and(bureauScope(c, &a)) + ` ORDER BY t.held_on DESC, t.id DESC`
	out, err := queryAll(ctx, tx, q, a, scanSignup)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: sign-ups of enterprise %d: %w", enterpriseID, err)
	}
	return out, nil
}

// ListSignups returns a session's sign-ups in the caller's scope (a
// district official sees its district's, an enterprise its own), confirmed
// first, each in the order of signing up.
func (tx *Tx) ListSignups(ctx context.Context, trainingID int64) ([]*programme.Signup, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + signupColumns + signupFrom + ` WHERE s.training_id = ` + a.add(trainingID) +
		and(bureauScope(c, &a)) + ` ORDER BY CASE s.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
		s.created_at, s.id`
	out, err := queryAll(ctx, tx, q, a, scanSignup)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: sign-ups of training %d: %w", trainingID, err)
	}
	return out, nil
}

// CheckIn records the caller's enterprise as present at a session, with
// the code shown at the door (or read from its QR code): on the session's
// day, for a confirmed sign-up. Checking in twice changes nothing.
func (tx *Tx) CheckIn(ctx context.Context, trainingID int64, code string) error {
	if err := tx.checkIn(ctx, trainingID, code); err != nil {
		return fmt.Errorf("sqlstore: check in at training %d: %w", trainingID, err)
	}
	return nil
}

func (tx *Tx) checkIn(ctx context.Context, trainingID int64, code string) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleEnterprise || c.EnterpriseID == 0 {
		return apperr.Errorf(apperr.EFORBIDDEN, "签到须由企业账号办理")
	}
	t, err := tx.GetTraining(ctx, trainingID)
	if err != nil {
		return err
	}
	switch {
	case subtle.ConstantTimeCompare([]byte(code), []byte(t.CheckinCode)) != 1:
		return apperr.Errorf(apperr.EINVALID, "签到码不正确 (code: does not match the session's)")
	case t.Date != tx.dateCST():
		return apperr.Errorf(apperr.EINVALID, "签到仅限培训当天（%s） (code: only on the session's day)", t.Date)
	}
	s, err := tx.signupOf(ctx, trainingID, c.EnterpriseID)
	if err != nil {
		return err
	}
	if s == nil || s.Status != programme.SignupConfirmed {
		return apperr.Errorf(apperr.EINVALID, "贵企业没有本期培训的有效报名，无法签到")
	}
	return tx.attend(ctx, c, s, "code")
}

// RecordAttendance records an enterprise with a confirmed sign-up as
// present, by an official of its district (one who came without a phone).
func (tx *Tx) RecordAttendance(ctx context.Context, trainingID, enterpriseID int64) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "登记培训出勤"); err != nil {
		return err
	}
	if _, err := tx.getEnterprise(ctx, c, "e.id", enterpriseID); err != nil {
		return err
	}
	s, err := tx.signupOf(ctx, trainingID, enterpriseID)
	if err != nil {
		return err
	}
	if s == nil || s.Status != programme.SignupConfirmed {
		return apperr.Errorf(apperr.EINVALID, "该企业没有本期培训的有效报名 (enterprise_id: no confirmed sign-up)")
	}
	return tx.attend(ctx, c, s, "official")
}

func (tx *Tx) attend(ctx context.Context, c auth.Caller, s *programme.Signup, method string) error {
	if !s.CheckedInAt.IsZero() {
		return nil
	}
	if _, err := tx.exec(ctx, `INSERT INTO training_attendance (training_id, enterprise_id, method, checked_in_at)
		VALUES ($1, $2, $3, $4)`, s.TrainingID, s.EnterpriseID, method, ts(tx.now)); err != nil {
		if violation(err) == violUnique {
			return nil // checked in meanwhile
		}
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "training.attend", entity: "training_signup",
		entityID: strconv.FormatInt(s.ID, 10), region: s.Region,
		after: map[string]any{"training_id": s.TrainingID, "enterprise_id": s.EnterpriseID, "method": method}})
}

// SignUp is Tx.SignUp in its own transaction.
func (s *Store) SignUp(ctx context.Context, trainingID int64, su *programme.Signup) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SignUp(ctx, trainingID, su) })
}

// CancelSignup is Tx.CancelSignup in its own transaction.
func (s *Store) CancelSignup(ctx context.Context, trainingID, enterpriseID, version int64) (p *programme.Signup, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { p, err = tx.CancelSignup(ctx, trainingID, enterpriseID, version); return err })
	return p, err
}

// ListSignups is Tx.ListSignups in a read transaction.
func (s *Store) ListSignups(ctx context.Context, trainingID int64) (out []*programme.Signup, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListSignups(ctx, trainingID); return err })
	return out, err
}

// EnterpriseSignups is Tx.EnterpriseSignups in a read transaction.
func (s *Store) EnterpriseSignups(ctx context.Context, enterpriseID int64) (out []*programme.Signup, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.EnterpriseSignups(ctx, enterpriseID); return err })
	return out, err
}

// CheckIn is Tx.CheckIn in its own transaction.
func (s *Store) CheckIn(ctx context.Context, trainingID int64, code string) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CheckIn(ctx, trainingID, code) })
}

// RecordAttendance is Tx.RecordAttendance in its own transaction.
func (s *Store) RecordAttendance(ctx context.Context, trainingID, enterpriseID int64) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.RecordAttendance(ctx, trainingID, enterpriseID) })
}
