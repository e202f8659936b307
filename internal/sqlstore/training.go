package sqlstore

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
)

// TrainingFilter selects training sessions.
type TrainingFilter struct {
	Year     int    // 0: every year
	Level    string // "": every level
	Upcoming bool   // only sessions from today on
	Limit    int    // 0: all
	Offset   int
}

// trainingColumns reads a session with its counts: confirmed sign-ups,
// the waitlist and attendance. The counts are the session's own facts (how
// full it is), the same for every reader; who signed up is scoped.
const trainingColumns = `t.id, t.level, t.title, t.topic, t.held_on, t.place, t.university, t.capacity, t.audience,
	t.checkin_code, t.version, t.created_at, t.updated_at, t.confirmed,
	(SELECT count(*) FROM training_signups s WHERE s.training_id = t.id AND s.status = 'waitlisted'),
	(SELECT count(*) FROM training_attendance a WHERE a.training_id = t.id)`

func scanTraining(row scanner) (*programme.Training, error) {
	var t programme.Training
	var audience string
	err := row.Scan(&t.ID, &t.Level, &t.Title, &t.Topic, dateCol{&t.Date}, &t.Place, &t.University, &t.Capacity, &audience,
		&t.CheckinCode, &t.Version, timeCol{&t.CreatedAt}, timeCol{&t.UpdatedAt}, &t.SignedUp, &t.Waitlisted, &t.Attended)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(audience), &t.Audience); err != nil {
		return nil, fmt.Errorf("training %d audience: %w", t.ID, err)
	}
	return &t, nil
}

// auditTraining is what the audit log keeps of a session (the check-in
// code stays out of the log: it is a door key).
func auditTraining(t *programme.Training) map[string]any {
	return map[string]any{"level": t.Level, "title": t.Title, "topic": t.Topic, "date": t.Date.String(),
		"place": t.Place, "university": t.University, "capacity": t.Capacity, "audience": t.Audience}
}

// CreateTraining schedules a session. The city runs the programme's
// trainings; the session gets a fresh six-digit check-in code.
func (tx *Tx) CreateTraining(ctx context.Context, t *programme.Training) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可安排培训")
	}
	if len(t.Audience.Tiers)+len(t.Audience.ListingTiers)+len(t.Audience.Roles) == 0 {
		t.Audience = programme.DefaultAudience(t.Level)
	}
	if err := t.Validate(); err != nil {
		return err
	}
	if t.CheckinCode, err = checkinCode(); err != nil {
		return err
	}
	t.Version, t.CreatedAt, t.UpdatedAt = 1, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO trainings (level, title, topic, held_on, place, university, capacity, audience,
		checkin_code, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id`,
		t.Level, t.Title, t.Topic, t.Date.String(), t.Place, t.University, t.Capacity, t.AudienceJSON(), t.CheckinCode,
		ts(tx.now)).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create training: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "training.create", entity: "training",
		entityID: strconv.FormatInt(t.ID, 10), after: auditTraining(t)})
}

// checkinCode is a random six-digit code: guessing it at the door is one
// chance in a million.
func checkinCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("sqlstore: check-in code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// ListTrainings returns the sessions of f by date, newest first, and how
// many match. Every account may read the programme's sessions.
func (tx *Tx) ListTrainings(ctx context.Context, f TrainingFilter) ([]*programme.Training, int, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, 0, err
	}
	var a args
	var conds []string
	if f.Year != 0 {
		conds = append(conds, "t.held_on >= "+a.add(fmt.Sprintf("%04d-01-01", f.Year)),
			"t.held_on <= "+a.add(fmt.Sprintf("%04d-12-31", f.Year)))
	}
	if f.Level != "" {
		conds = append(conds, "t.level = "+a.add(f.Level))
	}
	if f.Upcoming {
		conds = append(conds, "t.held_on >= "+a.add(tx.dateCST().String()))
	}
	from := ` FROM trainings t` + where(conds...)
	var total int
	if err := tx.queryRow(ctx, `SELECT count(*)`+from, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count trainings: %w", err)
	}
	order := ` ORDER BY t.held_on DESC, t.id DESC`
	if f.Upcoming {
		order = ` ORDER BY t.held_on, t.id`
	}
	q := `SELECT ` + trainingColumns + from + order
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	}
	out, err := queryAll(ctx, tx, q, a, scanTraining)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list trainings: %w", err)
	}
	return out, total, nil
}

// GetTraining returns a session.
func (tx *Tx) GetTraining(ctx context.Context, id int64) (*programme.Training, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	t, err := scanTraining(tx.queryRow(ctx, `SELECT `+trainingColumns+` FROM trainings t WHERE t.id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: training %d: %w", id, notFound(err, "培训不存在"))
	}
	return t, nil
}

// dateCST is the transaction's date in China.
func (tx *Tx) dateCST() profile.Date {
	y, m, d := tx.now.In(cst).Date()
	return profile.Date{Y: y, M: m, D: d}
}

// Store wrappers: each operation in its own transaction.

// CreateTraining is Tx.CreateTraining in its own transaction.
func (s *Store) CreateTraining(ctx context.Context, t *programme.Training) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateTraining(ctx, t) })
}

// ListTrainings is Tx.ListTrainings in a read transaction.
func (s *Store) ListTrainings(ctx context.Context, f TrainingFilter) (out []*programme.Training, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, total, err = tx.ListTrainings(ctx, f); return err })
	return out, total, err
}

// GetTraining is Tx.GetTraining in a read transaction.
func (s *Store) GetTraining(ctx context.Context, id int64) (t *programme.Training, err error) {
	err = s.view(ctx, func(tx *Tx) error { t, err = tx.GetTraining(ctx, id); return err })
	return t, err
}
