package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

// Queries the 回头看 review reuses: listed enterprises without a plan, plans
// with overdue tasks and the per-district counts, all in the caller's scope
// (officials). region narrows to one district ("" for all in scope).

// activeListed is the backup list statuses an enterprise is still being
// cultivated under.
const activeListed = `b.status IN ('reserve', 'cultivating', 'to_apply')`

// withoutPlan is the SQL condition that the enterprise of a backup list
// entry (alias b) has no plan for the entry's tier.
const withoutPlan = `NOT EXISTS (SELECT 1 FROM plans pl WHERE pl.enterprise_id = b.enterprise_id AND pl.tier = b.tier)`

// overdueTask is the SQL condition of a plan task (alias t) still open
// after its due date, before the day in placeholder d.
func overdueTask(d string) string {
	return "t.status = 'open' AND t.due < " + d
}

// ListedWithoutPlan lists enterprises on a backup list (still in
// cultivation) with no plan for the list's tier, by district and name.
func (tx *Tx) ListedWithoutPlan(ctx context.Context, region string) ([]plan.Listed, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "查看培育计划")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: listed without plan: %w", err)
	}
	var a args
	conds := []string{activeListed, bureauScope(c, &a), withoutPlan}
	if region != "" {
		conds = append(conds, "e.region = "+a.add(region))
	}
	rows, err := tx.query(ctx, `SELECT e.id, e.name, e.region, b.tier, b.status FROM backup_list_entries b
		JOIN enterprises e ON e.id = b.enterprise_id`+where(conds...)+` ORDER BY e.region, e.name, b.tier`, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: listed without plan: %w", err)
	}
	defer rows.Close()
	var out []plan.Listed
	for rows.Next() {
		var l plan.Listed
		if err := rows.Scan(&l.EnterpriseID, &l.Name, &l.Region, &l.Tier, &l.Status); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// PlansWithOverdueTasks lists the plans with an open task due before day,
// with their tasks, oldest due first.
func (tx *Tx) PlansWithOverdueTasks(ctx context.Context, day profile.Date, region string) ([]*plan.Plan, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "查看培育计划")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: overdue plans: %w", err)
	}
	var a args
	conds := []string{bureauScope(c, &a), `EXISTS (SELECT 1 FROM plan_tasks t WHERE t.plan_id = pl.id AND ` +
		overdueTask(a.add(day.String())) + `)`}
	if region != "" {
		conds = append(conds, "e.region = "+a.add(region))
	}
	rows, err := tx.query(ctx, `SELECT `+planColumns+planFrom+where(conds...)+` ORDER BY e.region, pl.created_at, pl.id`, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: overdue plans: %w", err)
	}
	var out []*plan.Plan
	byID := map[int64]*plan.Plan{}
	ids := []int64{}
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out, byID[p.ID], ids = append(out, p), p, append(ids, p.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	return out, tx.loadTasks(ctx, ids, byID)
}

// PlanCounts counts plans and tasks per district in the caller's scope on
// day, with the listed enterprises that have no plan; districts with none
// of either are left out.
func (tx *Tx) PlanCounts(ctx context.Context, day profile.Date) ([]plan.DistrictCount, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "查看培育计划")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: plan counts: %w", err)
	}
	var a args
	d := a.add(day.String())
	scope := where(bureauScope(c, &a))
	q := `SELECT e.region, COUNT(DISTINCT pl.id),
		COUNT(DISTINCT CASE WHEN pl.status = 'open' THEN pl.id END),
		COALESCE(SUM(CASE WHEN t.status = 'open' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN ` + overdueTask(d) + ` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END), 0)
		FROM plans pl JOIN enterprises e ON e.id = pl.enterprise_id LEFT JOIN plan_tasks t ON t.plan_id = pl.id` +
		scope + ` GROUP BY e.region ORDER BY e.region`
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: plan counts: %w", err)
	}
	byRegion := map[string]*plan.DistrictCount{}
	var order []string
	for rows.Next() {
		var n plan.DistrictCount
		if err := rows.Scan(&n.Region, &n.Plans, &n.OpenPlans, &n.OpenTasks, &n.OverdueTasks, &n.DoneTasks); err != nil {
			rows.Close()
			return nil, err
		}
		byRegion[n.Region], order = &n, append(order, n.Region)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	listed, err := tx.ListedWithoutPlan(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, l := range listed {
		n := byRegion[l.Region]
		if n == nil {
			n = &plan.DistrictCount{Region: l.Region}
			byRegion[l.Region], order = n, append(order, l.Region)
		}
		n.ListedNoPlan++
	}
	out := make([]plan.DistrictCount, 0, len(order))
	slices.Sort(order)
	for _, r := range order {
		out = append(out, *byRegion[r])
	}
	return out, nil
}

// planTagged is the condition that the entry's enterprise has a plan for
// the entry's tier tagged with tag (plan.TagsColumn).
func planTagged(a *args, tag string) string {
	return `EXISTS (SELECT 1 FROM plans pl WHERE pl.enterprise_id = b.enterprise_id AND pl.tier = b.tier
		AND pl.tags LIKE ` + a.add("%,"+tag+",%") + `)`
}
