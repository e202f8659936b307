package sqlstore

import (
	"context"
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
	rows, err := tx.query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE entity = 'enterprise' AND entity_id = $1
		ORDER BY at DESC, id DESC LIMIT $2`, strconv.FormatInt(id, 10), n)
	if err != nil {
		return nil, err
	}
	return scanAudit(rows)
}

// ListEnterpriseHistory is Tx.ListEnterpriseHistory in its own read transaction.
func (s *Store) ListEnterpriseHistory(ctx context.Context, id int64, limit int) (out []*auth.AuditEntry, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListEnterpriseHistory(ctx, id, limit)
		return err
	})
	return out, err
}
