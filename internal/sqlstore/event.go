package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/programme"
)

const eventColumns = `v.id, v.kind, v.title, v.held_on, v.place, v.organizer, v.version, v.created_at, v.updated_at,
	(SELECT count(*) FROM event_participants p WHERE p.event_id = v.id),
	(SELECT count(*) FROM event_participants p WHERE p.event_id = v.id AND p.attended)`

func scanEvent(row scanner) (*programme.Event, error) {
	var v programme.Event
	return &v, row.Scan(&v.ID, &v.Kind, &v.Title, dateCol{&v.Date}, &v.Place, &v.Organizer, &v.Version,
		timeCol{&v.CreatedAt}, timeCol{&v.UpdatedAt}, &v.Participants, &v.Attended)
}

// CreateEvent records an expo or event the city takes part in or holds.
func (tx *Tx) CreateEvent(ctx context.Context, v *programme.Event) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可登记展会和活动")
	}
	if err := v.Validate(); err != nil {
		return err
	}
	v.Version, v.CreatedAt, v.UpdatedAt = 1, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO events (kind, title, held_on, place, organizer, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id`, v.Kind, v.Title, v.Date.String(), v.Place, v.Organizer,
		ts(tx.now)).Scan(&v.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create event: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "event.create", entity: "event", entityID: strconv.FormatInt(v.ID, 10), after: v})
}

// ListEvents returns the events, newest first.
func (tx *Tx) ListEvents(ctx context.Context) ([]*programme.Event, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, tx, `SELECT `+eventColumns+` FROM events v ORDER BY v.held_on DESC, v.id DESC`, nil, scanEvent)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list events: %w", err)
	}
	return out, nil
}

// GetEvent returns an event.
func (tx *Tx) GetEvent(ctx context.Context, id int64) (*programme.Event, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	v, err := scanEvent(tx.queryRow(ctx, `SELECT `+eventColumns+` FROM events v WHERE v.id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: event %d: %w", id, notFound(err, "活动不存在"))
	}
	return v, nil
}

const participantColumns = `p.id, p.event_id, p.enterprise_id, p.role, p.attended, p.deals, p.outcome, p.version,
	p.created_at, p.updated_at, e.name, e.region, v.title, v.kind, v.held_on`

const participantFrom = ` FROM event_participants p JOIN enterprises e ON e.id = p.enterprise_id
	JOIN events v ON v.id = p.event_id`

func scanParticipant(row scanner) (*programme.Participant, error) {
	var p programme.Participant
	return &p, row.Scan(&p.ID, &p.EventID, &p.EnterpriseID, &p.Role, &p.Attended, &p.Deals, &p.Outcome, &p.Version,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}, &p.EnterpriseName, &p.Region, &p.EventTitle, &p.EventKind,
		dateCol{&p.EventDate})
}

// ParticipantFilter selects event participants.
type ParticipantFilter struct {
	EventID      int64
	EnterpriseID int64
}

// ListParticipants returns the participants of f in the caller's scope.
func (tx *Tx) ListParticipants(ctx context.Context, f ParticipantFilter) ([]*programme.Participant, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	conds := []string{bureauScope(c, &a)}
	if f.EventID != 0 {
		conds = append(conds, "p.event_id = "+a.add(f.EventID))
	}
	if f.EnterpriseID != 0 {
		conds = append(conds, "p.enterprise_id = "+a.add(f.EnterpriseID))
	}
	q := `SELECT ` + participantColumns + participantFrom + where(conds...) + ` ORDER BY v.held_on DESC, e.region, e.name`
	out, err := queryAll(ctx, tx, q, a, scanParticipant)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list event participants: %w", err)
	}
	return out, nil
}

// AddParticipant records an enterprise of the caller's scope at an event,
// as exhibitor or invitee. Officials.
func (tx *Tx) AddParticipant(ctx context.Context, p *programme.Participant) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "登记参展企业"); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	v, err := tx.GetEvent(ctx, p.EventID)
	if err != nil {
		return err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", p.EnterpriseID)
	if err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	p.EnterpriseName, p.Region, p.EventTitle, p.EventKind, p.EventDate = ent.Name, ent.Region, v.Title, v.Kind, v.Date
	err = tx.queryRow(ctx, `INSERT INTO event_participants (event_id, enterprise_id, role, attended, deals, outcome, version,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id`,
		p.EventID, p.EnterpriseID, p.Role, p.Attended, p.Deals, p.Outcome, ts(tx.now)).Scan(&p.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "该企业已登记参加本次活动 (enterprise_id: already registered)")
		}
		return fmt.Errorf("sqlstore: add participant: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "event.participant", entity: "event_participant",
		entityID: strconv.FormatInt(p.ID, 10), region: ent.Region, after: p})
}

// UpdateParticipant records attendance and outcome of a participant made
// from p.Version, by an official of its district.
func (tx *Tx) UpdateParticipant(ctx context.Context, p *programme.Participant) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "登记活动成效"); err != nil {
		return err
	}
	var a args
	old, err := scanParticipant(tx.queryRow(ctx, `SELECT `+participantColumns+participantFrom+` WHERE p.id = `+a.add(p.ID)+
		and(bureauScope(c, &a)), a...))
	if err != nil {
		return fmt.Errorf("sqlstore: participant %d: %w", p.ID, notFound(err, "参展记录不存在或无权查看"))
	}
	if old.Version != p.Version {
		return apperr.Errorf(apperr.ECONFLICT, "该参展记录已被他人修改，请刷新后重试")
	}
	n := *old
	n.Role, n.Attended, n.Deals, n.Outcome = p.Role, p.Attended, p.Deals, p.Outcome
	if err := n.Validate(); err != nil {
		return err
	}
	n.Version, n.UpdatedAt = old.Version+1, tx.now
	res, err := tx.exec(ctx, `UPDATE event_participants SET role = $1, attended = $2, deals = $3, outcome = $4, version = $5,
		updated_at = $6 WHERE id = $7 AND version = $8`, n.Role, n.Attended, n.Deals, n.Outcome, n.Version, ts(tx.now), n.ID, old.Version)
	if err != nil {
		return err
	}
	if k, err := res.RowsAffected(); err != nil {
		return err
	} else if k != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "该参展记录已被他人修改，请刷新后重试")
	}
	*p = n
	return tx.audit(ctx, c, auditRow{action: "event.outcome", entity: "event_participant",
		entityID: strconv.FormatInt(p.ID, 10), region: p.Region, before: old, after: p})
}

// CreateEvent is Tx.CreateEvent in its own transaction.
func (s *Store) CreateEvent(ctx context.Context, v *programme.Event) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateEvent(ctx, v) })
}

// ListEvents is Tx.ListEvents in a read transaction.
func (s *Store) ListEvents(ctx context.Context) (out []*programme.Event, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListEvents(ctx); return err })
	return out, err
}

// GetEvent is Tx.GetEvent in a read transaction.
func (s *Store) GetEvent(ctx context.Context, id int64) (v *programme.Event, err error) {
	err = s.view(ctx, func(tx *Tx) error { v, err = tx.GetEvent(ctx, id); return err })
	return v, err
}

// ListParticipants is Tx.ListParticipants in a read transaction.
func (s *Store) ListParticipants(ctx context.Context, f ParticipantFilter) (out []*programme.Participant, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListParticipants(ctx, f); return err })
	return out, err
}

// AddParticipant is Tx.AddParticipant in its own transaction.
func (s *Store) AddParticipant(ctx context.Context, p *programme.Participant) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.AddParticipant(ctx, p) })
}

// UpdateParticipant is Tx.UpdateParticipant in its own transaction.
func (s *Store) UpdateParticipant(ctx context.Context, p *programme.Participant) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.UpdateParticipant(ctx, p) })
}
