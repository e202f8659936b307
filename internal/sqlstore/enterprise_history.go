package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"zjtx/internal/auth"
)

// ListEnterpriseHistory returns the audit rows of one enterprise record
// (entity "enterprise": creation and every update), newest first, at most
// limit of them. The audit log as a whole is the city's (ListAudit); a
// record's own history is readable by whoever may read the record, so the
// enterprise must be in the caller's scope (else ENOTFOUND, as for the
// record itself).
func (tx *Tx) ListEnterpriseHistory(ctx context.Context, id int64, limit int) ([]*auth.AuditEntry, error) {
	out, err := tx.listEnterpriseHistory(ctx, id, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise history %d: %w", id, err)
	}
	return out, nil
}

func (tx *Tx) listEnterpriseHistory(ctx context.Context, id int64, limit int) ([]*auth.AuditEntry, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := tx.getEnterprise(ctx, c, "e.id", id); err != nil {
		return nil, err
	}
	n, _ := page(limit, 0)
	rows, err := tx.query(ctx, `SELECT id, at, actor_id, actor, actor_role, action, entity, entity_id, region,
		before_json, after_json FROM audit_log WHERE entity = 'enterprise' AND entity_id = $1
		ORDER BY at DESC, id DESC LIMIT $2`, strconv.FormatInt(id, 10), n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*auth.AuditEntry
	for rows.Next() {
		var e auth.AuditEntry
		var role, before, after string
		if err := rows.Scan(&e.ID, timeCol{&e.At}, int64Col{&e.ActorID}, &e.Actor, &role, &e.Action, &e.Entity,
			&e.EntityID, stringCol{&e.Region}, stringCol{&before}, stringCol{&after}); err != nil {
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

// ListEnterpriseHistory is Tx.ListEnterpriseHistory in its own read transaction.
func (s *Store) ListEnterpriseHistory(ctx context.Context, id int64, limit int) (out []*auth.AuditEntry, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListEnterpriseHistory(ctx, id, limit)
		return err
	})
	return out, err
}
