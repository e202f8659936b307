package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zjtx/internal/baolian"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
)

// The 回头看 (review) checks the store answers: each is the condition of
// the list it generalises (UnassignedEntries, ListedWithoutPlan,
// PlansWithOverdueTasks, ListAssignments and ListAppeals with Overdue),
// grouped to one finding per enterprise. The titles expiring and the risks
// come from the calendar and the radar (package review).

// reviewCheck is a check done in SQL: the rows it finds (from, with the
// enterprise as e) and their condition.
type reviewCheck struct {
	check string
	from  string
	cond  func(tx *Tx, a *args) string
	tier  string // SQL of a row's tierRank; "" for none
	due   string // SQL of a row's date; "" for none
}

const listFrom = ` FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id`

var reviewChecks = []reviewCheck{
	{cultivation.CheckUnassigned, listFrom,
		func(tx *Tx, a *args) string { return listedEntry + " AND " + unassigned(a.add(day(tx.today())), true) }, tierRank("b"), ""},
	{cultivation.CheckWithoutPlan, listFrom,
		func(*Tx, *args) string { return activeListed + " AND " + withoutPlan }, tierRank("b"), ""},
	{cultivation.CheckOverdueTasks, ` FROM plan_tasks t JOIN plans pl ON pl.id = t.plan_id JOIN enterprises e ON e.id = pl.enterprise_id`,
		func(tx *Tx, a *args) string { return overdueTask(a.add(day(tx.today()))) }, tierRank("pl"), "t.due"},
	{cultivation.CheckOverdueVisits, ` FROM assignments s JOIN enterprises e ON e.id = s.enterprise_id`,
		func(tx *Tx, a *args) string { return overdueVisit(a.add(day(tx.today()))) }, "", "s.next_visit_due"},
	{cultivation.CheckOverdueIssues, ` FROM appeals p JOIN enterprises e ON e.id = p.enterprise_id`,
		func(tx *Tx, a *args) string { return overdueAppeal(a.add(ts(tx.now))) }, "", "p.due_solve"},
}

// ReviewFindings returns what the store's review checks find in the
// caller's scope (officials: the bureau's records) today, one finding per
// check and enterprise, by check, district and name; region narrows to one
// district ("" for all in scope).
func (tx *Tx) ReviewFindings(ctx context.Context, region string) ([]cultivation.Finding, error) {
	out, err := tx.reviewFindings(ctx, region)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: review findings: %w", err)
	}
	return out, nil
}

func (tx *Tx) reviewFindings(ctx context.Context, region string) ([]cultivation.Finding, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "查看回头看")
	}
	if err != nil {
		return nil, err
	}
	out := []cultivation.Finding{}
	for _, ch := range reviewChecks {
		var a args
		conds := []string{ch.cond(tx, &a), bureauScope(c, &a)}
		if region != "" {
			conds = append(conds, "e.region = "+a.add(region))
		}
		rank, due := "-1", "''"
		if ch.tier != "" {
			rank = "max(" + ch.tier + ")"
		}
		if ch.due != "" {
			due = "min(" + ch.due + ")"
		}
		q := `SELECT e.id, e.name, e.uscc, e.region, ` + rank + `, ` + due + `, count(*)` + ch.from + where(conds...) +
			` GROUP BY e.id, e.name, e.uscc, e.region ORDER BY e.region, e.name, e.id`
		found, err := queryAll(ctx, tx, q, a, func(row scanner) (cultivation.Finding, error) {
			f := cultivation.Finding{Check: ch.check}
			var rank, n int
			var due sql.NullString
			if err := row.Scan(&f.EnterpriseID, &f.Name, &f.USCC, &f.Region, intCol{&rank}, &due, intCol{&n}); err != nil {
				return f, err
			}
			if rank >= 0 && rank < len(criteria.Tiers) {
				f.Tier = criteria.Tiers[rank]
			}
			f.Count = n
			f.Due, err = dueDay(due.String)
			return f, err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	return out, nil
}

// dueDay reads a stored date or time (a 13710 deadline) as the day it
// falls on in China; "" is the zero date.
func dueDay(s string) (profile.Date, error) {
	if len(s) > len(time.DateOnly) {
		t, err := time.Parse(timeLayout, s)
		if err != nil {
			return profile.Date{}, err
		}
		d := baolian.Date(t)
		return profile.Date{Y: d.Year(), M: d.Month(), D: d.Day()}, nil
	}
	if s == "" {
		return profile.Date{}, nil
	}
	return profile.ParseDate(s)
}

// ReviewFindings is Tx.ReviewFindings in its own read transaction.
func (s *Store) ReviewFindings(ctx context.Context, region string) (out []cultivation.Finding, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ReviewFindings(ctx, region)
		return err
	})
	return out, err
}
