package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
)

// DemandFilter selects demands; the caller's scope always applies.
type DemandFilter struct {
	EnterpriseID  int64
	Status        string
	Category      string
	Source        string
	Limit, Offset int
}

const demandColumns = `d.id, d.enterprise_id, e.name, d.text, d.category, d.urgency, d.region, d.source, d.gap_item,
	d.gap_tier, d.status, d.version, d.created_at, d.updated_at`

func scanDemand(row scanner) (*hub.Demand, error) {
	var d hub.Demand
	err := row.Scan(&d.ID, &d.EnterpriseID, &d.Enterprise, &d.Text, &d.Category, &d.Urgency, &d.Region, &d.Source,
		&d.GapItem, &d.GapTier, &d.Status, &d.Version, timeCol{&d.CreatedAt}, timeCol{&d.UpdatedAt})
	if g, ok := hub.Default().Gaps[d.GapItem]; ok {
		d.Gap = g.Gap
	}
	return &d, err
}

// demandScope limits demands (alias d, enterprise e) to those c reads. An
// institution reads the demands routed to it: those a product of its was
// proposed for, and the open demands of a category it offers (so it can
// propose one of its products: the hub routes a demand to the institutions
// that serve its category).
func demandScope(c auth.Caller, a *args) string {
	if c.Role != auth.RoleInstitution {
		return enterpriseScope(c, a)
	}
	if c.InstitutionID == 0 {
		return "FALSE"
	}
	id := a.add(c.InstitutionID)
	return "(EXISTS (SELECT 1 FROM matches dm WHERE dm.demand_id = d.id AND dm.institution_id = " + id + ")" +
		" OR (d.status = 'open' AND d.category IN (SELECT dp.category FROM products dp WHERE dp.institution_id = " + id +
		" AND dp.status = 'active')))"
}

// ListDemands returns a page of the demands of f in the caller's scope,
// newest first.
func (tx *Tx) ListDemands(ctx context.Context, f DemandFilter) (Page[*hub.Demand], error) {
	var out Page[*hub.Demand]
	c, err := callerFrom(ctx)
	if err != nil {
		return out, err
	}
	var a args
	conds := []string{demandScope(c, &a)}
	for _, x := range []struct {
		col string
		v   any
		set bool
	}{{"d.enterprise_id", f.EnterpriseID, f.EnterpriseID != 0}, {"d.status", f.Status, f.Status != ""},
		{"d.category", f.Category, f.Category != ""}, {"d.source", f.Source, f.Source != ""}} {
		if x.set {
			conds = append(conds, x.col+" = "+a.add(x.v))
		}
	}
	from := ` FROM demands d JOIN enterprises e ON e.id = d.enterprise_id` + where(conds...)
	if err := tx.queryRow(ctx, `SELECT count(*)`+from, a...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("sqlstore: list demands: %w", err)
	}
	q := `SELECT ` + demandColumns + from + ` ORDER BY d.created_at DESC, d.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	}
	if out.Items, err = queryAll(ctx, tx, q, a, scanDemand); err != nil {
		return out, fmt.Errorf("sqlstore: list demands: %w", err)
	}
	return out, nil
}

// GetDemand returns a demand in the caller's scope; any other is ENOTFOUND.
func (tx *Tx) GetDemand(ctx context.Context, id int64) (*hub.Demand, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + demandColumns + ` FROM demands d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.id = ` +
		a.add(id) + and(demandScope(c, &a))
	d, err := scanDemand(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: demand %d: %w", id, notFound(err, "需求不存在或无权查看"))
	}
	return d, nil
}

// CreateDemand posts a demand: an enterprise for itself, an official for an
// enterprise in scope (代为发布). Gap demands come from ProposeGapDemands.
func (tx *Tx) CreateDemand(ctx context.Context, d *hub.Demand) error {
	if err := tx.createDemand(ctx, d); err != nil {
		return fmt.Errorf("sqlstore: create demand: %w", err)
	}
	return nil
}

func (tx *Tx) createDemand(ctx context.Context, d *hub.Demand) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	switch c.Role {
	case auth.RoleEnterprise:
		d.Source = hub.SourceEnterprise
		if d.EnterpriseID == 0 {
			d.EnterpriseID = c.EnterpriseID
		}
	case auth.RoleCity, auth.RoleDistrict:
		d.Source = hub.SourceOfficial
	default:
		return apperr.Errorf(apperr.EFORBIDDEN, "只有企业本身或工信部门可以发布需求")
	}
	d.Status = hub.DemandOpen
	return tx.insertDemand(ctx, c, d)
}

// insertDemand validates d and stores it for an enterprise in c's scope;
// a gap demand already proposed is skipped (d.ID stays 0).
func (tx *Tx) insertDemand(ctx context.Context, c auth.Caller, d *hub.Demand) error {
	if err := d.Validate(); err != nil {
		return err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", d.EnterpriseID)
	if err != nil {
		return err
	}
	if d.Region == "" {
		d.Region = ent.Region
	}
	d.Enterprise, d.Version, d.CreatedAt, d.UpdatedAt = ent.Name, 1, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO demands (enterprise_id, text, category, urgency, region, source, gap_item, gap_tier,
		status, created_by, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)
		ON CONFLICT DO NOTHING RETURNING id`, d.EnterpriseID, d.Text, d.Category, d.Urgency, d.Region, d.Source, d.GapItem,
		d.GapTier, d.Status, nullInt64(c.UserID), ts(tx.now)).Scan(&d.ID)
	if errors.Is(err, sql.ErrNoRows) && d.Source == hub.SourceGap {
		d.ID = 0
		return nil
	}
	if err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "demand.create", entity: "demand", entityID: strconv.FormatInt(d.ID, 10),
		region: ent.Region, after: d})
}

// ProposeGapDemands proposes demands from the gap items of the enterprise's
// latest assessment of the lowest tier it has not passed (the next rung of
// its ladder), through the catalog's gap map, for the enterprise to confirm.
// Items already proposed (confirmed or declined) are not proposed again; it
// returns the new ones. The enterprise itself or an official in scope.
func (tx *Tx) ProposeGapDemands(ctx context.Context, enterpriseID int64) ([]*hub.Demand, error) {
	out, err := tx.proposeGapDemands(ctx, enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: propose gap demands %d: %w", enterpriseID, err)
	}
	return out, nil
}

func (tx *Tx) proposeGapDemands(ctx context.Context, enterpriseID int64) ([]*hub.Demand, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if c.Role != auth.RoleEnterprise && c.Role != auth.RoleCity && c.Role != auth.RoleDistrict {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "只有企业本身或工信部门可以从差距项生成需求")
	}
	proposals, err := tx.gapDemands(ctx, c, enterpriseID)
	if err != nil {
		return nil, err
	}
	out := []*hub.Demand{}
	for _, d := range proposals {
		if err := tx.insertDemand(ctx, c, d); err != nil {
			return nil, err
		}
		if d.ID != 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

// GapDemands are the demands the gap items of the enterprise's latest
// assessment call for, not stored: what ProposeGapDemands would propose,
// each with its gap in words. The gap report's matched services (匹配服务)
// rank products for them.
func (tx *Tx) GapDemands(ctx context.Context, enterpriseID int64) ([]*hub.Demand, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	out, err := tx.gapDemands(ctx, c, enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: gap demands %d: %w", enterpriseID, err)
	}
	for _, d := range out {
		d.Gap = hub.Default().Gaps[d.GapItem].Gap
	}
	return out, nil
}

// GapDemands is Tx.GapDemands in its own read transaction.
func (s *Store) GapDemands(ctx context.Context, enterpriseID int64) ([]*hub.Demand, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Demand, error) { return tx.GapDemands(ctx, enterpriseID) })
}

// gapDemands reads the enterprise, in c's scope, and its latest assessment.
func (tx *Tx) gapDemands(ctx context.Context, c auth.Caller, enterpriseID int64) ([]*hub.Demand, error) {
	ent, err := tx.getEnterprise(ctx, c, "e.id", enterpriseID)
	if err != nil {
		return nil, err
	}
	type latest struct {
		tier, status string
		result       []byte
	}
	rows, err := queryAll(ctx, tx, `SELECT tier, status, result FROM assessments WHERE enterprise_id = $1
		ORDER BY created_at DESC, id DESC`, args{enterpriseID}, func(row scanner) (latest, error) {
		var l latest
		var s string
		err := row.Scan(&l.tier, &l.status, &s)
		l.result = []byte(s)
		return l, err
	})
	if err != nil {
		return nil, err
	}
	// The lowest tier not passed whose gaps the map turns into services:
	// a tier failed only on conditions no service fixes (a title it needs
	// first) gives way to the next.
	var proposals []*hub.Demand
	for _, tier := range cultivation.Tiers {
		i := slices.IndexFunc(rows, func(l latest) bool { return l.tier == tier })
		if i < 0 || (rows[i].status != "fail" && rows[i].status != "review") {
			continue
		}
		items, err := hub.GapItems(tier, rows[i].result)
		if err != nil {
			return nil, err
		}
		if proposals = hub.Default().ProposeFromGaps(ent.ID, ent.Region, items); len(proposals) > 0 {
			break
		}
	}
	return proposals, nil
}

// DecideDemand is the enterprise's answer to a demand proposed from its gap:
// confirmed (it opens) or declined; made from version.
func (tx *Tx) DecideDemand(ctx context.Context, id, version int64, confirm bool) (*hub.Demand, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if c.Role != auth.RoleEnterprise {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "差距项推荐的需求由企业本身确认")
	}
	d, err := tx.GetDemand(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(version, d.Version, "需求"); err != nil {
		return nil, err
	}
	if d.Status != hub.DemandProposed {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该需求已确认或已处理 (status: %s, not proposed)", d.Status)
	}
	before := *d
	d.Status = hub.DemandDeclined
	if confirm {
		d.Status = hub.DemandOpen
	}
	if err := tx.setDemandStatus(ctx, d); err != nil {
		return nil, err
	}
	return d, tx.audit(ctx, c, auditRow{action: "demand.decide", entity: "demand", entityID: strconv.FormatInt(id, 10),
		region: d.Region, before: before, after: d})
}

// setDemandStatus writes d.Status over d.Version and steps the version.
func (tx *Tx) setDemandStatus(ctx context.Context, d *hub.Demand) error {
	res, err := tx.exec(ctx, `UPDATE demands SET status = $1, version = version + 1, updated_at = $2
		WHERE id = $3 AND version = $4`, d.Status, ts(tx.now), d.ID, d.Version)
	if err == nil {
		n, rerr := res.RowsAffected()
		err = rowsAffected1(n, rerr, "需求")
	}
	d.Version, d.UpdatedAt = d.Version+1, tx.now
	return err
}

// ListDemands is Tx.ListDemands in its own read transaction.
func (s *Store) ListDemands(ctx context.Context, f DemandFilter) (Page[*hub.Demand], error) {
	return read(s, ctx, func(tx *Tx) (Page[*hub.Demand], error) { return tx.ListDemands(ctx, f) })
}

// GetDemand is Tx.GetDemand in its own read transaction.
func (s *Store) GetDemand(ctx context.Context, id int64) (*hub.Demand, error) {
	return read(s, ctx, func(tx *Tx) (*hub.Demand, error) { return tx.GetDemand(ctx, id) })
}

// CreateDemand is Tx.CreateDemand in its own transaction.
func (s *Store) CreateDemand(ctx context.Context, d *hub.Demand) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateDemand(ctx, d) })
}

// ProposeGapDemands is Tx.ProposeGapDemands in its own transaction.
func (s *Store) ProposeGapDemands(ctx context.Context, enterpriseID int64) ([]*hub.Demand, error) {
	return write(s, ctx, func(tx *Tx) ([]*hub.Demand, error) { return tx.ProposeGapDemands(ctx, enterpriseID) })
}

// DecideDemand is Tx.DecideDemand in its own transaction.
func (s *Store) DecideDemand(ctx context.Context, id, version int64, confirm bool) (*hub.Demand, error) {
	return write(s, ctx, func(tx *Tx) (*hub.Demand, error) { return tx.DecideDemand(ctx, id, version, confirm) })
}
