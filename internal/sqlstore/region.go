package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/auth"
)

// ListRegions returns the county-level units in display order. Regions are
// public reference data: any caller, or none, may read them.
func (tx *Tx) ListRegions(ctx context.Context) ([]auth.Region, error) {
	rows, err := tx.query(ctx, `SELECT code, name, kind, national FROM regions ORDER BY sort_order, code`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list regions: %w", err)
	}
	defer rows.Close()
	var out []auth.Region
	for rows.Next() {
		var r auth.Region
		if err := rows.Scan(&r.Code, &r.Name, &r.Kind, &r.National); err != nil {
			return nil, fmt.Errorf("sqlstore: list regions: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: list regions: %w", err)
	}
	return out, nil
}

// ListRegions is Tx.ListRegions in its own read transaction.
func (s *Store) ListRegions(ctx context.Context) (out []auth.Region, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListRegions(ctx)
		return err
	})
	return out, err
}
