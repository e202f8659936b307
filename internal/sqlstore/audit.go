package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"zjtx/internal/auth"
)

// auditRow is one change to record.
type auditRow struct {
	action   string // entity.verb, e.g. enterprise.update
	entity   string
	entityID string
	region   string
	before   any // marshalled to JSON; nil: none
	after    any
}

// audit records r in tx, as c, at the transaction's time. Callers call it
// after the change and inside the same transaction. The row is written when
// the transaction commits (appendAudit, audit_chain.go), in the same
// transaction, so a change that rolls back leaves no audit row, and no change
// commits without one; writing them last keeps the chain's lock the last
// lock a transaction takes.
func (tx *Tx) audit(ctx context.Context, c auth.Caller, r auditRow) error {
	before, err := auditJSON(r.before)
	if err != nil {
		return err
	}
	after, err := auditJSON(r.after)
	if err != nil {
		return err
	}
	tx.pending = append(tx.pending, chainRow{
		At: ts(tx.now), ActorID: c.UserID, Actor: c.Username, ActorRole: string(c.Role),
		Action: r.action, Entity: r.entity, EntityID: r.entityID, Region: r.region,
		Before: before, After: after, ClientAddr: auth.AddrOf(ctx),
	})
	tx.origin = auth.OriginFrom(ctx)
	return nil
}

// auditJSON is v as JSON, "" (stored as NULL) for nil.
func auditJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}

// ListAudit returns audit entries matching f, newest first, and how many
// match in all, with the names of their actors and records and the size of
// their groups. Only city officials read the audit log.
func (tx *Tx) ListAudit(ctx context.Context, f auth.AuditFilter) ([]*auth.AuditEntry, int, error) {
	out, total, err := tx.listAudit(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list audit: %w", err)
	}
	return out, total, nil
}

func (tx *Tx) listAudit(ctx context.Context, f auth.AuditFilter) ([]*auth.AuditEntry, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireCity(c); err != nil {
		return nil, 0, err
	}
	var a args
	cond := auditWhere(f, &a)
	var total int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM audit_log WHERE "+cond, a...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := page(f.Limit, f.Offset)
	out, err := tx.auditPage(ctx, cond, a, limit, offset)
	return out, total, err
}

// auditPage reads a page of the entries matching cond, newest first, and
// names them.
func (tx *Tx) auditPage(ctx context.Context, cond string, a args, limit, offset int64) ([]*auth.AuditEntry, error) {
	q := `SELECT ` + auditColumns + ` FROM audit_log WHERE ` + cond + ` ORDER BY at DESC, id DESC LIMIT ` + a.add(limit) + ` OFFSET ` + a.add(offset)
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	out, err := scanAudit(rows)
	if err != nil {
		return nil, err
	}
	if err := tx.nameAudit(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// auditWhere is the condition of f, its arguments added to a.
func auditWhere(f auth.AuditFilter, a *args) string {
	where := []string{"TRUE"}
	if f.ActorID != 0 {
		where = append(where, "actor_id = "+a.add(f.ActorID))
	}
	if f.Actor != "" {
		where = append(where, "actor = "+a.add(f.Actor))
	}
	if f.Action != "" {
		where = append(where, "action = "+a.add(f.Action))
	}
	if f.Entity != "" {
		where = append(where, "entity = "+a.add(f.Entity))
	}
	if f.EntityID != "" {
		where = append(where, "entity_id = "+a.add(f.EntityID))
	}
	if f.Region != "" {
		where = append(where, "region = "+a.add(f.Region))
	}
	if f.GroupID != 0 {
		where = append(where, "group_id = "+a.add(f.GroupID))
	}
	if !f.Since.IsZero() {
		where = append(where, "at >= "+a.add(ts(f.Since)))
	}
	if !f.Until.IsZero() {
		where = append(where, "at < "+a.add(ts(f.Until)))
	}
	return strings.Join(where, " AND ")
}

// EachAudit returns the entries matching f, newest first, one at a time, for
// an export of any length: they are read a page at a time, each page after
// the last one's (at, id), in one snapshot. f's limit and offset are ignored.
func (s *Store) EachAudit(ctx context.Context, f auth.AuditFilter) iter.Seq2[*auth.AuditEntry, error] {
	return func(yield func(*auth.AuditEntry, error) bool) {
		stopped := false
		err := s.stream(ctx, func(tx *Tx) error {
			c, err := callerFrom(ctx)
			if err != nil {
				return err
			}
			if err := requireCity(c); err != nil {
				return err
			}
			var last *auth.AuditEntry
			for {
				var a args
				cond := auditWhere(f, &a)
				if last != nil {
					at := a.add(ts(last.At))
					cond += " AND (at < " + at + " OR at = " + at + " AND id < " + a.add(last.ID) + ")"
				}
				items, err := tx.auditPage(ctx, cond, a, exportPage, 0)
				if err != nil {
					return err
				}
				for _, e := range items {
					if !yield(e, nil) {
						stopped = true
						return nil
					}
				}
				if len(items) < exportPage {
					return nil
				}
				last = items[len(items)-1]
			}
		})
		if err != nil && !stopped {
			yield(nil, fmt.Errorf("sqlstore: each audit: %w", err))
		}
	}
}

// ListAudit is Tx.ListAudit in its own read transaction.
func (s *Store) ListAudit(ctx context.Context, f auth.AuditFilter) (out []*auth.AuditEntry, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, total, err = tx.ListAudit(ctx, f)
		return err
	})
	return out, total, err
}

// Page sizes for lists without their own.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// page clamps a limit and offset to sane values.
func page(limit, offset int) (int64, int64) {
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	return int64(limit), int64(max(offset, 0))
}

// auditColumns are the columns scanAudit reads.
const auditColumns = `id, at, actor_id, actor, actor_role, action, entity, entity_id, region, before_json, after_json,
	seq, group_id, client_addr, hash, prev_hash`

// scanAudit reads the audit entries of rows, which select auditColumns, and
// closes them.
func scanAudit(rows *sql.Rows) ([]*auth.AuditEntry, error) {
	defer rows.Close()
	var out []*auth.AuditEntry
	for rows.Next() {
		var e auth.AuditEntry
		var role, before, after string
		if err := rows.Scan(&e.ID, timeCol{&e.At}, int64Col{&e.ActorID}, &e.Actor, &role, &e.Action, &e.Entity,
			&e.EntityID, stringCol{&e.Region}, stringCol{&before}, stringCol{&after},
			int64Col{&e.Seq}, int64Col{&e.GroupID}, stringCol{&e.ClientAddr}, stringCol{&e.Hash}, stringCol{&e.PrevHash}); err != nil {
			return nil, err
		}
		e.ActorRole = auth.Role(role)
		if before != "" {
			e.Before = json.RawMessage(before)
		}
		if after != "" {
			e.After = json.RawMessage(after)
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}
