package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// RecognitionFilter selects recognitions; the caller's scope always applies.
type RecognitionFilter struct {
	EnterpriseID int64
	Tier         string
	Region       string
	Limit        int // 0: all
	Offset       int
}

const recognitionColumns = `r.id, r.enterprise_id, r.tier, r.level, r.batch, r.doc_no, r.recognized_on, r.valid_to,
	r.ruleset, r.review_result, r.reviewed_on, r.change_kind, r.changed_on, r.version, r.created_at, r.updated_at,
	e.name, e.uscc, e.region`

// dateCol scans a YYYY-MM-DD text column (NULL: the zero date).
type dateCol struct{ d *profile.Date }

func (c dateCol) Scan(v any) error {
	var s string
	if err := (stringCol{&s}).Scan(v); err != nil || s == "" {
		*c.d = profile.Date{}
		return err
	}
	d, err := profile.ParseDate(s)
	*c.d = d
	return err
}

// nullDate is d as text, NULL for the zero date.
func nullDate(d profile.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func scanRecognition(row scanner) (*cultivation.Recognition, error) {
	var r cultivation.Recognition
	err := row.Scan(&r.ID, &r.EnterpriseID, &r.Tier, &r.Level, &r.Batch, &r.DocNo, dateCol{&r.RecognizedOn}, dateCol{&r.ValidTo},
		&r.RuleSet, &r.ReviewResult, dateCol{&r.ReviewedOn}, &r.ChangeKind, dateCol{&r.ChangedOn}, &r.Version,
		timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}, &r.EnterpriseName, &r.USCC, &r.Region)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// auditRecognition is what the audit log keeps of a recognition: its
// fields without the times (the audit row has its own).
func auditRecognition(r *cultivation.Recognition) cultivation.Recognition {
	c := *r
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	return c
}

// checkRecognition normalises r and refuses it with every bad field.
func checkRecognition(r *cultivation.Recognition) error {
	r.Normalize()
	return invalid("认定信息有误", r.Validate())
}

// invalid refuses an input with every problem found, each naming its field
// (nil for none); what heads the message.
func invalid(what string, ps []cultivation.Problem) error {
	if len(ps) == 0 {
		return nil
	}
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Message
	}
	return apperr.Wrap(cultivation.Problems(ps), apperr.EINVALID, what+"："+strings.Join(msgs, "；"))
}

// ListRecognitions returns the recognitions of f in the caller's scope,
// newest first, and how many match.
func (tx *Tx) ListRecognitions(ctx context.Context, f RecognitionFilter) ([]*cultivation.Recognition, int, error) {
	out, n, err := tx.listRecognitions(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list recognitions: %w", err)
	}
	return out, n, nil
}

func (tx *Tx) listRecognitions(ctx context.Context, f RecognitionFilter) ([]*cultivation.Recognition, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := []string{enterpriseScope(c, &a)}
	if f.EnterpriseID != 0 {
		conds = append(conds, "r.enterprise_id = "+a.add(f.EnterpriseID))
	}
	if f.Tier != "" {
		conds = append(conds, "r.tier = "+a.add(f.Tier))
	}
	if f.Region != "" {
		conds = append(conds, "e.region = "+a.add(f.Region))
	}
	from := ` FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id` + where(conds...)
	var total int
	if err := tx.queryRow(ctx, `SELECT count(*)`+from, a...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT ` + recognitionColumns + from + ` ORDER BY r.recognized_on DESC, r.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + a.add(f.Limit) + ` OFFSET ` + a.add(f.Offset)
	}
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*cultivation.Recognition
	for rows.Next() {
		r, err := scanRecognition(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// GetRecognition returns a recognition in the caller's scope; any other is
// ENOTFOUND.
func (tx *Tx) GetRecognition(ctx context.Context, id int64) (*cultivation.Recognition, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get recognition %d: %w", id, err)
	}
	var a args
	q := `SELECT ` + recognitionColumns + ` FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id
		WHERE r.id = ` + a.add(id) + and(enterpriseScope(c, &a))
	r, err := scanRecognition(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get recognition %d: %w", id, notFound(err, "认定记录不存在或无权查看"))
	}
	return r, nil
}

// SaveRecognition records r: a new recognition, or, when the enterprise
// already has one of the same tier and batch, an update of that one (a
// re-import of the same notice changes nothing twice). It reflects the
// title into the enterprise's profile through the enterprise write path
// (version, field authority, audit), and audits the recognition, all in
// tx. created says which it was. Officials only, within their district.
func (tx *Tx) SaveRecognition(ctx context.Context, r *cultivation.Recognition) (created bool, err error) {
	created, err = tx.saveRecognition(ctx, r, true)
	if err != nil {
		return false, fmt.Errorf("sqlstore: save recognition: %w", err)
	}
	return created, nil
}

// UpdateRecognition changes the recognition r.ID, made from r.Version.
func (tx *Tx) UpdateRecognition(ctx context.Context, r *cultivation.Recognition) error {
	if r.Version == 0 {
		return apperr.Errorf(apperr.EPRECONDITION, "修改认定记录须注明所依据的版本（version）")
	}
	if _, err := tx.saveRecognition(ctx, r, false); err != nil {
		return fmt.Errorf("sqlstore: update recognition %d: %w", r.ID, err)
	}
	return nil
}

func (tx *Tx) saveRecognition(ctx context.Context, r *cultivation.Recognition, upsert bool) (bool, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return false, err
	}
	if err := requireOfficial(c, "登记认定"); err != nil {
		return false, err
	}
	if err := checkRecognition(r); err != nil {
		return false, err
	}
	var old *cultivation.Recognition
	if upsert {
		old, err = tx.findRecognition(ctx, c, r.EnterpriseID, r.Tier, r.Batch)
	} else {
		old, err = tx.GetRecognition(ctx, r.ID)
		if err == nil && old.Version != r.Version {
			err = apperr.Errorf(apperr.ECONFLICT, "该认定记录已被他人修改，请刷新后重试")
		}
		if err == nil && old.EnterpriseID != r.EnterpriseID {
			err = apperr.Errorf(apperr.EINVALID, "认定记录不能改属其他企业")
		}
	}
	if err != nil {
		return false, err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", r.EnterpriseID)
	if err != nil {
		return false, err
	}
	if old == nil {
		r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
		err = tx.insertRecognition(ctx, r)
		if err != nil {
			if violation(err) == violUnique {
				return false, apperr.Wrap(err, apperr.ECONFLICT, "该企业同一梯度、同一批次的认定已登记")
			}
			return false, err
		}
	} else {
		r.ID, r.Version, r.CreatedAt, r.UpdatedAt = old.ID, old.Version+1, old.CreatedAt, tx.now
		res, err := tx.exec(ctx, `UPDATE recognitions SET tier = $1, level = $2, batch = $3, doc_no = $4, recognized_on = $5,
			valid_to = $6, ruleset = $7, review_result = $8, reviewed_on = $9, change_kind = $10, changed_on = $11,
			version = $12, updated_at = $13 WHERE id = $14 AND version = $15`,
			r.Tier, r.Level, r.Batch, r.DocNo, r.RecognizedOn.String(), r.ValidTo.String(), r.RuleSet, r.ReviewResult,
			nullDate(r.ReviewedOn), r.ChangeKind, nullDate(r.ChangedOn), r.Version, ts(tx.now), old.ID, old.Version)
		if err != nil {
			if violation(err) == violUnique {
				return false, apperr.Wrap(err, apperr.ECONFLICT, "该企业同一梯度、同一批次的认定已登记")
			}
			return false, err
		}
		if n, err := res.RowsAffected(); err != nil {
			return false, err
		} else if n != 1 {
			return false, apperr.Errorf(apperr.ECONFLICT, "该认定记录已被他人修改，请刷新后重试")
		}
	}
	r.EnterpriseName, r.USCC, r.Region = ent.Name, ent.USCC, ent.Region
	if _, err := tx.ModifyEnterprise(ctx, ent.ID, ent.Version, func(e *enterprise.Record) error {
		if old != nil && old.Tier != r.Tier {
			if err := tx.titleFromRest(ctx, e.Profile, old.EnterpriseID, old.Tier); err != nil {
				return err
			}
		}
		cultivation.Reflect(e.Profile, r)
		return nil
	}); err != nil {
		return false, err
	}
	action, before := "recognition.create", any(nil)
	if old != nil {
		action, before = "recognition.update", auditRecognition(old)
	}
	return old == nil, tx.audit(ctx, c, auditRow{action: action, entity: "recognition",
		entityID: strconv.FormatInt(r.ID, 10), region: ent.Region, before: before, after: auditRecognition(r)})
}

// findRecognition returns the recognition of an enterprise for a tier and
// batch, or nil.
func (tx *Tx) findRecognition(ctx context.Context, c auth.Caller, eid int64, tier, batch string) (*cultivation.Recognition, error) {
	var a args
	q := `SELECT ` + recognitionColumns + ` FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id
		WHERE r.enterprise_id = ` + a.add(eid) + ` AND r.tier = ` + a.add(tier) + ` AND r.batch = ` + a.add(batch) +
		and(enterpriseScope(c, &a))
	r, err := scanRecognition(tx.queryRow(ctx, q, a...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return r, err
}

// DeleteRecognition removes a recognition made from version; the title
// leaves the profile when no other recognition of its tier remains.
func (tx *Tx) DeleteRecognition(ctx context.Context, id, version int64) error {
	if err := tx.deleteRecognition(ctx, id, version); err != nil {
		return fmt.Errorf("sqlstore: delete recognition %d: %w", id, err)
	}
	return nil
}

func (tx *Tx) deleteRecognition(ctx context.Context, id, version int64) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "登记认定"); err != nil {
		return err
	}
	old, err := tx.GetRecognition(ctx, id)
	if err != nil {
		return err
	}
	if version != old.Version {
		return apperr.Errorf(apperr.ECONFLICT, "该认定记录已被他人修改，请刷新后重试")
	}
	if _, err := tx.exec(ctx, `DELETE FROM recognitions WHERE id = $1 AND version = $2`, id, version); err != nil {
		return err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", old.EnterpriseID)
	if err != nil {
		return err
	}
	if _, err := tx.ModifyEnterprise(ctx, ent.ID, ent.Version, func(e *enterprise.Record) error {
		return tx.titleFromRest(ctx, e.Profile, old.EnterpriseID, old.Tier)
	}); err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "recognition.delete", entity: "recognition",
		entityID: strconv.FormatInt(id, 10), region: old.Region, before: auditRecognition(old)})
}

// ListRecognitions is Tx.ListRecognitions in its own read transaction.
func (s *Store) ListRecognitions(ctx context.Context, f RecognitionFilter) (out []*cultivation.Recognition, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, total, err = tx.ListRecognitions(ctx, f)
		return err
	})
	return out, total, err
}

// GetRecognition is Tx.GetRecognition in its own read transaction.
func (s *Store) GetRecognition(ctx context.Context, id int64) (r *cultivation.Recognition, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		r, err = tx.GetRecognition(ctx, id)
		return err
	})
	return r, err
}

// SaveRecognition is Tx.SaveRecognition in its own transaction.
func (s *Store) SaveRecognition(ctx context.Context, r *cultivation.Recognition) (created bool, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		created, err = tx.SaveRecognition(ctx, r)
		return err
	})
	return created, err
}

// UpdateRecognition is Tx.UpdateRecognition in its own transaction.
func (s *Store) UpdateRecognition(ctx context.Context, r *cultivation.Recognition) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.UpdateRecognition(ctx, r) })
}

// DeleteRecognition is Tx.DeleteRecognition in its own transaction.
func (s *Store) DeleteRecognition(ctx context.Context, id, version int64) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.DeleteRecognition(ctx, id, version) })
}

// titleFromRest sets the title of tier in p from the enterprise's latest
// remaining recognition of that tier, or removes it when none remains: what
// a deleted recognition, or one moved to another tier, leaves behind.
func (tx *Tx) titleFromRest(ctx context.Context, p *profile.Profile, eid int64, tier string) error {
	rest, _, err := tx.listRecognitions(ctx, RecognitionFilter{EnterpriseID: eid, Tier: tier})
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		cultivation.Unreflect(p, tier)
	} else {
		cultivation.Reflect(p, rest[0])
	}
	return nil
}
