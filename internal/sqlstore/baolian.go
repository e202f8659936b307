package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/cultivation"
)

// 包联帮扶: assignments, visits and the issue ledger. Every query joins the
// enterprise row and its district scope (enterpriseScope), so a district
// official sees and changes the records of the district's enterprises only,
// an enterprise account its own, and any other is not found. Institution
// and bank accounts have no part in it.

// baolianReader returns the caller if it may read 包联 records: officials
// and enterprise accounts.
func baolianReader(ctx context.Context) (auth.Caller, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return c, err
	}
	if c.Role != auth.RoleCity && c.Role != auth.RoleDistrict && c.Role != auth.RoleEnterprise {
		return c, apperr.Errorf(apperr.EFORBIDDEN, "无权查看包联帮扶记录")
	}
	return c, nil
}

// baolianOfficial returns the caller if an official.
func baolianOfficial(ctx context.Context) (auth.Caller, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "维护包联帮扶记录")
	}
	return c, err
}

// scopedEnterprise is an enterprise's name and district, if in c's scope.
func (tx *Tx) scopedEnterprise(ctx context.Context, c auth.Caller, id int64) (name, region string, err error) {
	var a args
	q := `SELECT e.name, e.region FROM enterprises e WHERE e.id = ` + a.add(id) + and(bureauScope(c, &a))
	err = tx.queryRow(ctx, q, a...).Scan(&name, &region)
	return name, region, notFound(err, "企业不存在或无权查看")
}

// checkOfficial checks that the account id may be designated beside an
// enterprise of region: an enabled district account of that district, or a
// city account.
func (tx *Tx) checkOfficial(ctx context.Context, id int64, region string) error {
	var role, reg string
	var disabled bool
	err := tx.queryRow(ctx, `SELECT role, COALESCE(region, ''), disabled FROM users WHERE id = $1`, id).Scan(&role, &reg, &disabled)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	ok := err == nil && !disabled && (role == string(auth.RoleCity) || role == string(auth.RoleDistrict) && reg == region)
	if !ok {
		return apperr.Errorf(apperr.EINVALID, "official_id：包联干部须为企业所在区县（或市工信局）的在用工信部门账号")
	}
	return nil
}

// highestTier is the highest backup list enterprise id is on (not removed,
// not yet recognised on it), "" for none: the cadence of its visits.
func (tx *Tx) highestTier(ctx context.Context, id int64) (string, error) {
	rows, err := tx.query(ctx, `SELECT tier FROM backup_list_entries WHERE enterprise_id = $1 AND status NOT IN ('removed', 'recognized', 'rejected')`, id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	best, rank := "", -1
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return "", err
		}
		for i, x := range cultivation.Tiers {
			if x == t && i > rank {
				best, rank = t, i
			}
		}
	}
	return best, rows.Err()
}

// today is the transaction's date in the bureau's time zone.
func (tx *Tx) today() time.Time { return baolian.Date(tx.now) }

// day stores a date as YYYY-MM-DD (NULL for the zero date).
func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

// dayCol scans a stored date (or NULL, as the zero time).
type dayCol struct{ t *time.Time }

func (c dayCol) Scan(v any) error {
	var s sql.NullString
	if err := s.Scan(v); err != nil {
		return err
	}
	if !s.Valid || s.String == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.DateOnly, s.String)
	if err != nil {
		return fmt.Errorf("date %q: %w", s.String, err)
	}
	*c.t = t
	return nil
}

// SetNow dates the operations that follow in the transaction at t: for a
// loader that replays a history (the demo's year of visits and issues), so
// that deadlines, visit dates and audit rows read as they would have.
func (tx *Tx) SetNow(t time.Time) { tx.now = t.UTC().Truncate(time.Microsecond) }

// scopedPage counts the rows of from and cond, then reads the page of them
// (limit 0: all) in order, each by scan: what the 包联 lists share.
func scopedPage[T any](ctx context.Context, tx *Tx, cols, from, cond, order string, a args, limit, offset int,
	scan func(scanner) (T, error)) ([]T, int, error) {
	var total int
	if err := tx.queryRow(ctx, "SELECT count(*)"+from+cond, a...).Scan(&total); err != nil {
		return nil, 0, err
	}
	items := []T{}
	if total <= offset {
		return items, total, nil
	}
	rows, err := tx.query(ctx, "SELECT "+cols+from+cond+order+limitClause(&a, limit, offset), a...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		it, err := scan(rows)
		if err != nil {
			return nil, 0, err
		}
		items = append(items, it)
	}
	return items, total, rows.Err()
}

// commonConds are the conditions every 包联 list starts from: the caller's
// scope, then the enterprise, the official and the district asked for
// (zero: any), on the table of alias t.
func commonConds(c auth.Caller, a *args, t string, enterpriseID, officialID int64, region string) []string {
	conds := []string{bureauScope(c, a)}
	if enterpriseID > 0 {
		conds = append(conds, t+".enterprise_id = "+a.add(enterpriseID))
	}
	if officialID > 0 {
		conds = append(conds, t+".official_id = "+a.add(officialID))
	}
	if region != "" {
		conds = append(conds, "e.region = "+a.add(region))
	}
	return conds
}
