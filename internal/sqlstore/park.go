package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/carrier"
)

const parkColumns = `p.id, p.name, p.region, p.land_mu, p.places, p.year, p.version, p.created_at, p.updated_at`

func scanPark(row scanner) (*carrier.Park, error) {
	var p carrier.Park
	err := row.Scan(&p.ID, &p.Name, &p.Region, &p.LandMu, &p.Places, &p.Year, &p.Version, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// parkReader lets officials and enterprises read parks: a park's places are
// open to enterprises of every district, and an enterprise applies itself.
func parkReader(c auth.Caller) error {
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise:
		return nil
	}
	return apperr.Errorf(apperr.EFORBIDDEN, "无权查看专精特新产业园")
}

// CreatePark opens a park round.
func (tx *Tx) CreatePark(ctx context.Context, p *carrier.Park) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCityRecord(c, "专精特新产业园"); err != nil {
		return err
	}
	if err := invalid("产业园信息有误", p.Validate()); err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO parks (name, region, land_mu, places, year, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id`, p.Name, p.Region, p.LandMu, p.Places, p.Year, ts(tx.now)).Scan(&p.ID)
	if err != nil {
		return uniqueOrRegion(err, fmt.Sprintf("%d 年度的 %s 已登记", p.Year, p.Name))
	}
	return tx.audit(ctx, c, auditRow{action: "park.create", entity: "park", entityID: strconv.FormatInt(p.ID, 10),
		region: p.Region, after: p})
}

// ListParks returns the parks, newest round first.
func (tx *Tx) ListParks(ctx context.Context) ([]*carrier.Park, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := parkReader(c); err != nil {
		return nil, err
	}
	return queryAll(ctx, tx, `SELECT `+parkColumns+` FROM parks p ORDER BY p.year DESC, p.name`, nil, scanPark)
}

// GetPark returns a park.
func (tx *Tx) GetPark(ctx context.Context, id int64) (*carrier.Park, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := parkReader(c); err != nil {
		return nil, err
	}
	p, err := scanPark(tx.queryRow(ctx, `SELECT `+parkColumns+` FROM parks p WHERE p.id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: park %d: %w", id, notFound(err, "产业园不存在"))
	}
	return p, nil
}

const applicationColumns = `a.id, a.park_id, a.enterprise_id, a.need_mu, a.used_mu, a.revenue, a.tax, a.rd_expense, a.employees,
	a.purpose, a.status, a.version, a.created_at, a.updated_at, e.name, e.uscc, e.region`

func scanApplication(row scanner) (*carrier.Application, error) {
	var a carrier.Application
	err := row.Scan(&a.ID, &a.ParkID, &a.EnterpriseID, &a.NeedMu, &a.UsedMu, &a.Revenue, &a.Tax, &a.RDExpense, &a.Employees,
		&a.Purpose, &a.Status, &a.Version, timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt}, &a.EnterpriseName, &a.USCC, &a.Region)
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// auditApplication is what the audit log keeps of an application.
func auditApplication(a *carrier.Application) carrier.Application {
	c := *a
	c.EnterpriseName, c.CreatedAt, c.UpdatedAt = "", c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c
}

// CreateApplication files an enterprise's land need for a park: by the
// enterprise's own account, or by an official whose scope holds it. One
// application per enterprise and park.
func (tx *Tx) CreateApplication(ctx context.Context, app *carrier.Application) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise:
	default:
		return apperr.Errorf(apperr.EFORBIDDEN, "无权提交用地需求")
	}
	app.Status = carrier.AppApplied
	if err := invalid("用地需求有误", app.Validate()); err != nil {
		return err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", app.EnterpriseID)
	if err != nil {
		return err
	}
	if _, err := tx.GetPark(ctx, app.ParkID); err != nil {
		return err
	}
	app.Version, app.CreatedAt, app.UpdatedAt = 1, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO park_applications (park_id, enterprise_id, need_mu, used_mu, revenue, tax, rd_expense,
		employees, purpose, status, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11) RETURNING id`,
		app.ParkID, app.EnterpriseID, app.NeedMu, app.UsedMu, app.Revenue, app.Tax, app.RDExpense, app.Employees, app.Purpose,
		app.Status, ts(tx.now)).Scan(&app.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "该企业已申请此产业园")
		}
		return err
	}
	app.EnterpriseName, app.USCC, app.Region = ent.Name, ent.USCC, ent.Region
	return tx.audit(ctx, c, auditRow{action: "park_application.create", entity: "park_application",
		entityID: strconv.FormatInt(app.ID, 10), region: ent.Region, after: auditApplication(app)})
}

// ListApplications returns a park's applications the caller may see.
func (tx *Tx) ListApplications(ctx context.Context, parkID int64) ([]*carrier.Application, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	return queryAll(ctx, tx, `SELECT `+applicationColumns+` FROM park_applications a JOIN enterprises e ON e.id = a.enterprise_id
		WHERE a.park_id = `+a.add(parkID)+and(bureauScope(c, &a))+` ORDER BY a.created_at, a.id`, a, scanApplication)
}

// DecideApplication sets an application's status from the version read:
// the city grants or refuses places; the applicant (or an official in
// scope) may withdraw.
func (tx *Tx) DecideApplication(ctx context.Context, id, version int64, status string) (*carrier.Application, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if carrier.AppStatusZH[status] == "" {
		return nil, apperr.Errorf(apperr.EINVALID, "状态无效 (status: one of applied, granted, refused, withdrawn)")
	}
	if err := needVersion(version, "用地需求"); err != nil {
		return nil, err
	}
	if status != carrier.AppWithdrawn && c.Role != auth.RoleCity {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可决定入园")
	}
	var a args
	old, err := scanApplication(tx.queryRow(ctx, `SELECT `+applicationColumns+` FROM park_applications a
		JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = `+a.add(id)+and(bureauScope(c, &a)), a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: park application %d: %w", id, notFound(err, "用地需求不存在"))
	}
	if old.Version != version {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该申请已被他人修改，请刷新后重试")
	}
	app := *old
	app.Status, app.Version, app.UpdatedAt = status, old.Version+1, tx.now
	if err := tx.execOne(ctx, "该申请已被他人修改，请刷新后重试", `UPDATE park_applications SET status = $1, version = $2,
		updated_at = $3 WHERE id = $4 AND version = $5`, status, app.Version, ts(tx.now), id, version); err != nil {
		return nil, err
	}
	return &app, tx.audit(ctx, c, auditRow{action: "park_application.decide", entity: "park_application",
		entityID: strconv.FormatInt(id, 10), region: old.Region, before: auditApplication(old), after: auditApplication(&app)})
}
