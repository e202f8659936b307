package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/hub"
)

const institutionColumns = `i.id, i.name, i.kind, i.level, i.region, i.uscc, i.contact_name, i.contact_phone,
	i.status, i.partner_bank, i.version, i.created_at, i.updated_at, i.regions_served, i.intro`

func scanInstitution(row scanner) (*hub.Institution, error) {
	var in hub.Institution
	var served string
	err := row.Scan(&in.ID, &in.Name, &in.Kind, &in.Level, &in.Region, &in.USCC, &in.ContactName, &in.ContactPhone,
		&in.Status, &in.PartnerBank, &in.Version, timeCol{&in.CreatedAt}, timeCol{&in.UpdatedAt}, &served, &in.Intro)
	if err != nil {
		return nil, err
	}
	in.RegionsServed = splitCodes(served)
	return &in, nil
}

// auditInstitution is what the audit log keeps of an institution.
func auditInstitution(in *hub.Institution) hub.Institution {
	a := *in
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a
}

// CreateInstitution registers an institution or partner bank. Only city
// officials register them (入驻审核 is theirs); the record starts in the
// status given, pending when none.
func (tx *Tx) CreateInstitution(ctx context.Context, in *hub.Institution) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市级工信部门可登记机构")
	}
	if err := in.Validate(); err != nil {
		return err
	}
	in.Version, in.CreatedAt, in.UpdatedAt = 1, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO institutions (name, kind, level, region, uscc, contact_name, contact_phone,
		status, partner_bank, version, created_at, updated_at, regions_served, intro)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10, $11, $12) RETURNING id`,
		in.Name, in.Kind, in.Level, in.Region, in.USCC, in.ContactName, in.ContactPhone, in.Status, in.PartnerBank,
		ts(tx.now), codes(in.RegionsServed), in.Intro).Scan(&in.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("机构 %s 已登记", in.Name))
		}
		return fmt.Errorf("sqlstore: create institution: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "institution.create", entity: "institution",
		entityID: strconv.FormatInt(in.ID, 10), region: in.Region, after: auditInstitution(in)})
}

// GetInstitution returns an institution. Officials read any; an
// institution or bank account reads its own; enterprises read approved
// ones (they choose services and banks from them).
func (tx *Tx) GetInstitution(ctx context.Context, id int64) (*hub.Institution, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + institutionColumns + ` FROM institutions i WHERE i.id = ` + a.add(id)
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict:
	case auth.RoleInstitution, auth.RoleBank:
		q += ` AND i.id = ` + a.add(c.InstitutionID)
	default:
		q += ` AND i.status = 'approved'`
	}
	in, err := scanInstitution(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: institution %d: %w", id, notFound(err, "机构不存在"))
	}
	return in, nil
}

// PartnerBanks lists the approved partner banks of 专精特新贷, by name;
// everyone logged in may read them (an enterprise chooses from them).
func (tx *Tx) PartnerBanks(ctx context.Context) ([]*hub.Institution, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	return queryAll(ctx, tx, `SELECT `+institutionColumns+` FROM institutions i
		WHERE i.partner_bank AND i.status = 'approved' ORDER BY i.name`, nil, scanInstitution)
}
