package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
)

// matchmakingScope limits meetings (alias m) to those c may see: the city
// all, a district its own and the city's, an enterprise or bank those it was
// invited to.
func matchmakingScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		return "(m.region = '' OR m.region = " + a.add(c.Region) + ")"
	case auth.RoleEnterprise:
		return "EXISTS (SELECT 1 FROM matchmaking_invitees v WHERE v.matchmaking_id = m.id AND v.enterprise_id = " + a.add(c.EnterpriseID) + ")"
	case auth.RoleBank:
		return "EXISTS (SELECT 1 FROM matchmaking_invitees v WHERE v.matchmaking_id = m.id AND v.bank_id = " + a.add(c.InstitutionID) + ")"
	}
	return "FALSE"
}

// CreateMatchmaking plans a 政银企对接会 and invites enterprises (in the
// official's scope) and partner banks. A district official's meeting is its
// district's.
func (tx *Tx) CreateMatchmaking(ctx context.Context, m *finance.Matchmaking, enterpriseIDs, bankIDs []int64) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "组织政银企对接会"); err != nil {
		return err
	}
	if err := m.Check(); err != nil {
		return err
	}
	if c.Role == auth.RoleDistrict {
		m.Region = c.Region
	}
	m.Status, m.CreatedAt, m.Version = "planned", tx.now, 1
	err = tx.queryRow(ctx, `INSERT INTO matchmakings (title, held_on, venue, region, status, created_by, created_at,
		updated_at, version) VALUES ($1, $2, $3, $4, 'planned', $5, $6, $6, 1) RETURNING id`,
		m.Title, m.HeldOn, m.Venue, m.Region, c.UserID, ts(tx.now)).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create matchmaking: %w", err)
	}
	for _, id := range enterpriseIDs {
		_, name, _, err := tx.enterpriseInScope(ctx, c, id)
		if err != nil {
			return apperr.Errorf(apperr.EINVALID, "enterprise_ids：企业 %d 不存在或不在本辖区", id)
		}
		if err := tx.invite(ctx, m, &finance.Invitee{EnterpriseID: id, Name: name}); err != nil {
			return err
		}
	}
	for _, id := range bankIDs {
		name, err := tx.partnerBank(ctx, id)
		if err != nil {
			return apperr.Errorf(apperr.EINVALID, "bank_ids：合作银行 %d 不存在", id)
		}
		if err := tx.invite(ctx, m, &finance.Invitee{BankID: id, Name: name}); err != nil {
			return err
		}
	}
	return tx.audit(ctx, c, auditRow{action: "matchmaking.create", entity: "matchmaking", entityID: idText(m.ID),
		region: m.Region, after: m})
}

func (tx *Tx) invite(ctx context.Context, m *finance.Matchmaking, v *finance.Invitee) error {
	err := tx.queryRow(ctx, `INSERT INTO matchmaking_invitees (matchmaking_id, enterprise_id, bank_id) VALUES ($1, $2, $3)
		RETURNING id`, m.ID, nullInt64(v.EnterpriseID), nullInt64(v.BankID)).Scan(&v.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.EINVALID, "邀请名单重复："+v.Name)
		}
		return fmt.Errorf("sqlstore: invite: %w", err)
	}
	m.Invitees = append(m.Invitees, v)
	return nil
}

// RecordMatchmaking records that a meeting read at version was held: who
// attended (invitee ids) and its outcome.
func (tx *Tx) RecordMatchmaking(ctx context.Context, id, version int64, attended []int64, outcome string) (*finance.Matchmaking, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "登记对接会结果"); err != nil {
		return nil, err
	}
	before, err := tx.GetMatchmaking(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Role == auth.RoleDistrict && before.Region != c.Region {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "市级对接会由市工信局登记结果")
	}
	res, err := tx.exec(ctx, `UPDATE matchmakings SET status = 'held', outcome = $1, updated_at = $2, version = version + 1
		WHERE id = $3 AND version = $4`, outcome, ts(tx.now), id, version)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: record matchmaking: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, errStaleRecord()
	}
	var a args
	set := "FALSE"
	if len(attended) > 0 {
		set = "id IN (" + inList(&a, attended) + ")"
	}
	if _, err := tx.exec(ctx, `UPDATE matchmaking_invitees SET attended = `+set+` WHERE matchmaking_id = `+a.add(id), a...); err != nil {
		return nil, err
	}
	after, err := tx.GetMatchmaking(ctx, id)
	if err != nil {
		return nil, err
	}
	return after, tx.audit(ctx, c, auditRow{action: "matchmaking.record", entity: "matchmaking", entityID: idText(id),
		region: after.Region, before: before, after: after})
}

const matchmakingColumns = `m.id, m.title, m.held_on, m.venue, m.region, m.status, m.outcome, m.created_at, m.version,
	(SELECT COUNT(*) FROM finance_demands d WHERE d.matchmaking_id = m.id),
	(SELECT COUNT(*) FROM credit_lines l WHERE l.matchmaking_id = m.id),
	COALESCE((SELECT SUM(l.amount_fen) FROM credit_lines l WHERE l.matchmaking_id = m.id), 0)`

func scanMatchmaking(row scanner) (*finance.Matchmaking, error) {
	var m finance.Matchmaking
	err := row.Scan(&m.ID, &m.Title, &m.HeldOn, &m.Venue, &m.Region, &m.Status, &m.Outcome, timeCol{&m.CreatedAt},
		&m.Version, &m.Demands, &m.Lines, &m.LinesFen)
	return &m, err
}

// GetMatchmaking returns a meeting with its invitees.
func (tx *Tx) GetMatchmaking(ctx context.Context, id int64) (*finance.Matchmaking, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	m, err := scanMatchmaking(tx.queryRow(ctx, `SELECT `+matchmakingColumns+` FROM matchmakings m WHERE m.id = `+
		a.add(id)+and(matchmakingScope(c, &a)), a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: matchmaking %d: %w", id, notFound(err, "对接会不存在"))
	}
	// Invited enterprises are listed within the enterprise scope too: a bank
	// sees those that consented to it, an enterprise only itself.
	var b args
	visible := ""
	if sc := enterpriseScope(c, &b); sc != "" {
		visible = " AND (v.enterprise_id IS NULL OR EXISTS (SELECT 1 FROM enterprises e WHERE e.id = v.enterprise_id AND " + sc + "))"
	}
	rows, err := tx.query(ctx, `SELECT v.id, COALESCE(v.enterprise_id, 0), COALESCE(v.bank_id, 0),
		COALESCE(e.name, i.name), v.attended FROM matchmaking_invitees v
		LEFT JOIN enterprises e ON e.id = v.enterprise_id LEFT JOIN institutions i ON i.id = v.bank_id
		WHERE v.matchmaking_id = `+b.add(id)+visible+` ORDER BY v.bank_id IS NULL, v.id`, b...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v finance.Invitee
		if err := rows.Scan(&v.ID, &v.EnterpriseID, &v.BankID, &v.Name, &v.Attended); err != nil {
			return nil, err
		}
		m.Invitees = append(m.Invitees, &v)
	}
	return m, rows.Err()
}

// ListMatchmakings lists the meetings in the caller's scope, latest first.
func (tx *Tx) ListMatchmakings(ctx context.Context) ([]*finance.Matchmaking, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	rows, err := tx.query(ctx, `SELECT `+matchmakingColumns+` FROM matchmakings m`+where(matchmakingScope(c, &a))+
		` ORDER BY m.held_on DESC, m.id DESC LIMIT 200`, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list matchmakings: %w", err)
	}
	defer rows.Close()
	var out []*finance.Matchmaking
	for rows.Next() {
		m, err := scanMatchmaking(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreateMatchmaking is Tx.CreateMatchmaking in its own transaction.
func (s *Store) CreateMatchmaking(ctx context.Context, m *finance.Matchmaking, enterpriseIDs, bankIDs []int64) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateMatchmaking(ctx, m, enterpriseIDs, bankIDs) })
}

// RecordMatchmaking is Tx.RecordMatchmaking in its own transaction.
func (s *Store) RecordMatchmaking(ctx context.Context, id, version int64, attended []int64, outcome string) (m *finance.Matchmaking, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { m, err = tx.RecordMatchmaking(ctx, id, version, attended, outcome); return err })
	return m, err
}

// GetMatchmaking is Tx.GetMatchmaking in a read transaction.
func (s *Store) GetMatchmaking(ctx context.Context, id int64) (m *finance.Matchmaking, err error) {
	err = s.view(ctx, func(tx *Tx) error { m, err = tx.GetMatchmaking(ctx, id); return err })
	return m, err
}

// ListMatchmakings is Tx.ListMatchmakings in a read transaction.
func (s *Store) ListMatchmakings(ctx context.Context) (out []*finance.Matchmaking, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListMatchmakings(ctx); return err })
	return out, err
}
