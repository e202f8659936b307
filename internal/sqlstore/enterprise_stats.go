package sqlstore

import (
	"context"
	"fmt"
)

// TierCount is how many active enterprises of one district hold one tier as
// their highest title ("" for none): a cell of the home page's chart.
type TierCount struct {
	Region string
	Tier   string
	N      int
}

// EnterpriseStats counts the active (在营) enterprises in the caller's scope
// by district and highest title held, in district display order. Moved-out
// and closed records are left out: the counts are the programme's current
// population, not its history. The scope sits in the query like every list,
// so a district official's home page counts the district's enterprises
// only, and the chart cannot show what the list would hide.
func (tx *Tx) EnterpriseStats(ctx context.Context) ([]TierCount, error) {
	out, err := tx.enterpriseStats(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise stats: %w", err)
	}
	return out, nil
}

func (tx *Tx) enterpriseStats(ctx context.Context) ([]TierCount, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT e.region, e.tier, count(*) FROM enterprises e JOIN regions r ON r.code = e.region
		WHERE e.status = 'active'` + and(enterpriseScope(c, &a)) + `
		GROUP BY e.region, e.tier, r.sort_order ORDER BY r.sort_order, e.tier`
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TierCount
	for rows.Next() {
		var tc TierCount
		if err := rows.Scan(&tc.Region, &tc.Tier, &tc.N); err != nil {
			return nil, err
		}
		out = append(out, tc)
	}
	return out, rows.Err()
}

// StatusCount is how many enterprises in the caller's scope have one status
// and one highest title ("" for none).
type StatusCount struct {
	Status string
	Tier   string
	N      int
}

// EnterpriseStatusStats counts the enterprises in the caller's scope by
// status (在营, 迁出, 注销) and highest title: a district's own numbers on
// its home page, history included. The scope sits in the query.
func (tx *Tx) EnterpriseStatusStats(ctx context.Context) ([]StatusCount, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise status stats: %w", err)
	}
	var a args
	rows, err := tx.query(ctx, `SELECT e.status, e.tier, count(*) FROM enterprises e WHERE 1 = 1`+
		and(enterpriseScope(c, &a))+` GROUP BY e.status, e.tier ORDER BY e.status, e.tier`, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise status stats: %w", err)
	}
	defer rows.Close()
	var out []StatusCount
	for rows.Next() {
		var sc StatusCount
		if err := rows.Scan(&sc.Status, &sc.Tier, &sc.N); err != nil {
			return nil, fmt.Errorf("sqlstore: enterprise status stats: %w", err)
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// EnterpriseChains returns the industrial chains (产业链) that enterprises in
// the caller's scope belong to, sorted, for the list page's filter.
func (tx *Tx) EnterpriseChains(ctx context.Context) ([]string, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise chains: %w", err)
	}
	var a args
	rows, err := tx.query(ctx, `SELECT DISTINCT e.chain FROM enterprises e WHERE e.chain <> ''`+
		and(enterpriseScope(c, &a))+` ORDER BY e.chain`, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise chains: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("sqlstore: enterprise chains: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// EnterpriseStats is Tx.EnterpriseStats in its own read transaction.
func (s *Store) EnterpriseStats(ctx context.Context) (out []TierCount, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.EnterpriseStats(ctx)
		return err
	})
	return out, err
}

// EnterpriseStatusStats is Tx.EnterpriseStatusStats in its own read
// transaction.
func (s *Store) EnterpriseStatusStats(ctx context.Context) (out []StatusCount, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.EnterpriseStatusStats(ctx)
		return err
	})
	return out, err
}

// EnterpriseChains is Tx.EnterpriseChains in its own read transaction.
func (s *Store) EnterpriseChains(ctx context.Context) (out []string, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.EnterpriseChains(ctx)
		return err
	})
	return out, err
}
