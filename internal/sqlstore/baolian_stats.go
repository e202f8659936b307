package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"zjtx/internal/baolian"
	"zjtx/internal/cultivation"
)

// The measures of 包联 per district and per official, and the queries the
// 回头看 review reuses: listed enterprises without an official
// (UnassignedEntries), overdue visits (ListAssignments with Overdue),
// overdue issues (ListAppeals with Overdue) and their counts per district
// (BaolianCounts by region).

// Grouping of BaolianCounts.
const (
	ByRegion   = "region"
	ByOfficial = "official"
)

// listedEntry is the SQL condition of a backup list entry (alias b) still
// being cultivated: not removed, recognised or rejected.
const listedEntry = "b.status NOT IN ('removed', 'recognized', 'rejected')"

// unassigned is the SQL condition that the enterprise of a backup list
// entry (alias b) has no open assignment on the date in placeholder today;
// with leadOnly, no open 主包 (a 协包 alone leaves it without one).
func unassigned(today string, leadOnly bool) string {
	cond := openAssignment(today)
	if leadOnly {
		cond += " AND s.role = 'lead'"
	}
	return "NOT EXISTS (SELECT 1 FROM assignments s WHERE s.enterprise_id = b.enterprise_id AND " + cond + ")"
}

// BaolianCounts returns the measures of the caller's scope grouped by
// district or by official: assignments and overdue visits now, visits and
// appeals registered since the date (zero: all), ordered by key.
func (tx *Tx) BaolianCounts(ctx context.Context, by string, since time.Time) ([]baolian.Counts, error) {
	out, err := tx.baolianCounts(ctx, by, since)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: baolian counts by %s: %w", by, err)
	}
	return out, nil
}

func (tx *Tx) baolianCounts(ctx context.Context, by string, since time.Time) ([]baolian.Counts, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return nil, err
	}
	m := map[string]*baolian.Counts{}
	get := func(key string) *baolian.Counts {
		if m[key] == nil {
			m[key] = &baolian.Counts{Key: key}
		}
		return m[key]
	}
	key := map[string]string{ByRegion: "e.region", ByOfficial: "u.id"}
	group := func(col string) string { return key[by] + " AS k, " + col }
	today := day(tx.today())
	sinceDay, sinceTS := "0000-01-01", "0000"
	if !since.IsZero() {
		sinceDay, sinceTS = day(since).(string), ts(since)
	}
	type query struct {
		sql  string
		cols int
		args func(a *args) string
		set  func(c *baolian.Counts, n []int)
	}
	qs := []query{
		{`SELECT ` + group(`count(DISTINCT s.enterprise_id), sum(CASE WHEN s.role = 'lead' AND s.next_visit_due < $T THEN 1 ELSE 0 END)`) +
			` FROM assignments s JOIN enterprises e ON e.id = s.enterprise_id JOIN users u ON u.id = s.official_id`, 2,
			func(a *args) string { return openAssignment(a.add(today)) },
			func(c *baolian.Counts, n []int) { c.Enterprises, c.VisitsLate = n[0], n[1] }},
		{`SELECT ` + group(`count(*), 0`) + ` FROM visits v JOIN enterprises e ON e.id = v.enterprise_id JOIN users u ON u.id = v.official_id`, 2,
			func(a *args) string { return "v.visited_on >= " + a.add(sinceDay) },
			func(c *baolian.Counts, n []int) { c.VisitsDone = n[0] }},
		{`SELECT ` + group(`count(*),
			sum(CASE WHEN p.status IN ('registered', 'assigned', 'in_progress') THEN 1 ELSE 0 END),
			sum(CASE WHEN `+overdueAppeal("$N")+` THEN 1 ELSE 0 END),
			sum(CASE WHEN p.status IN ('done', 'revisited', 'closed') THEN 1 ELSE 0 END),
			sum(CASE WHEN p.status IN ('done', 'revisited', 'closed') AND p.solved_at <= p.due_solve THEN 1 ELSE 0 END),
			sum(CASE WHEN p.satisfaction <> '' THEN 1 ELSE 0 END),
			sum(CASE WHEN p.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END)`) +
			` FROM appeals p JOIN enterprises e ON e.id = p.enterprise_id JOIN users u ON u.id = p.official_id`, 7,
			func(a *args) string { return "p.registered_at >= " + a.add(sinceTS) },
			func(c *baolian.Counts, n []int) {
				c.Appeals, c.Open, c.Overdue, c.Solved, c.OnTime, c.Answered, c.Satisfied = n[0], n[1], n[2], n[3], n[4], n[5], n[6]
			}},
	}
	if by == ByRegion {
		// Appeals of enterprises without an official count for their district too.
		qs[2].sql = strings.Replace(qs[2].sql, "JOIN users u", "LEFT JOIN users u", 1)
		qs = append(qs, query{`SELECT e.region AS k, count(DISTINCT b.enterprise_id),
			count(DISTINCT CASE WHEN $U THEN b.enterprise_id END)
			FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id`, 2,
			func(a *args) string { return listedEntry },
			func(c *baolian.Counts, n []int) { c.Listed, c.Unassigned = n[0], n[1] }})
	}
	for _, q := range qs {
		var a args
		cond := q.args(&a)
		text := q.sql
		// PostgreSQL must know the type of every argument: add only those
		// the query uses.
		for _, m := range []struct {
			mark string
			put  func() string
		}{{"$T", func() string { return a.add(today) }}, {"$N", func() string { return a.add(ts(tx.now)) }},
			{"$U", func() string { return unassigned(a.add(today), false) }}} {
			if strings.Contains(text, m.mark) {
				text = strings.ReplaceAll(text, m.mark, m.put())
			}
		}
		text += where(cond, bureauScope(c, &a)) + " GROUP BY " + key[by]
		rows, err := tx.query(ctx, text, a...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			vals := make([]int, q.cols)
			dest := []any{&k}
			for i := range vals {
				dest = append(dest, intCol{&vals[i]})
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return nil, err
			}
			q.set(get(k), vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if err := tx.nameCounts(ctx, by, m); err != nil {
		return nil, err
	}
	out := make([]baolian.Counts, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name+out[i].Key < out[j].Name+out[j].Key })
	return out, nil
}

// intCol scans a count or a sum (NULL over no rows) as an int.
type intCol struct{ v *int }

func (c intCol) Scan(v any) error {
	var n int64
	if err := (int64Col{&n}).Scan(v); err != nil {
		return err
	}
	*c.v = int(n)
	return nil
}

// nameCounts fills the names of the groups: the district's, or the
// official's name and unit.
func (tx *Tx) nameCounts(ctx context.Context, by string, m map[string]*baolian.Counts) error {
	q := `SELECT code, name, '' FROM regions`
	if by == ByOfficial {
		q = `SELECT id, name, unit FROM users WHERE role IN ('city', 'district')`
	}
	rows, err := tx.query(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, name, unit string
		if err := rows.Scan(&k, &name, &unit); err != nil {
			return err
		}
		if c := m[k]; c != nil {
			c.Name, c.Unit = name, unit
		}
	}
	return rows.Err()
}

// UnassignedFilter selects listed enterprises without an official.
type UnassignedFilter struct {
	Region string
	Tier   string // "": every list
	Limit  int
	Offset int
}

// UnassignedEntries returns the backup list entries (still cultivated) in
// the caller's scope whose enterprise has no open assignment, the
// enterprise's highest list first, with the number of all matches.
func (tx *Tx) UnassignedEntries(ctx context.Context, f UnassignedFilter) ([]*cultivation.Entry, int, error) {
	items, total, err := tx.unassignedEntries(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: unassigned entries: %w", err)
	}
	return items, total, nil
}

func (tx *Tx) unassignedEntries(ctx context.Context, f UnassignedFilter) ([]*cultivation.Entry, int, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := []string{listedEntry, bureauScope(c, &a),
		unassigned(a.add(day(tx.today())), false)}
	if f.Region != "" {
		conds = append(conds, "e.region = "+a.add(f.Region))
	}
	if f.Tier != "" {
		if err := checkTier(f.Tier); err != nil {
			return nil, 0, err
		}
		conds = append(conds, "b.tier = "+a.add(f.Tier))
	} else {
		// Every list: an enterprise once, by its highest list, so the count
		// is BaolianCounts' Unassigned.
		conds = append(conds, `NOT EXISTS (SELECT 1 FROM backup_list_entries h WHERE h.enterprise_id = b.enterprise_id
			AND h.status NOT IN ('removed', 'recognized', 'rejected') AND `+tierRank("h")+` > `+tierRank("b")+`)`)
	}
	const from = ` FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id JOIN regions g ON g.code = e.region`
	return scopedPage(ctx, tx, `e.uscc, e.name, e.region, g.name, e.industry, `+backupEntryColumns, from, where(conds...),
		` ORDER BY e.region, b.enterprise_id, b.tier`, a, f.Limit, f.Offset, func(row scanner) (*cultivation.Entry, error) {
			e := new(cultivation.Entry)
			return e, scanBackupEntry(row, e, &e.USCC, &e.Name, &e.Region, &e.RegionName, &e.Industry)
		})
}

// BaolianCounts is Tx.BaolianCounts in its own read transaction.
func (s *Store) BaolianCounts(ctx context.Context, by string, since time.Time) (out []baolian.Counts, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.BaolianCounts(ctx, by, since)
		return err
	})
	return out, err
}

// UnassignedEntries is Tx.UnassignedEntries in its own read transaction.
func (s *Store) UnassignedEntries(ctx context.Context, f UnassignedFilter) (items []*cultivation.Entry, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		items, total, err = tx.UnassignedEntries(ctx, f)
		return err
	})
	return items, total, err
}

// tierRank is the SQL rank of the tier of a backup list entry or a plan
// (alias t) on the ladder, its index in criteria.Tiers: 科技型 0, 创新型 1,
// 专精特新 2, 小巨人 3.
func tierRank(t string) string {
	return "(CASE " + t + ".tier WHEN 'tech_sme' THEN 0 WHEN 'innovative' THEN 1 WHEN 'srdi' THEN 2 ELSE 3 END)"
}
