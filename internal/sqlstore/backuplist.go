package sqlstore

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

// Backup lists (后备清单): entries of one enterprise and tier, filled by the
// inclusion rules on every write of an enterprise (refreshBackupLists, in
// the write's transaction) and by officials. Every query joins the
// enterprise row and its district scope, so a district official sees and
// changes the entries of the district's enterprises only; any other is not
// found.

const backupEntryColumns = `b.id, b.enterprise_id, b.tier, b.status, b.reason, b.source, b.note,
	b.added_by, b.decided_by, b.since, b.updated_at, b.version`

// scanBackupEntry scans backupEntryColumns into e, after the columns of
// lead.
func scanBackupEntry(row scanner, e *cultivation.Entry, lead ...any) error {
	return row.Scan(append(lead, &e.ID, &e.EnterpriseID, &e.Tier, &e.Status, &e.Reason, &e.Source, &e.Note,
		int64Col{&e.AddedBy}, int64Col{&e.DecidedBy}, timeCol{&e.Since}, timeCol{&e.UpdatedAt}, &e.Version)...)
}

// backupAudit is how an entry appears in the audit log.
type backupAudit struct {
	EnterpriseID int64  `json:"enterprise_id"`
	Tier         string `json:"tier"`
	Status       string `json:"status"`
	Reason       string `json:"reason"`
	Source       string `json:"source"`
	Note         string `json:"note,omitempty"`
	Decided      bool   `json:"decided"`
	Version      int64  `json:"version"`
}

func auditBackup(e *cultivation.Entry) *backupAudit {
	if e == nil {
		return nil
	}
	return &backupAudit{e.EnterpriseID, e.Tier, e.Status, e.Reason, e.Source, e.Note, e.Decided(), e.Version}
}

// officialFor returns the caller if an official, and checks the tier.
func officialFor(ctx context.Context, tier string) (auth.Caller, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return c, err
	}
	if err := requireOfficial(c, "查看和维护后备清单"); err != nil {
		return c, err
	}
	return c, checkTier(tier)
}

func checkTier(tier string) error {
	if !cultivation.IsTier(tier) {
		return apperr.Errorf(apperr.EINVALID, "tier：梯度无效，应为 innovative、srdi、little_giant 之一")
	}
	return nil
}

// ListBackupEntries returns a page of one tier's list within the caller's
// scope, newest first, with the number of all matches.
func (tx *Tx) ListBackupEntries(ctx context.Context, f cultivation.Filter) ([]*cultivation.Entry, int, error) {
	items, total, err := tx.listBackupEntries(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list backup entries: %w", err)
	}
	return items, total, nil
}

func (tx *Tx) listBackupEntries(ctx context.Context, f cultivation.Filter) ([]*cultivation.Entry, int, error) {
	c, err := officialFor(ctx, f.Tier)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := []string{"b.tier = " + a.add(f.Tier), enterpriseScope(c, &a)}
	if f.Status != "" {
		if !cultivation.IsStatus(f.Status) {
			return nil, 0, apperr.Errorf(apperr.EINVALID, "status：状态无效")
		}
		conds = append(conds, "b.status = "+a.add(f.Status))
	}
	if f.Region != "" {
		conds = append(conds, "e.region = "+a.add(f.Region))
	}
	if f.Industry != "" {
		lo, hi, ok := enterprise.IndustryRange(strings.ToUpper(strings.TrimSpace(f.Industry)))
		if !ok {
			return nil, 0, apperr.Errorf(apperr.EINVALID, "industry：行业代码应为国民经济行业分类代码或其前缀，如 C34、C3484")
		}
		conds = append(conds, "e.industry >= "+a.add(lo), "e.industry < "+a.add(hi))
	}
	if f.Source != "" {
		conds = append(conds, "b.source = "+a.add(f.Source))
	}
	if len(f.IDs) > 0 {
		conds = append(conds, "b.enterprise_id IN ("+inList(&a, f.IDs)+")")
	}
	if f.Tag != "" {
		if !plan.IsTag(f.Tag) {
			return nil, 0, apperr.Errorf(apperr.EINVALID, "tag：申报难题标签无效，应为 domain、product、ip 之一")
		}
		conds = append(conds, planTagged(&a, f.Tag))
	}
	const from = " FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id"
	cond := where(conds...)
	var total int
	if err := tx.queryRow(ctx, "SELECT count(*)"+from+cond, a...).Scan(&total); err != nil {
		return nil, 0, err
	}
	items := []*cultivation.Entry{}
	if total <= f.Offset {
		return items, total, nil
	}
	page := ""
	if f.Limit > 0 {
		page = " LIMIT " + a.add(int64(f.Limit)) + " OFFSET " + a.add(int64(f.Offset))
	}
	// The tier was checked above: its outcome column is one of four names.
	q := `SELECT e.uscc, e.name, e.region, g.name, e.industry, e.outcome_` + f.Tier + `, COALESCE(u.name, ''), ` + backupEntryColumns +
		from + ` JOIN regions g ON g.code = e.region LEFT JOIN users u ON u.id = b.added_by` + cond +
		` ORDER BY b.since DESC, b.enterprise_id` + page
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		e := new(cultivation.Entry)
		if err := scanBackupEntry(rows, e, &e.USCC, &e.Name, &e.Region, &e.RegionName, &e.Industry, &e.Outcome, &e.AddedByName); err != nil {
			return nil, 0, err
		}
		items = append(items, e)
	}
	return items, total, rows.Err()
}

// EnterpriseBackupEntries returns an enterprise's entries on every list,
// lowest tier first, if the enterprise is in the caller's scope.
func (tx *Tx) EnterpriseBackupEntries(ctx context.Context, id int64) ([]*cultivation.Entry, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "查看和维护后备清单")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: backup entries of %d: %w", id, err)
	}
	var out []*cultivation.Entry
	for _, tier := range cultivation.Tiers {
		items, _, err := tx.listBackupEntries(ctx, cultivation.Filter{Tier: tier, IDs: []int64{id}})
		if err != nil {
			return nil, fmt.Errorf("sqlstore: backup entries of %d: %w", id, err)
		}
		out = append(out, items...)
	}
	return out, nil
}

// getBackupEntry reads the entry of an enterprise in c's scope on a tier.
func (tx *Tx) getBackupEntry(ctx context.Context, c auth.Caller, id int64, tier string) (*cultivation.Entry, string, error) {
	var a args
	q := `SELECT e.region, ` + backupEntryColumns + ` FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id
		WHERE b.enterprise_id = ` + a.add(id) + ` AND b.tier = ` + a.add(tier) + and(enterpriseScope(c, &a))
	var region string
	e := new(cultivation.Entry)
	if err := scanBackupEntry(tx.queryRow(ctx, q, a...), e, &region); err != nil {
		return nil, "", notFound(err, "该企业不在后备清单中或无权查看")
	}
	return e, region, nil
}

// AddBackupEntry puts an enterprise of the caller's scope on a tier's list
// by hand (source manual, status 储备), with reason. An entry already on the
// list is ECONFLICT, unless it was removed (移出): then it comes back.
// The official's decision holds against the rules.
func (tx *Tx) AddBackupEntry(ctx context.Context, id int64, tier, reason string) (*cultivation.Entry, error) {
	e, err := tx.addBackupEntry(ctx, id, tier, reason)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: add backup entry %d %s: %w", id, tier, err)
	}
	return e, nil
}

func (tx *Tx) addBackupEntry(ctx context.Context, id int64, tier, reason string) (*cultivation.Entry, error) {
	c, err := officialFor(ctx, tier)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if err := cultivation.CheckReason(reason); err != nil {
		return nil, err
	}
	rec, err := tx.getEnterprise(ctx, c, "e.id", id)
	if err != nil {
		return nil, err
	}
	return tx.putManualEntry(ctx, c, rec, tier, reason)
}

// putManualEntry puts rec, read in c's scope, on the tier's list by hand
// (the tier and reason checked by the caller); ECONFLICT when it is on the
// list already.
func (tx *Tx) putManualEntry(ctx context.Context, c auth.Caller, rec *enterprise.Record, tier, reason string) (*cultivation.Entry, error) {
	id := rec.ID
	old, _, err := tx.getBackupEntry(ctx, c, id, tier)
	if err != nil && !apperr.Is(err, apperr.ENOTFOUND) {
		return nil, err
	}
	if old != nil && old.Status != cultivation.StatusRemoved {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该企业已在%s后备清单中（%s）", cultivation.TierName(tier), cultivation.StatusName(old.Status))
	}
	e := &cultivation.Entry{EnterpriseID: id, Tier: tier, Status: cultivation.StatusReserve, Reason: reason,
		Source: cultivation.SourceManual, AddedBy: c.UserID, DecidedBy: decider(c), Since: tx.now, UpdatedAt: tx.now, Version: 1}
	if err := tx.putBackupEntry(ctx, old, e); err != nil {
		return nil, err
	}
	return e, tx.audit(ctx, c, auditRow{action: "backup_list.add", entity: "backup_list_entry",
		entityID: strconv.FormatInt(e.ID, 10), region: rec.Region, before: auditBackup(old), after: auditBackup(e)})
}

// ChangeBackupEntry sets the status of an enterprise's entry on a tier, by
// an official, from the version the change was made from (0: EPRECONDITION,
// another: ECONFLICT). The decision then holds against the rules.
func (tx *Tx) ChangeBackupEntry(ctx context.Context, id int64, tier string, version int64, ch cultivation.Change) (*cultivation.Entry, error) {
	e, err := tx.changeBackupEntry(ctx, id, tier, version, ch)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: change backup entry %d %s: %w", id, tier, err)
	}
	return e, nil
}

func (tx *Tx) changeBackupEntry(ctx context.Context, id int64, tier string, version int64, ch cultivation.Change) (*cultivation.Entry, error) {
	c, err := officialFor(ctx, tier)
	if err != nil {
		return nil, err
	}
	ch.Note = strings.TrimSpace(ch.Note)
	if err := ch.Check(); err != nil {
		return nil, err
	}
	old, region, err := tx.getBackupEntry(ctx, c, id, tier)
	if err != nil {
		return nil, err
	}
	switch {
	case version == 0:
		return nil, apperr.Errorf(apperr.EPRECONDITION, "修改后备清单须注明所依据的版本（If-Match 或 version），以免覆盖他人的修改")
	case version != old.Version:
		return nil, apperr.Errorf(apperr.ECONFLICT, "该后备清单条目已被他人修改，请刷新后重试")
	}
	e := *old
	e.Status, e.Note, e.DecidedBy = ch.Status, ch.Note, decider(c)
	if err := tx.putBackupEntry(ctx, old, &e); err != nil {
		return nil, err
	}
	return &e, tx.audit(ctx, c, auditRow{action: "backup_list.status", entity: "backup_list_entry",
		entityID: strconv.FormatInt(e.ID, 10), region: region, before: auditBackup(old), after: auditBackup(&e)})
}

// decider is who an official's decision is recorded as: the account, or -1
// for the system account (the demo, the command line), whose decisions hold
// against the rules as well.
func decider(c auth.Caller) int64 {
	if c.UserID == 0 {
		return -1
	}
	return c.UserID
}

// putBackupEntry inserts e (old nil) or writes it over old, conditional on
// old's version; e gets its id, version and time.
func (tx *Tx) putBackupEntry(ctx context.Context, old, e *cultivation.Entry) error {
	e.UpdatedAt = tx.now
	if old == nil {
		e.Version = 1
		if e.Since.IsZero() {
			e.Since = tx.now
		}
		err := tx.queryRow(ctx, `INSERT INTO backup_list_entries (enterprise_id, tier, status, reason, source, note,
			added_by, decided_by, since, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			e.EnterpriseID, e.Tier, e.Status, e.Reason, e.Source, e.Note, nullInt64(e.AddedBy), nullInt64(e.DecidedBy),
			ts(e.Since), ts(e.UpdatedAt), e.Version).Scan(&e.ID)
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "该企业已在后备清单中，请刷新后重试")
		}
		return err
	}
	e.ID, e.Version = old.ID, old.Version+1
	res, err := tx.exec(ctx, `UPDATE backup_list_entries SET status = $1, reason = $2, source = $3, note = $4,
		added_by = $5, decided_by = $6, since = $7, updated_at = $8, version = $9 WHERE id = $10 AND version = $11`,
		e.Status, e.Reason, e.Source, e.Note, nullInt64(e.AddedBy), nullInt64(e.DecidedBy), ts(e.Since), ts(e.UpdatedAt),
		e.Version, e.ID, old.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "该后备清单条目已被他人修改，请刷新后重试")
	}
	return nil
}

// cst is the bureau's time zone: titles are valid by its calendar day.
var cst = time.FixedZone("CST", 8*3600)

// refreshBackupLists applies the inclusion rules (s.Lists; none set: no
// lists are kept) to r as just written, in the write's transaction, as the
// caller who wrote it: each change of an entry has its audit row.
func (tx *Tx) refreshBackupLists(ctx context.Context, c auth.Caller, r *enterprise.Record) error {
	in := tx.store.Lists
	if in == nil {
		return nil
	}
	rows, err := tx.query(ctx, `SELECT `+backupEntryColumns+` FROM backup_list_entries b WHERE b.enterprise_id = $1`, r.ID)
	if err != nil {
		return fmt.Errorf("backup lists: %w", err)
	}
	var existing []cultivation.Entry
	for rows.Next() {
		var e cultivation.Entry
		if err := scanBackupEntry(rows, &e); err != nil {
			rows.Close()
			return fmt.Errorf("backup lists: %w", err)
		}
		existing = append(existing, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backup lists: %w", err)
	}
	rec, err := tx.inclusionRecords(ctx, r.ID)
	if err != nil {
		return fmt.Errorf("backup lists: %w", err)
	}
	y, m, d := tx.now.In(cst).Date()
	for _, act := range in.PlanWith(r.Profile, existing, profile.Date{Y: y, M: m, D: d}, r.Status == enterprise.StatusActive, rec) {
		if err := tx.applyBackupAction(ctx, c, r, act); err != nil {
			return fmt.Errorf("backup lists: %w", err)
		}
	}
	return nil
}

func (tx *Tx) applyBackupAction(ctx context.Context, c auth.Caller, r *enterprise.Record, act cultivation.Action) error {
	e := act.Entry
	e.EnterpriseID = r.ID
	row := auditRow{action: "backup_list." + string(act.Op), entity: "backup_list_entry", region: r.Region,
		before: auditBackup(act.Before)}
	switch act.Op {
	case cultivation.OpDrop:
		if _, err := tx.exec(ctx, `DELETE FROM backup_list_entries WHERE id = $1`, e.ID); err != nil {
			return err
		}
	case cultivation.OpRecognize:
		e.Note = "已持有有效的" + cultivation.TierName(e.Tier) + "称号"
		fallthrough
	default:
		if err := tx.putBackupEntry(ctx, act.Before, &e); err != nil {
			return err
		}
		row.after = auditBackup(&e)
	}
	row.entityID = strconv.FormatInt(e.ID, 10)
	return tx.audit(ctx, c, row)
}

// RefreshBackupLists applies the inclusion rules to the enterprise with the
// id, as the caller (the nightly job: the system), in the caller's scope.
func (tx *Tx) RefreshBackupLists(ctx context.Context, id int64) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: refresh backup lists %d: %w", id, err)
	}
	r, err := tx.getEnterprise(ctx, c, "e.id", id)
	if err == nil {
		err = tx.refreshBackupLists(ctx, c, r)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: refresh backup lists %d: %w", id, err)
	}
	return nil
}

// RefreshBackupListsOf applies the inclusion rules to r, a record just
// written in this transaction (a bulk load, which refreshes nothing by
// itself), as the caller.
func (tx *Tx) RefreshBackupListsOf(ctx context.Context, r *enterprise.Record) error {
	c, err := callerFrom(ctx)
	if err == nil {
		err = tx.refreshBackupLists(ctx, c, r)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: refresh backup lists %d: %w", r.ID, err)
	}
	return nil
}

// ListBackupEntries is Tx.ListBackupEntries in its own read transaction.
func (s *Store) ListBackupEntries(ctx context.Context, f cultivation.Filter) (items []*cultivation.Entry, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		items, total, err = tx.ListBackupEntries(ctx, f)
		return err
	})
	return items, total, err
}

// EnterpriseBackupEntries is Tx.EnterpriseBackupEntries in its own read
// transaction.
func (s *Store) EnterpriseBackupEntries(ctx context.Context, id int64) (items []*cultivation.Entry, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		items, err = tx.EnterpriseBackupEntries(ctx, id)
		return err
	})
	return items, err
}

// AddBackupEntry is Tx.AddBackupEntry in its own transaction.
func (s *Store) AddBackupEntry(ctx context.Context, id int64, tier, reason string) (e *cultivation.Entry, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		e, err = tx.AddBackupEntry(ctx, id, tier, reason)
		return err
	})
	return e, err
}

// ChangeBackupEntry is Tx.ChangeBackupEntry in its own transaction.
func (s *Store) ChangeBackupEntry(ctx context.Context, id int64, tier string, version int64, ch cultivation.Change) (e *cultivation.Entry, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		e, err = tx.ChangeBackupEntry(ctx, id, tier, version, ch)
		return err
	})
	return e, err
}

// BackupChange is one entry of a bulk status change: the enterprise and the
// entry version the official saw.
type BackupChange struct {
	EnterpriseID int64
	Version      int64
}

// ChangeBackupEntries sets the status of several entries of one tier in one
// transaction: any refused (out of scope, changed since) changes none.
func (s *Store) ChangeBackupEntries(ctx context.Context, tier string, list []BackupChange, ch cultivation.Change) error {
	return s.WithTx(ctx, func(tx *Tx) error {
		for _, x := range list {
			if _, err := tx.ChangeBackupEntry(ctx, x.EnterpriseID, tier, x.Version, ch); err != nil {
				return err
			}
		}
		return nil
	})
}

// RefreshBackupLists is Tx.RefreshBackupLists in its own transaction.
func (s *Store) RefreshBackupLists(ctx context.Context, id int64) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.RefreshBackupLists(ctx, id) })
}

// EachBackupEntry streams every entry of f's list (Limit and Offset
// ignored) in the list's order, for an export, page by page in one read
// snapshot.
func (s *Store) EachBackupEntry(ctx context.Context, f cultivation.Filter) iter.Seq2[*cultivation.Entry, error] {
	return streamPages(ctx, s, "each backup entry", func(tx *Tx, offset int) ([]*cultivation.Entry, error) {
		f.Limit, f.Offset = exportPage, offset
		items, _, err := tx.listBackupEntries(ctx, f)
		return items, err
	})
}
