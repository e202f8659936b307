package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/programme"
)

const contestColumns = `c.id, c.year, c.name, c.version, c.created_at, c.updated_at,
	(SELECT count(*) FROM contest_entries ce WHERE ce.contest_id = c.id)`

func scanContest(row scanner) (*programme.Contest, error) {
	var c programme.Contest
	return &c, row.Scan(&c.ID, &c.Year, &c.Name, &c.Version, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}, &c.Entries)
}

// CreateContest records an edition of 创客中国. The city runs the 分赛.
func (tx *Tx) CreateContest(ctx context.Context, ct *programme.Contest) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅市工信局可登记赛事")
	}
	if err := ct.Validate(); err != nil {
		return err
	}
	ct.Version, ct.CreatedAt, ct.UpdatedAt = 1, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO contests (year, name, version, created_at, updated_at) VALUES ($1, $2, 1, $3, $3)
		RETURNING id`, ct.Year, ct.Name, ts(tx.now)).Scan(&ct.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("赛事“%s”已登记 (name: taken)", ct.Name))
		}
		return fmt.Errorf("sqlstore: create contest: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "contest.create", entity: "contest",
		entityID: strconv.FormatInt(ct.ID, 10), after: ct})
}

// ListContests returns the editions, newest first. Officials read them.
func (tx *Tx) ListContests(ctx context.Context) ([]*programme.Contest, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, tx, `SELECT `+contestColumns+` FROM contests c ORDER BY c.year DESC, c.id DESC`, nil, scanContest)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list contests: %w", err)
	}
	return out, nil
}

// GetContest returns an edition.
func (tx *Tx) GetContest(ctx context.Context, id int64) (*programme.Contest, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	ct, err := scanContest(tx.queryRow(ctx, `SELECT `+contestColumns+` FROM contests c WHERE c.id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: contest %d: %w", id, notFound(err, "赛事不存在"))
	}
	return ct, nil
}

const entryColumns = `ce.id, ce.contest_id, ce.entry_group, COALESCE(ce.enterprise_id, 0), ce.team, ce.region, ce.project,
	ce.stage, ce.result, ce.version, ce.created_at, ce.updated_at, COALESCE(e.name, ''), c.year, c.name`

const entryFrom = ` FROM contest_entries ce JOIN contests c ON c.id = ce.contest_id
	LEFT JOIN enterprises e ON e.id = ce.enterprise_id`

func scanEntry(row scanner) (*programme.Entry, error) {
	var e programme.Entry
	return &e, row.Scan(&e.ID, &e.ContestID, &e.Group, &e.EnterpriseID, &e.Team, &e.Region, &e.Project, &e.Stage,
		&e.Result, &e.Version, timeCol{&e.CreatedAt}, timeCol{&e.UpdatedAt}, &e.EnterpriseName, &e.ContestYear, &e.ContestName)
}

// entryScope limits contest entries (alias ce) to the caller's: the city
// all, a district official its district's (maker teams too, by the district
// they enter from), an enterprise its own.
func entryScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		return "ce.region = " + a.add(c.Region)
	case auth.RoleEnterprise:
		return "ce.enterprise_id = " + a.add(c.EnterpriseID)
	}
	return "FALSE"
}

// EntryFilter selects contest entries.
type EntryFilter struct {
	ContestID    int64
	EnterpriseID int64
}

// ListEntries returns the entries of f in the caller's scope, best result
// first.
func (tx *Tx) ListEntries(ctx context.Context, f EntryFilter) ([]*programme.Entry, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	conds := []string{entryScope(c, &a)}
	if f.ContestID != 0 {
		conds = append(conds, "ce.contest_id = "+a.add(f.ContestID))
	}
	if f.EnterpriseID != 0 {
		conds = append(conds, "ce.enterprise_id = "+a.add(f.EnterpriseID))
	}
	q := `SELECT ` + entryColumns + entryFrom + where(conds...) + ` ORDER BY c.year DESC, CASE ce.result
		WHEN 'national_top50' THEN 0 WHEN 'national_top500' THEN 1 WHEN 'first' THEN 2 WHEN 'second' THEN 3
		WHEN 'third' THEN 4 ELSE 5 END, ce.id`
	out, err := queryAll(ctx, tx, q, a, scanEntry)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list contest entries: %w", err)
	}
	return out, nil
}

// getEntry returns an entry in the caller's scope.
func (tx *Tx) getEntry(ctx context.Context, c auth.Caller, id int64) (*programme.Entry, error) {
	var a args
	q := `SELECT ` + entryColumns + entryFrom + ` WHERE ce.id = ` + a.add(id) + and(entryScope(c, &a))
	e, err := scanEntry(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, notFound(err, "参赛记录不存在或无权查看")
	}
	return e, nil
}

// AddEntry records an entry: an enterprise of the caller's scope (企业组),
// or a maker team of a district the caller manages (创客组). Officials.
// An entry made with a result writes it into the profile as SetEntryResult
// does; the record is returned when it changed.
func (tx *Tx) AddEntry(ctx context.Context, e *programme.Entry) (*enterprise.Record, error) {
	rec, err := tx.addEntry(ctx, e)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: add contest entry: %w", err)
	}
	return rec, nil
}

func (tx *Tx) addEntry(ctx context.Context, e *programme.Entry) (*enterprise.Record, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "登记参赛"); err != nil {
		return nil, err
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	ct, err := tx.GetContest(ctx, e.ContestID)
	if err != nil {
		return nil, err
	}
	var ent *enterprise.Record
	if e.Group == programme.GroupEnterprise {
		if ent, err = tx.getEnterprise(ctx, c, "e.id", e.EnterpriseID); err != nil {
			return nil, err
		}
		e.Region, e.EnterpriseName = ent.Region, ent.Name
	} else if !canManageRegion(c, e.Region) {
		return nil, apperr.Errorf(apperr.EINVALID, "请选择本辖区的区县 (region: not a district you manage)")
	}
	var eid any
	if ent != nil {
		eid = ent.ID
	}
	e.Version, e.CreatedAt, e.UpdatedAt, e.ContestYear, e.ContestName = 1, tx.now, tx.now, ct.Year, ct.Name
	err = tx.queryRow(ctx, `INSERT INTO contest_entries (contest_id, entry_group, enterprise_id, team, region, project,
		stage, result, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING id`,
		e.ContestID, e.Group, eid, e.Team, e.Region, e.Project, e.Stage, e.Result, ts(tx.now)).Scan(&e.ID)
	if err != nil {
		if violation(err) == violUnique {
			return nil, apperr.Wrap(err, apperr.ECONFLICT, "该企业已报名本届赛事 (enterprise_id: already entered)")
		}
		return nil, err
	}
	if err := tx.audit(ctx, c, auditRow{action: "contest.entry", entity: "contest_entry",
		entityID: strconv.FormatInt(e.ID, 10), region: e.Region, after: e}); err != nil {
		return nil, err
	}
	return tx.reflectResult(ctx, e)
}

// SetEntryResult sets an entry's stage and result, made from version. An
// enterprise entry's result is written into the enterprise's maker_china
// through the enterprise write path (version, field authority, audit, the
// backup lists' refresh), so it reaches the criteria's direct routes; the
// changed record is returned for re-assessment (nil when the profile did
// not change).
func (tx *Tx) SetEntryResult(ctx context.Context, id, version int64, stage, result string) (*programme.Entry, *enterprise.Record, error) {
	e, rec, err := tx.setEntryResult(ctx, id, version, stage, result)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: contest entry %d result: %w", id, err)
	}
	return e, rec, nil
}

func (tx *Tx) setEntryResult(ctx context.Context, id, version int64, stage, result string) (*programme.Entry, *enterprise.Record, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := requireOfficial(c, "登记赛事结果"); err != nil {
		return nil, nil, err
	}
	old, err := tx.getEntry(ctx, c, id)
	if err != nil {
		return nil, nil, err
	}
	if old.Version != version {
		return nil, nil, apperr.Errorf(apperr.ECONFLICT, "该参赛记录已被他人修改，请刷新后重试")
	}
	e := *old
	e.Stage, e.Result = stage, result
	if err := e.Validate(); err != nil {
		return nil, nil, err
	}
	e.Version, e.UpdatedAt = old.Version+1, tx.now
	res, err := tx.exec(ctx, `UPDATE contest_entries SET stage = $1, result = $2, version = $3, updated_at = $4
		WHERE id = $5 AND version = $6`, e.Stage, e.Result, e.Version, ts(tx.now), id, version)
	if err != nil {
		return nil, nil, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, nil, err
	} else if n != 1 {
		return nil, nil, apperr.Errorf(apperr.ECONFLICT, "该参赛记录已被他人修改，请刷新后重试")
	}
	if err := tx.audit(ctx, c, auditRow{action: "contest.result", entity: "contest_entry",
		entityID: strconv.FormatInt(id, 10), region: e.Region, before: old, after: &e}); err != nil {
		return nil, nil, err
	}
	rec, err := tx.reflectResult(ctx, &e)
	return &e, rec, err
}

// reflectResult writes an enterprise entry's result into its profile; it
// returns the record when the profile changed.
func (tx *Tx) reflectResult(ctx context.Context, e *programme.Entry) (*enterprise.Record, error) {
	if e.Group != programme.GroupEnterprise {
		return nil, nil
	}
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", e.EnterpriseID)
	if err != nil {
		return nil, err
	}
	if !programme.ApplyResult(ent.Profile.Clone(), e.ContestYear, e.Result) {
		return nil, nil
	}
	return tx.ModifyEnterprise(ctx, ent.ID, ent.Version, func(r *enterprise.Record) error {
		programme.ApplyResult(r.Profile, e.ContestYear, e.Result)
		return nil
	})
}

// CreateContest is Tx.CreateContest in its own transaction.
func (s *Store) CreateContest(ctx context.Context, ct *programme.Contest) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateContest(ctx, ct) })
}

// ListContests is Tx.ListContests in a read transaction.
func (s *Store) ListContests(ctx context.Context) (out []*programme.Contest, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListContests(ctx); return err })
	return out, err
}

// GetContest is Tx.GetContest in a read transaction.
func (s *Store) GetContest(ctx context.Context, id int64) (ct *programme.Contest, err error) {
	err = s.view(ctx, func(tx *Tx) error { ct, err = tx.GetContest(ctx, id); return err })
	return ct, err
}

// ListEntries is Tx.ListEntries in a read transaction.
func (s *Store) ListEntries(ctx context.Context, f EntryFilter) (out []*programme.Entry, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListEntries(ctx, f); return err })
	return out, err
}
