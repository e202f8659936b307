package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/targets"
)

// Targets (培育目标): the city sets them, officials read them. A district
// official reads its district's rows and the city's (the number its own
// share is measured against), never another district's.

const targetColumns = `t.id, t.year, t.tier, t.region, t.target, t.basis, t.set_by, t.set_at, t.version`

func scanTarget(row scanner) (*targets.Target, error) {
	var t targets.Target
	if err := row.Scan(&t.ID, &t.Year, &t.Tier, &t.Region, &t.Target, &t.Basis, int64Col{&t.SetBy}, timeCol{&t.SetAt}, &t.Version); err != nil {
		return nil, err
	}
	return &t, nil
}

// targetScope limits targets (alias t) to those c may read.
func targetScope(c auth.Caller, a *args) string {
	if c.Role == auth.RoleDistrict {
		return "t.region IN (" + a.add(targets.CityRegion) + ", " + a.add(c.Region) + ")"
	}
	return ""
}

// ListTargets returns the targets of year (0: every year) in the caller's
// scope, by year, tier and region.
func (tx *Tx) ListTargets(ctx context.Context, year int) ([]*targets.Target, error) {
	out, err := tx.listTargets(ctx, year)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list targets: %w", err)
	}
	return out, nil
}

func (tx *Tx) listTargets(ctx context.Context, year int) ([]*targets.Target, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "查看培育目标"); err != nil {
		return nil, err
	}
	var a args
	conds := []string{targetScope(c, &a)}
	if year != 0 {
		conds = append(conds, "t.year = "+a.add(year))
	}
	rows, err := tx.query(ctx, `SELECT `+targetColumns+` FROM targets t`+where(conds...)+` ORDER BY t.year, t.tier, t.region`, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*targets.Target
	for rows.Next() {
		t, err := scanTarget(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SetTarget records t: a new target when t.Version is 0 (ECONFLICT if the
// year, tier and region has one already), else a change of the target
// t.Version read (ECONFLICT if it changed since). The city only; audited in
// the same transaction with the value before.
func (tx *Tx) SetTarget(ctx context.Context, t *targets.Target) error {
	if err := tx.setTarget(ctx, t); err != nil {
		return fmt.Errorf("sqlstore: set target: %w", err)
	}
	return nil
}

func (tx *Tx) setTarget(ctx context.Context, t *targets.Target) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	t.Basis = strings.TrimSpace(t.Basis)
	ps := t.Problems()
	if len(ps) == 0 && t.Region != targets.CityRegion {
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM regions WHERE code = $1`, t.Region).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			ps = append(ps, cultivation.Problem{Path: "region", Message: "region：没有编码为“" + t.Region + "”的区县（市）",
				MessageEN: "region: no district has the code " + strconv.Quote(t.Region)})
		}
	}
	if len(ps) > 0 {
		return apperr.Wrap(cultivation.Problems(ps), apperr.EINVALID, "培育目标有误："+problemText(ps))
	}
	old, err := scanTarget(tx.queryRow(ctx, `SELECT `+targetColumns+` FROM targets t WHERE t.year = $1 AND t.tier = $2 AND t.region = $3`,
		t.Year, t.Tier, t.Region))
	if err = notFound(err, ""); err != nil && !apperr.Is(err, apperr.ENOTFOUND) {
		return err
	}
	switch {
	case old == nil && t.Version != 0:
		return apperr.Errorf(apperr.ECONFLICT, "该目标已被删除或尚未设定，请刷新后重试")
	case old != nil && t.Version == 0:
		return apperr.Errorf(apperr.ECONFLICT, "%d年该梯度、该区域的目标已设定，请在原目标上修改", t.Year)
	case old != nil && old.Version != t.Version:
		return apperr.Errorf(apperr.ECONFLICT, "该目标已被他人修改，请刷新后重试")
	}
	t.SetBy, t.SetAt = c.UserID, tx.now
	action, before := "target.create", any(nil)
	if old == nil {
		t.Version = 1
		err = tx.queryRow(ctx, `INSERT INTO targets (year, tier, region, target, basis, set_by, set_at, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			t.Year, t.Tier, t.Region, t.Target, t.Basis, nullInt64(t.SetBy), ts(t.SetAt), t.Version).Scan(&t.ID)
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "该目标已由他人设定，请刷新后重试")
		}
		if err != nil {
			return err
		}
	} else {
		action, before = "target.update", old
		t.ID, t.Version = old.ID, old.Version+1
		res, err := tx.exec(ctx, `UPDATE targets SET target = $1, basis = $2, set_by = $3, set_at = $4, version = $5
			WHERE id = $6 AND version = $7`, t.Target, t.Basis, nullInt64(t.SetBy), ts(t.SetAt), t.Version, old.ID, old.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return apperr.Errorf(apperr.ECONFLICT, "该目标已被他人修改，请刷新后重试")
		}
	}
	region := t.Region
	if region == targets.CityRegion {
		region = ""
	}
	return tx.audit(ctx, c, auditRow{action: action, entity: "target", entityID: strconv.FormatInt(t.ID, 10),
		region: region, before: before, after: t})
}

// problemText joins the problems' Chinese messages.
func problemText(ps []cultivation.Problem) string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "；")
}

// ListTargets is Tx.ListTargets in its own read transaction.
func (s *Store) ListTargets(ctx context.Context, year int) (out []*targets.Target, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListTargets(ctx, year)
		return err
	})
	return out, err
}

// SetTarget is Tx.SetTarget in its own transaction.
func (s *Store) SetTarget(ctx context.Context, t *targets.Target) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SetTarget(ctx, t) })
}
