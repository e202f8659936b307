package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/targets"
)

// The figures behind the targets: recognitions per district (completion),
// open backup-list entries with their assessment outcome (forecast), the
// lists' funnel and the monthly trend. The city row of a district official
// is the city's total: the one number it may see beyond its district. So
// done and expected are counted city-wide and the store keeps, of the
// districts' rows, only those in the caller's scope.

// openStatuses are the entry statuses of a candidate still to be decided.
var openStatuses = []string{cultivation.StatusReserve, cultivation.StatusCultivating, cultivation.StatusToApply, cultivation.StatusApplied}

// outcomeOfTier is the SQL of the enterprise's (e) outcome column of the
// entry's (b) tier: one column per tier, chosen row by row.
const outcomeOfTier = `CASE b.tier WHEN 'innovative' THEN e.outcome_innovative WHEN 'srdi' THEN e.outcome_srdi
	WHEN 'little_giant' THEN e.outcome_little_giant ELSE '' END`

// inPlanSQL says whether the entry's (b) enterprise has an open
// cultivation plan for the entry's tier (1) or not (0): a plan for another
// tier coaches the enterprise towards a different title.
const inPlanSQL = `CASE WHEN EXISTS (SELECT 1 FROM plans pl WHERE pl.enterprise_id = b.enterprise_id
	AND pl.tier = b.tier AND pl.status = 'open') THEN 1 ELSE 0 END`

// yearSpan is the first day of year and of the next, as the text the date
// columns hold.
func yearSpan(year int) (string, string) {
	return strconv.Itoa(year) + "-01-01", strconv.Itoa(year+1) + "-01-01"
}

// scopeRegions returns the districts whose rows c may read, in display
// order.
func (tx *Tx) scopeRegions(ctx context.Context, c auth.Caller) ([]string, error) {
	if c.Role == auth.RoleDistrict {
		return []string{c.Region}, nil
	}
	regions, err := tx.ListRegions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(regions))
	for i, r := range regions {
		out[i] = r.Code
	}
	return out, nil
}

// TargetBoard returns year's standing in the caller's scope: the city's
// rows, then its districts'. left is the share of the year still to run:
// the open candidates count in the forecast with f's likelihoods prorated
// to it; a closed year's forecast is what was done.
func (tx *Tx) TargetBoard(ctx context.Context, year int, f targets.Forecast, left targets.Share) ([]targets.Progress, error) {
	out, err := tx.targetBoard(ctx, year, f, left)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: target board %d: %w", year, err)
	}
	return out, nil
}

func (tx *Tx) targetBoard(ctx context.Context, year int, f targets.Forecast, left targets.Share) ([]targets.Progress, error) {
	list, err := tx.ListTargets(ctx, year) // checks the caller
	if err != nil {
		return nil, err
	}
	c, _ := callerFrom(ctx)
	regions, err := tx.scopeRegions(ctx, c)
	if err != nil {
		return nil, err
	}
	done, err := tx.yearDone(ctx, year)
	if err != nil {
		return nil, err
	}
	var expected map[targets.Key]int
	if left.Open() {
		cands, err := tx.openCandidates(ctx)
		if err != nil {
			return nil, err
		}
		expected = targets.Prorate(targets.Expect(f, cands), left)
	}
	return targets.Board(year, list, cityTotals(done), cityTotals(expected), regions), nil
}

// cityTotals adds the city's key of each tier, summed over every district,
// so Board's city row is the city's even when the caller sees one district.
func cityTotals(m map[targets.Key]int) map[targets.Key]int {
	out := map[targets.Key]int{}
	for k, n := range m {
		out[k] += n
		out[targets.Key{Region: targets.CityRegion, Tier: k.Tier}] += n
	}
	return out
}

// yearDone counts, per district and tier, the enterprises recognised in
// year (a title's recognition, by the notice's date), city-wide.
func (tx *Tx) yearDone(ctx context.Context, year int) (map[targets.Key]int, error) {
	from, to := yearSpan(year)
	var a args
	q := `SELECT e.region, r.tier, count(DISTINCT r.enterprise_id) FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id
		WHERE r.tier IN (` + inList(&a, targets.Tiers) + `) AND r.recognized_on >= ` + a.add(from) + ` AND r.recognized_on < ` + a.add(to) + `
		GROUP BY e.region, r.tier`
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[targets.Key]int{}
	for rows.Next() {
		var k targets.Key
		var n int
		if err := rows.Scan(&k.Region, &k.Tier, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}

// openCandidates returns the open entries of the active enterprises' backup
// lists, city-wide, as forecast candidates.
func (tx *Tx) openCandidates(ctx context.Context) ([]targets.Candidate, error) {
	var a args
	q := `SELECT e.region, b.tier, ` + outcomeOfTier + `, CASE WHEN b.source = 'near_miss' THEN 1 ELSE 0 END, ` + inPlanSQL + `, count(*)
		FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id
		WHERE b.status IN (` + inList(&a, openStatuses) + `) AND e.status = 'active'
		GROUP BY e.region, b.tier, ` + outcomeOfTier + `, CASE WHEN b.source = 'near_miss' THEN 1 ELSE 0 END, ` + inPlanSQL
	return tx.candidates(ctx, q, a)
}

// candidates runs a query of (region, tier, outcome, near miss, in plan,
// [recognised,] count) groups and spreads each group into its candidates.
func (tx *Tx) candidates(ctx context.Context, q string, a args) ([]targets.Candidate, error) {
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []targets.Candidate
	for rows.Next() {
		var c targets.Candidate
		var near, plan, recog, n int
		dest := []any{&c.Region, &c.Tier, &c.Outcome, &near, &plan, &n}
		if len(cols) == 7 {
			dest = []any{&c.Region, &c.Tier, &c.Outcome, &near, &plan, &recog, &n}
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		c.NearMiss, c.InPlan, c.Recognized = near == 1, plan == 1, recog == 1
		for range n {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// TargetBacktest checks f against year's outcomes, city-wide: the
// candidates are the enterprises on a tier's list (removed entries left
// out) and those recognised for the tier in year; each takes its status
// from today's outcome, since no snapshot of the lists on 1 January is kept.
// Officials only; it returns counts, never enterprises.
func (tx *Tx) TargetBacktest(ctx context.Context, year int, f targets.Forecast) (targets.Calibration, error) {
	cal, err := tx.targetBacktest(ctx, year, f)
	if err != nil {
		return cal, fmt.Errorf("sqlstore: target backtest %d: %w", year, err)
	}
	return cal, nil
}

func (tx *Tx) targetBacktest(ctx context.Context, year int, f targets.Forecast) (targets.Calibration, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return targets.Calibration{}, err
	}
	if err := requireOfficial(c, "查看目标预测"); err != nil {
		return targets.Calibration{}, err
	}
	from, to := yearSpan(year)
	var a args
	fromA, toA := a.add(from), a.add(to)
	// One row per enterprise and tier (b): its list entry, or, for an
	// enterprise recognised without one, the recognition's tier.
	q := `SELECT e.region, b.tier, ` + outcomeOfTier + `, CASE WHEN b.source = 'near_miss' THEN 1 ELSE 0 END, ` + inPlanSQL + `,
		CASE WHEN EXISTS (SELECT 1 FROM recognitions r WHERE r.enterprise_id = b.enterprise_id AND r.tier = b.tier
			AND r.recognized_on >= ` + fromA + ` AND r.recognized_on < ` + toA + `) THEN 1 ELSE 0 END AS recognized, count(*)
		FROM (SELECT enterprise_id, tier, source FROM backup_list_entries WHERE status <> 'removed'
			UNION SELECT DISTINCT r.enterprise_id, r.tier, '' FROM recognitions r
			WHERE r.tier IN (` + inList(&a, targets.Tiers) + `) AND r.recognized_on >= ` + fromA + ` AND r.recognized_on < ` + toA + `
			AND NOT EXISTS (SELECT 1 FROM backup_list_entries x WHERE x.enterprise_id = r.enterprise_id AND x.tier = r.tier AND x.status <> 'removed')) b
		JOIN enterprises e ON e.id = b.enterprise_id
		GROUP BY e.region, b.tier, ` + outcomeOfTier + `, CASE WHEN b.source = 'near_miss' THEN 1 ELSE 0 END, ` + inPlanSQL + `, recognized`
	cands, err := tx.candidates(ctx, q, a)
	if err != nil {
		return targets.Calibration{}, err
	}
	return targets.Backtest(f, cands), nil
}

// FunnelCount is how many entries of a tier's list have a status.
type FunnelCount struct {
	Tier, Status string
	N            int
}

// BackupFunnel counts the backup-list entries of the caller's scope by tier
// and status.
func (tx *Tx) BackupFunnel(ctx context.Context) ([]FunnelCount, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: backup funnel: %w", err)
	}
	if err := requireOfficial(c, "查看后备清单"); err != nil {
		return nil, fmt.Errorf("sqlstore: backup funnel: %w", err)
	}
	var a args
	q := `SELECT b.tier, b.status, count(*) FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id` +
		where(bureauScope(c, &a)) + ` GROUP BY b.tier, b.status`
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: backup funnel: %w", err)
	}
	defer rows.Close()
	var out []FunnelCount
	for rows.Next() {
		var f FunnelCount
		if err := rows.Scan(&f.Tier, &f.Status, &f.N); err != nil {
			return nil, fmt.Errorf("sqlstore: backup funnel: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// MonthCount is a count of one month (YYYY-MM) and tier.
type MonthCount struct {
	Month, Tier string
	N           int
}

// MonthlyTrend counts, per month from from (YYYY-MM-DD) on and tier, the
// recognitions and the new backup-list entries of the caller's scope.
func (tx *Tx) MonthlyTrend(ctx context.Context, from string) (recognized, listed []MonthCount, err error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: monthly trend: %w", err)
	}
	if err := requireOfficial(c, "查看统计"); err != nil {
		return nil, nil, fmt.Errorf("sqlstore: monthly trend: %w", err)
	}
	var a args
	q := `SELECT substr(r.recognized_on, 1, 7), r.tier, count(*) FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id
		WHERE r.tier IN (` + inList(&a, targets.Tiers) + `) AND r.recognized_on >= ` + a.add(from) + and(bureauScope(c, &a)) + `
		GROUP BY substr(r.recognized_on, 1, 7), r.tier`
	if recognized, err = tx.monthCounts(ctx, q, a); err != nil {
		return nil, nil, fmt.Errorf("sqlstore: monthly trend: %w", err)
	}
	a = nil
	q = `SELECT substr(b.since, 1, 7), b.tier, count(*) FROM backup_list_entries b JOIN enterprises e ON e.id = b.enterprise_id
		WHERE b.since >= ` + a.add(from) + and(bureauScope(c, &a)) + `
		GROUP BY substr(b.since, 1, 7), b.tier`
	if listed, err = tx.monthCounts(ctx, q, a); err != nil {
		return nil, nil, fmt.Errorf("sqlstore: monthly trend: %w", err)
	}
	return recognized, listed, nil
}

func (tx *Tx) monthCounts(ctx context.Context, q string, a args) ([]MonthCount, error) {
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MonthCount
	for rows.Next() {
		var m MonthCount
		if err := rows.Scan(&m.Month, &m.Tier, &m.N); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// TargetBoard is Tx.TargetBoard in its own read transaction.
func (s *Store) TargetBoard(ctx context.Context, year int, f targets.Forecast, left targets.Share) (out []targets.Progress, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.TargetBoard(ctx, year, f, left)
		return err
	})
	return out, err
}

// TargetBacktest is Tx.TargetBacktest in its own read transaction.
func (s *Store) TargetBacktest(ctx context.Context, year int, f targets.Forecast) (cal targets.Calibration, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		cal, err = tx.TargetBacktest(ctx, year, f)
		return err
	})
	return cal, err
}

// BackupFunnel is Tx.BackupFunnel in its own read transaction.
func (s *Store) BackupFunnel(ctx context.Context) (out []FunnelCount, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.BackupFunnel(ctx)
		return err
	})
	return out, err
}

// MonthlyTrend is Tx.MonthlyTrend in its own read transaction.
func (s *Store) MonthlyTrend(ctx context.Context, from string) (recognized, listed []MonthCount, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		recognized, listed, err = tx.MonthlyTrend(ctx, from)
		return err
	})
	return recognized, listed, err
}

// ScopeRegions returns the districts whose rows the caller (an official)
// may read, in display order: its own for a district official, every
// district for the city.
func (s *Store) ScopeRegions(ctx context.Context) (out []string, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err == nil {
			err = requireOfficial(c, "查看区县统计")
		}
		if err != nil {
			return err
		}
		out, err = tx.scopeRegions(ctx, c)
		return err
	})
	return out, err
}
