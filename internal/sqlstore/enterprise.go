package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/search"
)

// enterpriseColumns are the columns scanEnterprise reads, profile last.
const enterpriseColumns = `e.id, e.uscc, e.name, e.region, e.industry, e.chain, e.status, e.tier,
	e.version, e.created_at, e.updated_at, e.outcome_tech_sme, e.outcome_innovative, e.outcome_srdi,
	e.outcome_little_giant, e.assessed_version`

// outcomeColumn is the column of enterprises that keeps the latest outcome
// of an assessed tier; tier must be one of enterprise.AssessedTiers (it is
// written into SQL).
func outcomeColumn(tier string) (string, error) {
	if !enterprise.IsAssessedTier(tier) {
		return "", apperr.Errorf(apperr.EINVALID, "梯度无效：%q", tier)
	}
	return "outcome_" + tier, nil
}

type scanner interface{ Scan(dest ...any) error }

// withLeading returns row as a scanner whose Scan fills lead first: a row
// that joins another table's columns before those a scan function knows.
func withLeading(row scanner, lead ...any) scanner { return leadingScanner{row, lead} }

type leadingScanner struct {
	row  scanner
	lead []any
}

func (s leadingScanner) Scan(dest ...any) error {
	return s.row.Scan(append(s.lead[:len(s.lead):len(s.lead)], dest...)...)
}

func scanEnterprise(row scanner, withProfile bool) (*enterprise.Record, error) {
	var r enterprise.Record
	var status, doc string
	var outcomes [4]string // in the order of enterprise.AssessedTiers
	dest := []any{&r.ID, &r.USCC, &r.Name, &r.Region, &r.Industry, &r.Chain, &status, &r.Tier,
		&r.Version, timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt},
		&outcomes[0], &outcomes[1], &outcomes[2], &outcomes[3], int64Col{&r.AssessedVersion}}
	if withProfile {
		dest = append(dest, &doc)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	r.Status = enterprise.Status(status)
	for i, o := range outcomes {
		if o == "" {
			continue
		}
		if r.Outcomes == nil {
			r.Outcomes = make(map[string]string, len(outcomes))
		}
		r.Outcomes[enterprise.AssessedTiers[i]] = o
	}
	if withProfile {
		r.Profile = new(profile.Profile)
		if err := json.Unmarshal([]byte(doc), r.Profile); err != nil {
			return nil, fmt.Errorf("enterprise %d: stored profile: %w", r.ID, err)
		}
	}
	return &r, nil
}

// enterpriseAudit is how an enterprise record appears in the audit log.
type enterpriseAudit struct {
	ID       int64            `json:"id"`
	USCC     string           `json:"uscc"`
	Name     string           `json:"name"`
	Region   string           `json:"region"`
	Industry string           `json:"industry"`
	Chain    string           `json:"chain"`
	Status   string           `json:"status"`
	Tier     string           `json:"tier"`
	Version  int64            `json:"version"`
	Profile  *profile.Profile `json:"profile"`
}

func auditEnterprise(r *enterprise.Record) enterpriseAudit {
	return enterpriseAudit{r.ID, r.USCC, r.Name, r.Region, r.Industry, r.Chain, string(r.Status), r.Tier, r.Version, r.Profile}
}

// CreateEnterprise records a new enterprise. City officials may register one
// in any district, district officials in their own; other roles may not.
// r.ID, Version and timestamps are set on success.
func (tx *Tx) CreateEnterprise(ctx context.Context, r *enterprise.Record) error {
	if err := tx.createEnterprise(ctx, r); err != nil {
		return fmt.Errorf("sqlstore: create enterprise: %w", err)
	}
	return nil
}

func (tx *Tx) createEnterprise(ctx context.Context, r *enterprise.Record) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := r.Prepare(tx.now); err != nil {
		return err
	}
	if !canManageRegion(c, r.Region) {
		return apperr.Errorf(apperr.EFORBIDDEN, "无权在该区县登记企业")
	}
	doc, err := json.Marshal(r.Profile)
	if err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "企业画像无法保存")
	}
	r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
	tx.touchEnterprises()
	err = tx.queryRow(ctx, `INSERT INTO enterprises
		(uscc, name, region, industry, chain, status, tier, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		r.USCC, r.Name, r.Region, r.Industry, r.Chain, string(r.Status), r.Tier, r.Version, ts(tx.now),
	).Scan(&r.ID)
	if err != nil {
		// The conflict names no district, so a duplicate reveals only what the
		// user typed: that this code is registered.
		switch violation(err) {
		case violUnique:
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("统一社会信用代码 %s 已登记", r.USCC))
		case violForeignKey:
			return apperr.Wrap(err, apperr.EINVALID, fmt.Sprintf("区县代码 %s 不存在", r.Region))
		}
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO enterprise_profiles (enterprise_id, profile) VALUES ($1, $2)`,
		r.ID, string(doc)); err != nil {
		return err
	}
	if err := tx.indexEnterprise(ctx, r); err != nil {
		return err
	}
	if err := tx.audit(ctx, c, auditRow{action: "enterprise.create", entity: "enterprise",
		entityID: strconv.FormatInt(r.ID, 10), region: r.Region, after: auditEnterprise(r)}); err != nil {
		return err
	}
	return tx.refreshBackupLists(ctx, c, r)
}

// indexEnterprise replaces r's search tokens: one multi-row INSERT, so
// indexing costs one statement per write whatever the name's length.
func (tx *Tx) indexEnterprise(ctx context.Context, r *enterprise.Record) error {
	if _, err := tx.exec(ctx, `DELETE FROM enterprise_tokens WHERE enterprise_id = $1`, r.ID); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	tokens := search.Tokens(r.Name + " " + r.USCC)
	if len(tokens) == 0 {
		return nil
	}
	var a args
	id := a.add(r.ID)
	var b strings.Builder
	b.WriteString("INSERT INTO enterprise_tokens (token, enterprise_id) VALUES ")
	for i, t := range tokens {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + a.add(t) + ", " + id + ")")
	}
	if _, err := tx.exec(ctx, b.String(), a...); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// UpdateEnterprise saves r over the stored record with the same ID.
//
// The record must be in the caller's scope (else ENOTFOUND). r.Version is the
// version the change was made from: 0 is EPRECONDITION (an update must say
// what it read, or it could silently undo a change it never saw) and any
// other than the stored one is ECONFLICT. A district official cannot move
// the record to another district; who may change which field is
// enterprise.FieldAuthority (EFORBIDDEN naming each field). On success r
// holds the new version and time.
func (tx *Tx) UpdateEnterprise(ctx context.Context, r *enterprise.Record) error {
	if err := tx.updateEnterprise(ctx, r); err != nil {
		return fmt.Errorf("sqlstore: update enterprise %d: %w", r.ID, err)
	}
	return nil
}

func (tx *Tx) updateEnterprise(ctx context.Context, r *enterprise.Record) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	old, err := tx.readForUpdate(ctx, c, r.ID, r.Version)
	if err != nil {
		return err
	}
	return tx.writeEnterprise(ctx, c, old, r)
}

// ModifyEnterprise applies fn to the enterprise with the id as it is inside
// the write transaction, and saves the result: a change of one part (a
// year, a list item, the fields a form changed) that cannot undo a change of
// another part committed meanwhile. version is the version the change was
// made from, checked as UpdateEnterprise checks it. fn gets a copy it may
// change freely; an error from fn rolls back and is returned as it is.
func (tx *Tx) ModifyEnterprise(ctx context.Context, id, version int64, fn func(r *enterprise.Record) error) (*enterprise.Record, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	old, err := tx.readForUpdate(ctx, c, id, version)
	if err != nil {
		return nil, err
	}
	r := *old
	r.Profile = old.Profile.Clone()
	if err := fn(&r); err != nil {
		return nil, err
	}
	r.ID, r.Version = old.ID, old.Version
	if err := tx.writeEnterprise(ctx, c, old, &r); err != nil {
		return nil, fmt.Errorf("sqlstore: update enterprise %d: %w", id, err)
	}
	return &r, nil
}

// errStale is the answer to an update made from an older version.
func errStale() error {
	return apperr.Errorf(apperr.ECONFLICT, "该企业档案已被他人修改，请刷新后重试")
}

// readForUpdate reads the record an update starts from, within c's scope,
// and checks that the update was made from its current version.
func (tx *Tx) readForUpdate(ctx context.Context, c auth.Caller, id, version int64) (*enterprise.Record, error) {
	old, err := tx.getEnterprise(ctx, c, "e.id", id)
	if err != nil {
		return nil, err
	}
	switch {
	case version == 0:
		return nil, apperr.Errorf(apperr.EPRECONDITION, "修改企业档案须注明所依据的档案版本（If-Match 或 version），以免覆盖他人的修改")
	case version != old.Version:
		return nil, errStale()
	}
	return old, nil
}

// writeEnterprise saves r over old, which the transaction read: the role's
// rights, the field authority, then a write conditional on old's version.
func (tx *Tx) writeEnterprise(ctx context.Context, c auth.Caller, old, r *enterprise.Record) error {
	if err := r.Prepare(tx.now); err != nil {
		return err
	}
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict:
		if !canManageRegion(c, r.Region) {
			return apperr.Errorf(apperr.EFORBIDDEN, "无权将企业迁至其他区县")
		}
	case auth.RoleEnterprise:
	default:
		return apperr.Errorf(apperr.EFORBIDDEN, "无权修改企业档案")
	}
	if !enterprise.MayWriteAll(c.Role) {
		if err := enterprise.CheckWrite(c.Role, enterprise.Changes(old, r)); err != nil {
			return err
		}
	}
	doc, err := json.Marshal(r.Profile)
	if err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "企业画像无法保存")
	}
	// The scope is repeated in the UPDATE itself, and the version guards
	// against a change committed since the read above (PostgreSQL runs
	// writers concurrently).
	var a args
	q := `UPDATE enterprises AS e SET uscc = ` + a.add(r.USCC) + `, name = ` + a.add(r.Name) +
		`, region = ` + a.add(r.Region) + `, industry = ` + a.add(r.Industry) + `, chain = ` + a.add(r.Chain) +
		`, status = ` + a.add(string(r.Status)) + `, tier = ` + a.add(r.Tier) +
		`, version = ` + a.add(old.Version+1) + `, updated_at = ` + a.add(ts(tx.now)) +
		` WHERE e.id = ` + a.add(r.ID) + ` AND e.version = ` + a.add(old.Version) + and(enterpriseScope(c, &a))
	tx.touchEnterprises()
	res, err := tx.exec(ctx, q, a...)
	if err != nil {
		switch violation(err) {
		case violUnique:
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("统一社会信用代码 %s 已登记", r.USCC))
		case violForeignKey:
			return apperr.Wrap(err, apperr.EINVALID, fmt.Sprintf("区县代码 %s 不存在", r.Region))
		}
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return errStale()
	}
	if _, err := tx.exec(ctx, `UPDATE enterprise_profiles SET profile = $1 WHERE enterprise_id = $2`,
		string(doc), r.ID); err != nil {
		return err
	}
	r.Version, r.CreatedAt, r.UpdatedAt = old.Version+1, old.CreatedAt, tx.now
	if r.Name != old.Name || r.USCC != old.USCC {
		if err := tx.indexEnterprise(ctx, r); err != nil {
			return err
		}
	}
	if err := tx.audit(ctx, c, auditRow{action: "enterprise.update", entity: "enterprise",
		entityID: strconv.FormatInt(r.ID, 10), region: r.Region,
		before: auditEnterprise(old), after: auditEnterprise(r)}); err != nil {
		return err
	}
	// The backup lists follow the profile in the same transaction.
	return tx.refreshBackupLists(ctx, c, r)
}

// GetEnterprise returns the enterprise with the id, with its profile, if it
// is in the caller's scope; otherwise ENOTFOUND.
func (tx *Tx) GetEnterprise(ctx context.Context, id int64) (*enterprise.Record, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		var r *enterprise.Record
		if r, err = tx.getEnterprise(ctx, c, "e.id", id); err == nil {
			return r, nil
		}
	}
	return nil, fmt.Errorf("sqlstore: get enterprise %d: %w", id, err)
}

// GetEnterpriseByUSCC is GetEnterprise by 统一社会信用代码.
func (tx *Tx) GetEnterpriseByUSCC(ctx context.Context, uscc string) (*enterprise.Record, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		var r *enterprise.Record
		if r, err = tx.getEnterprise(ctx, c, "e.uscc", strings.ToUpper(strings.TrimSpace(uscc))); err == nil {
			return r, nil
		}
	}
	return nil, fmt.Errorf("sqlstore: get enterprise %s: %w", uscc, err)
}

// getEnterprise reads one record by a unique column, within c's scope.
func (tx *Tx) getEnterprise(ctx context.Context, c auth.Caller, col string, key any) (*enterprise.Record, error) {
	var a args
	q := `SELECT ` + enterpriseColumns + `, p.profile FROM enterprises e
		JOIN enterprise_profiles p ON p.enterprise_id = e.id
		WHERE ` + col + ` = ` + a.add(key) + and(enterpriseScope(c, &a))
	r, err := scanEnterprise(tx.queryRow(ctx, q, a...), true)
	if err != nil {
		return nil, notFound(err, "企业不存在或无权查看")
	}
	return r, tx.discloseToBank(ctx, c, r)
}

// CreateEnterprise is Tx.CreateEnterprise in its own transaction.
func (s *Store) CreateEnterprise(ctx context.Context, r *enterprise.Record) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateEnterprise(ctx, r) })
}

// UpdateEnterprise is Tx.UpdateEnterprise in its own transaction.
func (s *Store) UpdateEnterprise(ctx context.Context, r *enterprise.Record) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.UpdateEnterprise(ctx, r) })
}

// ModifyEnterprise is Tx.ModifyEnterprise in its own transaction.
func (s *Store) ModifyEnterprise(ctx context.Context, id, version int64, fn func(r *enterprise.Record) error) (r *enterprise.Record, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		r, err = tx.ModifyEnterprise(ctx, id, version, fn)
		return err
	})
	return r, err
}

// GetEnterprise is Tx.GetEnterprise in its own read transaction.
func (s *Store) GetEnterprise(ctx context.Context, id int64) (r *enterprise.Record, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		r, err = tx.GetEnterprise(ctx, id)
		return err
	})
	return r, err
}

// GetEnterpriseByUSCC is Tx.GetEnterpriseByUSCC in its own read transaction.
func (s *Store) GetEnterpriseByUSCC(ctx context.Context, uscc string) (r *enterprise.Record, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		r, err = tx.GetEnterpriseByUSCC(ctx, uscc)
		return err
	})
	return r, err
}
