package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/carrier"
	"zjtx/internal/enterprise"
)

// regionScope limits region-bound records (carriers, parks, clusters; col
// names their region column) to those c may read: the city every one, a
// district official those in its district, anyone else none.
func regionScope(c auth.Caller, col string, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		if c.Region != "" {
			return col + " = " + a.add(c.Region)
		}
	}
	return "FALSE"
}

// requireCityRecord lets only the city register a carrier, park or cluster:
// they are recognised by the city or above, not by a district.
func requireCityRecord(c auth.Caller, what string) error {
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可登记%s", what)
	}
	return nil
}

const carrierColumns = `k.id, k.name, k.kind, k.level, k.operator, k.region, k.area_sqm, k.recognized_on, k.doc_no,
	(SELECT count(*) FROM carrier_tenants t WHERE t.carrier_id = k.id), k.version, k.created_at, k.updated_at`

func scanCarrier(row scanner) (*carrier.Carrier, error) {
	var k carrier.Carrier
	err := row.Scan(&k.ID, &k.Name, &k.Kind, &k.Level, &k.Operator, &k.Region, &k.AreaSqm, dateCol{&k.RecognizedOn},
		&k.DocNo, &k.Tenants, &k.Version, timeCol{&k.CreatedAt}, timeCol{&k.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// CreateCarrier registers an innovation carrier.
func (tx *Tx) CreateCarrier(ctx context.Context, k *carrier.Carrier) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCityRecord(c, "创新载体"); err != nil {
		return err
	}
	if err := invalid("创新载体信息有误", k.Validate()); err != nil {
		return err
	}
	k.Version, k.CreatedAt, k.UpdatedAt, k.Tenants = 1, tx.now, tx.now, 0
	err = tx.queryRow(ctx, `INSERT INTO carriers (name, kind, level, operator, region, area_sqm, recognized_on, doc_no,
		version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING id`,
		k.Name, k.Kind, k.Level, k.Operator, k.Region, k.AreaSqm, nullDate(k.RecognizedOn), k.DocNo, ts(tx.now)).Scan(&k.ID)
	if err != nil {
		return uniqueOrRegion(err, "创新载体 "+k.Name+" 已登记")
	}
	return tx.audit(ctx, c, auditRow{action: "carrier.create", entity: "carrier", entityID: strconv.FormatInt(k.ID, 10),
		region: k.Region, after: k})
}

// uniqueOrRegion words the constraint errors of a region-bound record.
func uniqueOrRegion(err error, dup string) error {
	switch violation(err) {
	case violUnique:
		return apperr.Wrap(err, apperr.ECONFLICT, dup)
	case violForeignKey:
		return apperr.Wrap(err, apperr.EINVALID, "所在区县不存在 (region: unknown)")
	}
	return err
}

// ListCarriers returns the carriers in the caller's scope, of one kind and
// region when given, by level then name.
func (tx *Tx) ListCarriers(ctx context.Context, kind, region string) ([]*carrier.Carrier, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	conds := []string{regionScope(c, "k.region", &a)}
	if kind != "" {
		conds = append(conds, "k.kind = "+a.add(kind))
	}
	if region != "" {
		conds = append(conds, "k.region = "+a.add(region))
	}
	return queryAll(ctx, tx, `SELECT `+carrierColumns+` FROM carriers k`+where(conds...)+
		` ORDER BY CASE k.level WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 ELSE 2 END, k.name`, a, scanCarrier)
}

// GetCarrier returns a carrier in the caller's scope.
func (tx *Tx) GetCarrier(ctx context.Context, id int64) (*carrier.Carrier, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + carrierColumns + ` FROM carriers k WHERE k.id = ` + a.add(id) + and(regionScope(c, "k.region", &a))
	k, err := scanCarrier(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: carrier %d: %w", id, notFound(err, "创新载体不存在"))
	}
	return k, nil
}

// AddMember puts an enterprise in a carrier (as a tenant, since the date
// given) or a cluster (as a member). The enterprise must be in the
// caller's scope, so a district official adds its own district's only.
func (tx *Tx) AddMember(ctx context.Context, group string, groupID, enterpriseID int64, since string) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "登记入驻企业或集群成员"); err != nil {
		return err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", enterpriseID)
	if err != nil {
		return err
	}
	var region string
	switch group {
	case "carrier":
		k, err := tx.carrierAnyRegion(ctx, groupID)
		if err != nil {
			return err
		}
		region = k
		_, err = tx.exec(ctx, `INSERT INTO carrier_tenants (carrier_id, enterprise_id, since) VALUES ($1, $2, $3)`,
			groupID, enterpriseID, since)
		if err != nil {
			return memberErr(err)
		}
	case "cluster":
		// A cluster is one district's: its own officials (and the city) keep
		// its members.
		var a args
		q := `SELECT g.region FROM clusters g WHERE g.id = ` + a.add(groupID) + and(regionScope(c, "g.region", &a))
		if err := tx.queryRow(ctx, q, a...).Scan(&region); err != nil {
			return notFound(err, "产业集群不存在")
		}
		if _, err := tx.exec(ctx, `INSERT INTO cluster_members (cluster_id, enterprise_id) VALUES ($1, $2)`,
			groupID, enterpriseID); err != nil {
			return memberErr(err)
		}
	default:
		return apperr.Errorf(apperr.EINVALID, "未知的类别 %q", group)
	}
	return tx.audit(ctx, c, auditRow{action: group + ".member_add", entity: group, entityID: strconv.FormatInt(groupID, 10),
		region: ent.Region, after: map[string]any{"enterprise_id": enterpriseID, "uscc": ent.USCC, "since": since, "group_region": region}})
}

// RemoveMember takes an enterprise out of a carrier or cluster.
func (tx *Tx) RemoveMember(ctx context.Context, group string, groupID, enterpriseID int64) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "移除入驻企业或集群成员"); err != nil {
		return err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", enterpriseID)
	if err != nil {
		return err
	}
	q := `DELETE FROM carrier_tenants WHERE carrier_id = $1 AND enterprise_id = $2`
	if group == "cluster" {
		q = `DELETE FROM cluster_members WHERE cluster_id = $1 AND enterprise_id = $2`
	}
	if err := tx.execOne(ctx, "该企业不在其中", q, groupID, enterpriseID); err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: group + ".member_remove", entity: group, entityID: strconv.FormatInt(groupID, 10),
		region: ent.Region, before: map[string]any{"enterprise_id": enterpriseID, "uscc": ent.USCC}})
}

func memberErr(err error) error {
	switch violation(err) {
	case violUnique:
		return apperr.Wrap(err, apperr.ECONFLICT, "该企业已在其中")
	case violForeignKey:
		return apperr.Wrap(err, apperr.ENOTFOUND, "载体、集群或企业不存在")
	}
	return err
}

// carrierAnyRegion returns a carrier's region whatever the caller's scope:
// a district official registers its enterprises as tenants of a carrier in
// another district (a 众创空间 takes tenants from all over the city).
func (tx *Tx) carrierAnyRegion(ctx context.Context, id int64) (string, error) {
	var region string
	if err := tx.queryRow(ctx, `SELECT region FROM carriers WHERE id = $1`, id).Scan(&region); err != nil {
		return "", notFound(err, "创新载体不存在")
	}
	return region, nil
}

// Members lists the enterprises of a carrier or cluster the caller may
// see, by name.
func (tx *Tx) Members(ctx context.Context, group string, groupID int64) ([]*enterprise.Record, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	join := `carrier_tenants m ON m.enterprise_id = e.id AND m.carrier_id = `
	if group == "cluster" {
		join = `cluster_members m ON m.enterprise_id = e.id AND m.cluster_id = `
	}
	rows, err := tx.query(ctx, `SELECT e.id, e.name, e.uscc, e.region, e.tier FROM enterprises e JOIN `+join+a.add(groupID)+
		where(bureauScope(c, &a))+` ORDER BY e.name`, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*enterprise.Record{}
	for rows.Next() {
		var e enterprise.Record
		if err := rows.Scan(&e.ID, &e.Name, &e.USCC, &e.Region, &e.Tier); err != nil {
			return nil, err
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}
