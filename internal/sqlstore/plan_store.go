package sqlstore

import (
	"context"

	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

// GetPlan is Tx.GetPlan in its own read transaction.
func (s *Store) GetPlan(ctx context.Context, id int64) (p *plan.Plan, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		p, err = tx.GetPlan(ctx, id)
		return err
	})
	return p, err
}

// EnterprisePlans is Tx.EnterprisePlans in its own read transaction.
func (s *Store) EnterprisePlans(ctx context.Context, enterpriseID int64) (ps []*plan.Plan, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		ps, err = tx.EnterprisePlans(ctx, enterpriseID)
		return err
	})
	return ps, err
}

// GetEvidence is Tx.GetEvidence in its own read transaction.
func (s *Store) GetEvidence(ctx context.Context, id int64) (ev *plan.Evidence, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		ev, err = tx.GetEvidence(ctx, id)
		return err
	})
	return ev, err
}

// ListedWithoutPlan is Tx.ListedWithoutPlan in its own read transaction.
func (s *Store) ListedWithoutPlan(ctx context.Context, region string) (out []plan.Listed, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListedWithoutPlan(ctx, region)
		return err
	})
	return out, err
}

// PlansWithOverdueTasks is Tx.PlansWithOverdueTasks in its own read
// transaction.
func (s *Store) PlansWithOverdueTasks(ctx context.Context, day profile.Date, region string) (out []*plan.Plan, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.PlansWithOverdueTasks(ctx, day, region)
		return err
	})
	return out, err
}

// PlanCounts is Tx.PlanCounts in its own read transaction.
func (s *Store) PlanCounts(ctx context.Context, day profile.Date) (out []plan.DistrictCount, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.PlanCounts(ctx, day)
		return err
	})
	return out, err
}

// PlanOwners lists who may own a plan's tasks for an enterprise of region:
// the district's and the city's officials, and the institutions not
// suspended, by name.
func (s *Store) PlanOwners(ctx context.Context, region string) (users, institutions []plan.Owner, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err == nil {
			err = requireOfficial(c, "制定培育计划")
		}
		if err != nil {
			return err
		}
		users, err = tx.owners(ctx, `SELECT id, 0, name FROM users WHERE NOT disabled
			AND (role = 'city' OR (role = 'district' AND region = $1)) ORDER BY role, name, id`, region)
		if err != nil {
			return err
		}
		institutions, err = tx.owners(ctx, `SELECT 0, id, name FROM institutions WHERE status <> 'suspended' ORDER BY name, id`)
		return err
	})
	return users, institutions, err
}

func (tx *Tx) owners(ctx context.Context, q string, args ...any) ([]plan.Owner, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.Owner
	for rows.Next() {
		var o plan.Owner
		if err := rows.Scan(&o.UserID, &o.InstitutionID, &o.Name); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
