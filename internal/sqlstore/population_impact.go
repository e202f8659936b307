package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// ImpactRun is one policy impact analysis: a population under two rule
// sets of one tier.
type ImpactRun struct {
	ID           int64
	PopulationID int64 // 0: the registered enterprises
	Tier         string
	From, To     string
	AsOf         string
	State        string // ImpactRunning, ImpactReady, ImpactFailed
	JobID        int64
	CreatedBy    int64
	Region       string
	CreatedAt    time.Time
}

// Impact run states.
const (
	ImpactRunning = "running"
	ImpactReady   = "ready"
	ImpactFailed  = "failed"
)

// ImpactCell is a count of one district, industry and move.
type ImpactCell struct {
	Region, Industry, Move string
	Count                  int64
}

// ImpactDeciding is a count of movers of one district and move whose
// outcome a condition decides.
type ImpactDeciding struct {
	Region, Move, CondID, Label string
	Count                       int64
}

// ImpactMover is one enterprise that moved.
type ImpactMover struct {
	RowNo    int64    `json:"row"` // the population row, or the enterprise id
	USCC     string   `json:"uscc"`
	Name     string   `json:"name"`
	Region   string   `json:"region"`
	Industry string   `json:"industry"`
	Move     string   `json:"move"`
	Deciding []string `json:"deciding"`
}

// impactScope limits impact runs (alias i) to those c may see: the city
// every run; a district official the runs of the district and the
// city's (whose rows the other tables scope to the district).
func impactScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		if c.Region == "" {
			return "FALSE"
		}
		return "(i.region IS NULL OR i.region = " + a.add(c.Region) + ")"
	}
	return "FALSE"
}

// impactCover limits runs to those that cover every row c may see: a
// city-wide run for anyone; a district's own run for a district official
// (the city's would not see the rows a district run left out).
func impactCover(c auth.Caller, a *args) string {
	if c.Role == auth.RoleCity {
		return "i.region IS NULL"
	}
	return impactScope(c, a)
}

// CreateImpactRun records an analysis about to run, with its audit row.
func (tx *Tx) CreateImpactRun(ctx context.Context, r *ImpactRun) error {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return fmt.Errorf("sqlstore: create impact run: %w", err)
	}
	r.State, r.CreatedBy, r.Region, r.CreatedAt = ImpactRunning, c.UserID, c.Region, tx.now
	err = tx.queryRow(ctx, `INSERT INTO impact_runs (population_id, tier, from_set, to_set, as_of, state, job_id, created_by, region, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		r.PopulationID, r.Tier, r.From, r.To, r.AsOf, r.State, nullInt64(r.JobID), nullInt64(c.UserID), nullString(c.Region), ts(tx.now)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create impact run: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "impact.create", entity: "impact", entityID: strconv.FormatInt(r.ID, 10), region: c.Region,
		after: map[string]any{"population_id": r.PopulationID, "tier": r.Tier, "from": r.From, "to": r.To, "as_of": r.AsOf}})
}

// SetImpactJob records the job that runs an analysis.
func (tx *Tx) SetImpactJob(ctx context.Context, id, jobID int64) error {
	_, err := tx.exec(ctx, `UPDATE impact_runs SET job_id = $1 WHERE id = $2`, jobID, id)
	return err
}

// ImpactResult is what an analysis found, to store.
type ImpactResult struct {
	Cells    []ImpactCell
	Deciding []ImpactDeciding
	Movers   []ImpactMover
}

// impactBatch is how many rows one INSERT carries.
const impactBatch = 120

// FinishImpactRun stores an analysis's result (replacing any earlier
// attempt's) and marks it ready, or failed when res is nil. Like the job
// progress it is the worker's and takes no scope.
func (tx *Tx) FinishImpactRun(ctx context.Context, id int64, res *ImpactResult) error {
	for _, t := range []string{"impact_cells", "impact_deciding", "impact_movers"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+t+` WHERE run_id = $1`, id); err != nil {
			return fmt.Errorf("sqlstore: finish impact %d: %w", id, err)
		}
	}
	state := ImpactFailed
	if res != nil {
		state = ImpactReady
		err := insertRows(ctx, tx, "impact_cells (run_id, region, industry, move, count)", len(res.Cells), func(i int, a *args) string {
			r := res.Cells[i]
			return a.add(id) + ", " + a.add(r.Region) + ", " + a.add(r.Industry) + ", " + a.add(r.Move) + ", " + a.add(r.Count)
		})
		if err == nil {
			err = insertRows(ctx, tx, "impact_deciding (run_id, region, move, cond_id, label, count)", len(res.Deciding), func(i int, a *args) string {
				r := res.Deciding[i]
				return a.add(id) + ", " + a.add(r.Region) + ", " + a.add(r.Move) + ", " + a.add(r.CondID) + ", " + a.add(r.Label) + ", " + a.add(r.Count)
			})
		}
		if err == nil {
			err = insertRows(ctx, tx, "impact_movers (run_id, row_no, uscc, name, region, industry, move, deciding)", len(res.Movers), func(i int, a *args) string {
				r := res.Movers[i]
				return a.add(id) + ", " + a.add(r.RowNo) + ", " + a.add(r.USCC) + ", " + a.add(r.Name) + ", " + a.add(r.Region) + ", " +
					a.add(r.Industry) + ", " + a.add(r.Move) + ", " + a.add(strings.Join(r.Deciding, ","))
			})
		}
		if err != nil {
			return fmt.Errorf("sqlstore: finish impact %d: %w", id, err)
		}
	}
	if _, err := tx.exec(ctx, `UPDATE impact_runs SET state = $1 WHERE id = $2`, state, id); err != nil {
		return fmt.Errorf("sqlstore: finish impact %d: %w", id, err)
	}
	return nil
}

// insertRows inserts n rows into target in multi-row INSERTs; row writes
// the i-th row's placeholders.
func insertRows(ctx context.Context, tx *Tx, target string, n int, row func(i int, a *args) string) error {
	for lo := 0; lo < n; lo += impactBatch {
		var a args
		var b strings.Builder
		b.WriteString("INSERT INTO " + target + " VALUES ")
		for i := lo; i < min(lo+impactBatch, n); i++ {
			if i > lo {
				b.WriteString(", ")
			}
			b.WriteString("(" + row(i, &a) + ")")
		}
		if _, err := tx.exec(ctx, b.String(), a...); err != nil {
			return err
		}
	}
	return nil
}

const impactColumns = `i.id, i.population_id, i.tier, i.from_set, i.to_set, i.as_of, i.state, i.job_id, i.created_by, i.region, i.created_at`

func scanImpactRun(row scanner) (*ImpactRun, error) {
	var r ImpactRun
	err := row.Scan(&r.ID, &r.PopulationID, &r.Tier, &r.From, &r.To, &r.AsOf, &r.State, int64Col{&r.JobID},
		int64Col{&r.CreatedBy}, stringCol{&r.Region}, timeCol{&r.CreatedAt})
	return &r, err
}

// FindImpactRun returns the latest analysis in the caller's scope of a
// population, tier, two rule sets and assessment date that is ready or still running (nil
// when there is none).
func (tx *Tx) FindImpactRun(ctx context.Context, popID int64, tier, from, to, asOf string) (*ImpactRun, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find impact run: %w", err)
	}
	var a args
	q := `SELECT ` + impactColumns + ` FROM impact_runs i WHERE i.population_id = ` + a.add(popID) + ` AND i.tier = ` + a.add(tier) +
		` AND i.from_set = ` + a.add(from) + ` AND i.to_set = ` + a.add(to) + ` AND i.as_of = ` + a.add(asOf) + ` AND i.state <> 'failed'` + and(impactCover(c, &a)) +
		` ORDER BY i.id DESC LIMIT 1`
	r, err := scanImpactRun(tx.queryRow(ctx, q, a...))
	if err != nil {
		if apperr.Code(notFound(err, "")) == apperr.ENOTFOUND {
			return nil, nil
		}
		return nil, fmt.Errorf("sqlstore: find impact run: %w", err)
	}
	return r, nil
}

// GetImpactRun returns an analysis in the caller's scope.
func (tx *Tx) GetImpactRun(ctx context.Context, id int64) (*ImpactRun, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: impact run %d: %w", id, err)
	}
	var a args
	r, err := scanImpactRun(tx.queryRow(ctx, `SELECT `+impactColumns+` FROM impact_runs i WHERE i.id = `+a.add(id)+and(impactScope(c, &a)), a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: impact run %d: %w", id, notFound(err, "影响分析不存在或无权查看"))
	}
	return r, nil
}

// ImpactCounts returns an analysis's counts and deciding conditions over
// the rows of the caller's scope: a district official's numbers are the
// district's alone.
func (tx *Tx) ImpactCounts(ctx context.Context, id int64) ([]ImpactCell, []ImpactDeciding, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, nil, err
	}
	var a args
	rows, err := tx.query(ctx, `SELECT x.region, x.industry, x.move, x.count FROM impact_cells x WHERE x.run_id = `+a.add(id)+
		and(rowScope(c, "x.region", &a)), a...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: impact counts %d: %w", id, err)
	}
	var cells []ImpactCell
	for rows.Next() {
		var x ImpactCell
		if err := rows.Scan(&x.Region, &x.Industry, &x.Move, &x.Count); err != nil {
			rows.Close()
			return nil, nil, err
		}
		cells = append(cells, x)
	}
	rows.Close()
	a = nil
	rows, err = tx.query(ctx, `SELECT x.region, x.move, x.cond_id, x.label, x.count FROM impact_deciding x WHERE x.run_id = `+a.add(id)+
		and(rowScope(c, "x.region", &a)), a...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: impact counts %d: %w", id, err)
	}
	defer rows.Close()
	var dec []ImpactDeciding
	for rows.Next() {
		var x ImpactDeciding
		if err := rows.Scan(&x.Region, &x.Move, &x.CondID, &x.Label, &x.Count); err != nil {
			return nil, nil, err
		}
		dec = append(dec, x)
	}
	return cells, dec, rows.Err()
}

// MoverFilter selects the enterprises behind a number.
type MoverFilter struct {
	Move     string // required
	Region   string
	Industry string // exact code
	Cond     string // a deciding condition id
	Limit    int
	Offset   int
}

// ImpactMovers returns the movers of an analysis in the caller's scope that
// match f, by row, and their total.
func (tx *Tx) ImpactMovers(ctx context.Context, id int64, f MoverFilter) ([]ImpactMover, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := []string{"x.run_id = " + a.add(id), "x.move = " + a.add(f.Move), rowScope(c, "x.region", &a)}
	if f.Region != "" {
		conds = append(conds, "x.region = "+a.add(f.Region))
	}
	if f.Industry != "" {
		conds = append(conds, "x.industry = "+a.add(f.Industry))
	}
	if f.Cond != "" {
		conds = append(conds, "(',' || x.deciding || ',') LIKE "+a.add("%,"+f.Cond+",%"))
	}
	w := where(conds...)
	var total int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM impact_movers x`+w, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: impact movers %d: %w", id, err)
	}
	limit, offset := page(f.Limit, f.Offset)
	rows, err := tx.query(ctx, `SELECT x.row_no, x.uscc, x.name, x.region, x.industry, x.move, x.deciding FROM impact_movers x`+w+
		` ORDER BY x.region, x.row_no LIMIT `+a.add(limit)+` OFFSET `+a.add(offset), a...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: impact movers %d: %w", id, err)
	}
	defer rows.Close()
	var out []ImpactMover
	for rows.Next() {
		var m ImpactMover
		var dec string
		if err := rows.Scan(&m.RowNo, &m.USCC, &m.Name, &m.Region, &m.Industry, &m.Move, &dec); err != nil {
			return nil, 0, err
		}
		if dec != "" {
			m.Deciding = strings.Split(dec, ",")
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// FindImpactRun is Tx.FindImpactRun in its own read transaction.
func (s *Store) FindImpactRun(ctx context.Context, popID int64, tier, from, to, asOf string) (r *ImpactRun, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		r, err = tx.FindImpactRun(ctx, popID, tier, from, to, asOf)
		return err
	})
	return r, err
}

// GetImpactRun is Tx.GetImpactRun in its own read transaction.
func (s *Store) GetImpactRun(ctx context.Context, id int64) (r *ImpactRun, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		r, err = tx.GetImpactRun(ctx, id)
		return err
	})
	return r, err
}

// ImpactCounts is Tx.ImpactCounts in its own read transaction.
func (s *Store) ImpactCounts(ctx context.Context, id int64) (cells []ImpactCell, dec []ImpactDeciding, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		cells, dec, err = tx.ImpactCounts(ctx, id)
		return err
	})
	return cells, dec, err
}

// ImpactMovers is Tx.ImpactMovers in its own read transaction.
func (s *Store) ImpactMovers(ctx context.Context, id int64, f MoverFilter) (out []ImpactMover, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, total, err = tx.ImpactMovers(ctx, id, f)
		return err
	})
	return out, total, err
}
