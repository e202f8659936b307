package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/hub"
)

// MatchFilter selects matches; the caller's scope always applies.
type MatchFilter struct {
	DemandID      int64
	EnterpriseID  int64
	InstitutionID int64
	Stage         string
	Limit, Offset int
}

const matchColumns = `m.id, m.demand_id, m.product_id, p.name, p.category, m.institution_id, i.name, m.enterprise_id, e.name,
	m.stage, m.proposed_role, m.note, m.contacted_at, m.signed_at, m.delivered_at, m.rated_at, COALESCE(r.score, 0),
	m.version, m.created_at, m.updated_at`

const matchFrom = ` FROM matches m JOIN products p ON p.id = m.product_id JOIN institutions i ON i.id = m.institution_id
	JOIN enterprises e ON e.id = m.enterprise_id LEFT JOIN ratings r ON r.match_id = m.id`

func scanMatch(row scanner) (*hub.Match, error) {
	var m hub.Match
	var at [4]time.Time
	err := row.Scan(&m.ID, &m.DemandID, &m.ProductID, &m.Product, &m.Category, &m.InstitutionID, &m.Institution,
		&m.EnterpriseID, &m.Enterprise, &m.Stage, &m.ProposedRole, &m.Note, timeCol{&at[0]}, timeCol{&at[1]},
		timeCol{&at[2]}, timeCol{&at[3]}, &m.Score, &m.Version, timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt})
	m.ContactedAt, m.SignedAt, m.DeliveredAt, m.RatedAt = nullableTime(at[0]), nullableTime(at[1]), nullableTime(at[2]), nullableTime(at[3])
	return &m, err
}

// matchScope limits matches (alias m, enterprise e): an institution its
// own, everyone else the enterprises in scope.
func matchScope(c auth.Caller, a *args) string {
	if c.Role == auth.RoleInstitution {
		return "m.institution_id = " + a.add(c.InstitutionID)
	}
	return enterpriseScope(c, a)
}

// ListMatches returns a page of the matches of f in the caller's scope,
// newest first.
func (tx *Tx) ListMatches(ctx context.Context, f MatchFilter) (Page[*hub.Match], error) {
	var out Page[*hub.Match]
	c, err := callerFrom(ctx)
	if err != nil {
		return out, err
	}
	var a args
	conds := []string{matchScope(c, &a)}
	for _, x := range []struct {
		col string
		v   any
		set bool
	}{{"m.demand_id", f.DemandID, f.DemandID != 0}, {"m.enterprise_id", f.EnterpriseID, f.EnterpriseID != 0},
		{"m.institution_id", f.InstitutionID, f.InstitutionID != 0}, {"m.stage", f.Stage, f.Stage != ""}} {
		if x.set {
			conds = append(conds, x.col+" = "+a.add(x.v))
		}
	}
	from := matchFrom + where(conds...)
	if err := tx.queryRow(ctx, `SELECT count(*)`+from, a...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("sqlstore: list matches: %w", err)
	}
	q := `SELECT ` + matchColumns + from + ` ORDER BY m.created_at DESC, m.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	}
	if out.Items, err = queryAll(ctx, tx, q, a, scanMatch); err != nil {
		return out, fmt.Errorf("sqlstore: list matches: %w", err)
	}
	return out, nil
}

// GetMatch returns a match in the caller's scope; any other is ENOTFOUND.
func (tx *Tx) GetMatch(ctx context.Context, id int64) (*hub.Match, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + matchColumns + matchFrom + ` WHERE m.id = ` + a.add(id) + and(matchScope(c, &a))
	m, err := scanMatch(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: match %d: %w", id, notFound(err, "对接记录不存在或无权查看"))
	}
	return m, nil
}

// ProposeMatch proposes a product for an open demand (推荐): an official for
// a demand in scope, an institution one of its own products for a demand
// routed to it, an enterprise a product it chose for its own demand.
func (tx *Tx) ProposeMatch(ctx context.Context, demandID, productID int64, note string) (*hub.Match, error) {
	m, err := tx.proposeMatch(ctx, demandID, productID, note)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: propose match: %w", err)
	}
	return m, nil
}

func (tx *Tx) proposeMatch(ctx context.Context, demandID, productID int64, note string) (*hub.Match, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if c.Role == auth.RoleBank {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "金融机构账号不参与服务对接")
	}
	d, err := tx.GetDemand(ctx, demandID)
	if err != nil {
		return nil, err
	}
	if d.Status != hub.DemandOpen {
		return nil, apperr.Errorf(apperr.ECONFLICT, "只能为对接中的需求推荐服务产品（需求状态：%s）", hub.DemandStatusZH[d.Status])
	}
	p, err := tx.GetProduct(ctx, productID)
	if err != nil {
		return nil, err
	}
	if p.Status != hub.ProductActive {
		return nil, apperr.Errorf(apperr.EINVALID, "该服务产品已下架 (product_id: withdrawn)")
	}
	var id int64
	err = tx.queryRow(ctx, `INSERT INTO matches (demand_id, product_id, institution_id, enterprise_id, proposed_by,
		proposed_role, note, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id`,
		d.ID, p.ID, p.InstitutionID, d.EnterpriseID, nullInt64(c.UserID), string(c.Role), note, ts(tx.now)).Scan(&id)
	if err != nil {
		if violation(err) == violUnique {
			return nil, apperr.Wrap(err, apperr.ECONFLICT, "该服务产品已推荐给这条需求")
		}
		return nil, err
	}
	m := &hub.Match{ID: id, DemandID: d.ID, ProductID: p.ID, Product: p.Name, Category: p.Category,
		InstitutionID: p.InstitutionID, Institution: p.Institution, EnterpriseID: d.EnterpriseID, Enterprise: d.Enterprise,
		Stage: hub.StageRecommended, ProposedRole: string(c.Role), Note: note, Version: 1, CreatedAt: tx.now, UpdatedAt: tx.now}
	return m, tx.audit(ctx, c, auditRow{action: "match.create", entity: "match", entityID: strconv.FormatInt(id, 10),
		region: d.Region, after: m})
}

// AdvanceMatch moves a match one stage on (hub.Advance says who does which
// step), made from version. Delivery and rating have their own methods,
// which carry their records.
func (tx *Tx) AdvanceMatch(ctx context.Context, id, version int64, stage string) (*hub.Match, error) {
	if stage == hub.StageDelivered || stage == hub.StageRated {
		return nil, apperr.Errorf(apperr.EINVALID, "交付与评价须分别提交交付记录与评分 (stage: use the delivery or rating endpoint)")
	}
	return tx.advanceMatch(ctx, id, version, stage, nil)
}

// advanceMatch checks and writes the step, then lets record add the
// step's own row in the same transaction.
func (tx *Tx) advanceMatch(ctx context.Context, id, version int64, stage string, record func(c auth.Caller, m *hub.Match) error) (*hub.Match, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	m, err := tx.GetMatch(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(version, m.Version, "对接记录"); err != nil {
		return nil, err
	}
	if err := hub.Advance(m.Stage, stage, string(c.Role)); err != nil {
		return nil, err
	}
	before := *m
	col := map[string]string{hub.StageContacted: "contacted_at", hub.StageSigned: "signed_at",
		hub.StageDelivered: "delivered_at", hub.StageRated: "rated_at"}[stage]
	res, err := tx.exec(ctx, `UPDATE matches SET stage = $1, `+col+` = $2, version = version + 1, updated_at = $2
		WHERE id = $3 AND version = $4`, stage, ts(tx.now), id, version)
	if err == nil {
		n, rerr := res.RowsAffected()
		err = rowsAffected1(n, rerr, "对接记录")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: advance match %d: %w", id, err)
	}
	now := tx.now
	m.Stage, m.Version, m.UpdatedAt = stage, m.Version+1, now
	*map[string]**time.Time{hub.StageContacted: &m.ContactedAt, hub.StageSigned: &m.SignedAt,
		hub.StageDelivered: &m.DeliveredAt, hub.StageRated: &m.RatedAt}[stage] = &now
	if record != nil {
		if err := record(c, m); err != nil {
			return nil, err
		}
	}
	return m, tx.audit(ctx, c, auditRow{action: "match." + stage, entity: "match", entityID: strconv.FormatInt(id, 10),
		before: before, after: m})
}

// DeliverMatch records the delivery of a signed match with its evidence
// (已交付): the institution.
func (tx *Tx) DeliverMatch(ctx context.Context, id, version int64, d *hub.Delivery) (*hub.Match, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return tx.advanceMatch(ctx, id, version, hub.StageDelivered, func(c auth.Caller, m *hub.Match) error {
		d.MatchID, d.CreatedAt = m.ID, tx.now
		return tx.queryRow(ctx, `INSERT INTO deliveries (match_id, summary, evidence, delivered_on, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, m.ID, d.Summary, d.Evidence, d.DeliveredOn, nullInt64(c.UserID),
			ts(tx.now)).Scan(&d.ID)
	})
}

// RateMatch records the enterprise's rating of a delivered match (已评价);
// the demand is then done.
func (tx *Tx) RateMatch(ctx context.Context, id, version int64, r *hub.Rating) (*hub.Match, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return tx.advanceMatch(ctx, id, version, hub.StageRated, func(c auth.Caller, m *hub.Match) error {
		r.MatchID, m.Score = m.ID, r.Score
		if _, err := tx.exec(ctx, `INSERT INTO ratings (match_id, score, comment, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5)`, m.ID, r.Score, r.Comment, nullInt64(c.UserID), ts(tx.now)); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE demands SET status = 'closed', version = version + 1, updated_at = $1
			WHERE id = $2 AND status = 'open'`, ts(tx.now), m.DemandID)
		return err
	})
}

// Deliveries lists the delivery records of a match in the caller's scope.
func (tx *Tx) Deliveries(ctx context.Context, matchID int64) ([]*hub.Delivery, error) {
	if _, err := tx.GetMatch(ctx, matchID); err != nil {
		return nil, err
	}
	return queryAll(ctx, tx, `SELECT id, match_id, summary, evidence, delivered_on, created_at FROM deliveries
		WHERE match_id = $1 ORDER BY id`, args{matchID}, func(row scanner) (*hub.Delivery, error) {
		var d hub.Delivery
		return &d, row.Scan(&d.ID, &d.MatchID, &d.Summary, &d.Evidence, &d.DeliveredOn, timeCol{&d.CreatedAt})
	})
}

// ListMatches is Tx.ListMatches in its own read transaction.
func (s *Store) ListMatches(ctx context.Context, f MatchFilter) (Page[*hub.Match], error) {
	return read(s, ctx, func(tx *Tx) (Page[*hub.Match], error) { return tx.ListMatches(ctx, f) })
}

// GetMatch is Tx.GetMatch in its own read transaction.
func (s *Store) GetMatch(ctx context.Context, id int64) (*hub.Match, error) {
	return read(s, ctx, func(tx *Tx) (*hub.Match, error) { return tx.GetMatch(ctx, id) })
}

// Deliveries is Tx.Deliveries in its own read transaction.
func (s *Store) Deliveries(ctx context.Context, matchID int64) ([]*hub.Delivery, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Delivery, error) { return tx.Deliveries(ctx, matchID) })
}

// ProposeMatch is Tx.ProposeMatch in its own transaction.
func (s *Store) ProposeMatch(ctx context.Context, demandID, productID int64, note string) (*hub.Match, error) {
	return write(s, ctx, func(tx *Tx) (*hub.Match, error) { return tx.ProposeMatch(ctx, demandID, productID, note) })
}

// AdvanceMatch is Tx.AdvanceMatch in its own transaction.
func (s *Store) AdvanceMatch(ctx context.Context, id, version int64, stage string) (*hub.Match, error) {
	return write(s, ctx, func(tx *Tx) (*hub.Match, error) { return tx.AdvanceMatch(ctx, id, version, stage) })
}

// DeliverMatch is Tx.DeliverMatch in its own transaction.
func (s *Store) DeliverMatch(ctx context.Context, id, version int64, d *hub.Delivery) (*hub.Match, error) {
	return write(s, ctx, func(tx *Tx) (*hub.Match, error) { return tx.DeliverMatch(ctx, id, version, d) })
}

// RateMatch is Tx.RateMatch in its own transaction.
func (s *Store) RateMatch(ctx context.Context, id, version int64, r *hub.Rating) (*hub.Match, error) {
	return write(s, ctx, func(tx *Tx) (*hub.Match, error) { return tx.RateMatch(ctx, id, version, r) })
}
