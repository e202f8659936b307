package sqlstore

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/discovery"
)

// Population is a named import of enterprises for candidate discovery and
// the policy impact analysis (see migration 00012). Rows counts every row
// stored; InScope the rows of the caller's scope.
type Population struct {
	ID            int64
	Name          string
	Source        string // csv | xlsx | synthetic
	State         string // PopulationImporting, PopulationReady, PopulationFailed
	Rows          int64
	InScope       int64
	BadRows       int64
	Errors        string // the first row errors, JSON
	AnnotatedName string // "" when no row was refused
	JobID         int64
	EvaluatedAt   time.Time
	AsOf          string
	CreatedBy     int64
	CreatedByName string
	Region        string
	CreatedAt     time.Time
}

// Population states.
const (
	PopulationImporting = "importing"
	PopulationReady     = "ready"
	PopulationFailed    = "failed"
)

// PopulationRow is one row's identity.
type PopulationRow struct {
	RowNo    int64  `json:"row"`
	USCC     string `json:"uscc"`
	Name     string `json:"name"`
	Region   string `json:"region"`
	Industry string `json:"industry"`
}

// rowScope limits rows with a region column (col) to the caller's scope:
// the city every district, a district official its own, nobody else any.
// Populations are an officials' tool: an enterprise, an institution or a
// bank sees no row of one.
func rowScope(c auth.Caller, col string, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		if c.Region == "" {
			return "FALSE"
		}
		return col + " = " + a.add(c.Region)
	}
	return "FALSE"
}

// CreatePopulation records a population being imported, with the upload the
// import job will read, and its audit row.
func (tx *Tx) CreatePopulation(ctx context.Context, p *Population, upload []byte) error {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return fmt.Errorf("sqlstore: create population: %w", err)
	}
	p.State, p.CreatedBy, p.Region, p.CreatedAt = PopulationImporting, c.UserID, c.Region, tx.now
	err = tx.queryRow(ctx, `INSERT INTO populations (name, source, state, upload, created_by, region, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		p.Name, p.Source, p.State, upload, nullInt64(c.UserID), nullString(c.Region), ts(tx.now)).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create population: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "population.create", entity: "population", entityID: strconv.FormatInt(p.ID, 10),
		region: c.Region, after: map[string]any{"name": p.Name, "source": p.Source, "bytes": len(upload)}})
}

// SetPopulationJob records the job that imports a population.
func (tx *Tx) SetPopulationJob(ctx context.Context, id, jobID int64) error {
	_, err := tx.exec(ctx, `UPDATE populations SET job_id = $1 WHERE id = $2`, jobID, id)
	return err
}

// PopulationUpload returns the upload of a population being imported. Like
// the other population writes below it is the import job's, which read the
// job in scope first.
func (s *Store) PopulationUpload(ctx context.Context, id int64) (data []byte, err error) {
	err = s.lookup(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT upload FROM populations WHERE id = $1`, id).Scan(&data)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: population %d upload: %w", id, notFound(err, "企业总体不存在"))
	}
	return data, nil
}

// populationRowBatch is how many identity rows one INSERT carries (7
// parameters each, about a thousand in all: see bulkRows).
const populationRowBatch = 150

// AddPopulationBlock stores one block of a population: its rows' identity
// and their encoded profiles. A block already stored (a retried job) is
// replaced.
func (tx *Tx) AddPopulationBlock(ctx context.Context, popID, seq int64, region string, rows []PopulationRow, data []byte) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := tx.exec(ctx, `DELETE FROM population_rows WHERE population_id = $1 AND seq = $2`, popID, seq); err != nil {
		return fmt.Errorf("sqlstore: population %d block %d: %w", popID, seq, err)
	}
	for lo := 0; lo < len(rows); lo += populationRowBatch {
		var a args
		var b strings.Builder
		b.WriteString("INSERT INTO population_rows (population_id, row_no, uscc, name, region, industry, seq) VALUES ")
		for i, r := range rows[lo:min(lo+populationRowBatch, len(rows))] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + a.add(popID) + ", " + a.add(r.RowNo) + ", " + a.add(r.USCC) + ", " + a.add(r.Name) + ", " +
				a.add(r.Region) + ", " + a.add(r.Industry) + ", " + a.add(seq) + ")")
		}
		if _, err := tx.exec(ctx, b.String(), a...); err != nil {
			return fmt.Errorf("sqlstore: population %d block %d: %w", popID, seq, err)
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM population_blocks WHERE population_id = $1 AND seq = $2`, popID, seq); err != nil {
		return fmt.Errorf("sqlstore: population %d block %d: %w", popID, seq, err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO population_blocks (population_id, seq, region, count, data) VALUES ($1, $2, $3, $4, $5)`,
		popID, seq, region, int64(len(rows)), data); err != nil {
		return fmt.Errorf("sqlstore: population %d block %d: %w", popID, seq, err)
	}
	return nil
}

// PopulationOutcome is how an import ended.
type PopulationOutcome struct {
	State         string
	Rows, BadRows int64
	Errors        string // JSON
	Annotated     []byte
	AnnotatedName string
}

// FinishPopulation ends an import, drops the upload and writes the audit
// row, as the caller (the job's creator).
func (tx *Tx) FinishPopulation(ctx context.Context, id int64, o PopulationOutcome) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: finish population %d: %w", id, err)
	}
	if _, err := tx.exec(ctx, `UPDATE populations SET state = $1, rows = $2, bad_rows = $3, errors = $4, annotated = $5,
		annotated_name = $6, upload = NULL WHERE id = $7`,
		o.State, o.Rows, o.BadRows, o.Errors, o.Annotated, o.AnnotatedName, id); err != nil {
		return fmt.Errorf("sqlstore: finish population %d: %w", id, err)
	}
	return tx.audit(ctx, c, auditRow{action: "population.import", entity: "population", entityID: strconv.FormatInt(id, 10),
		region: c.Region, after: map[string]any{"state": o.State, "rows": o.Rows, "bad_rows": o.BadRows}})
}

const populationColumns = `p.id, p.name, p.source, p.state, p.rows, p.bad_rows, p.errors, p.annotated_name,
	p.job_id, p.evaluated_at, p.as_of, p.created_by, COALESCE(u.name, ''), p.region, p.created_at`

// ListPopulations returns every population, newest first, with the rows of
// the caller's scope counted. Officials only.
func (tx *Tx) ListPopulations(ctx context.Context) ([]*Population, error) {
	return tx.populations(ctx, 0)
}

// GetPopulation returns one population (ENOTFOUND when there is none).
func (tx *Tx) GetPopulation(ctx context.Context, id int64) (*Population, error) {
	ps, err := tx.populations(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("sqlstore: population %d: %w", id, apperr.Errorf(apperr.ENOTFOUND, "企业总体不存在"))
	}
	return ps[0], nil
}

func (tx *Tx) populations(ctx context.Context, id int64) ([]*Population, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: populations: %w", err)
	}
	var a args
	scope := rowScope(c, "r.region", &a)
	q := `SELECT ` + populationColumns + `, (SELECT count(*) FROM population_rows r WHERE r.population_id = p.id` + and(scope) + `)
		FROM populations p LEFT JOIN users u ON u.id = p.created_by`
	if id != 0 {
		q += " WHERE p.id = " + a.add(id)
	}
	rows, err := tx.query(ctx, q+" ORDER BY p.id DESC", a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: populations: %w", err)
	}
	defer rows.Close()
	var out []*Population
	for rows.Next() {
		var p Population
		if err := rows.Scan(&p.ID, &p.Name, &p.Source, &p.State, &p.Rows, &p.BadRows, &p.Errors, &p.AnnotatedName,
			int64Col{&p.JobID}, timeCol{&p.EvaluatedAt}, &p.AsOf, int64Col{&p.CreatedBy}, &p.CreatedByName,
			stringCol{&p.Region}, timeCol{&p.CreatedAt}, &p.InScope); err != nil {
			return nil, fmt.Errorf("sqlstore: populations: %w", err)
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

// PopulationAnnotated returns the annotated upload of a population: the
// refused rows with their reasons. Officials only; the file holds every row
// of the upload, so a district official gets it only for an import of the
// district's own.
func (tx *Tx) PopulationAnnotated(ctx context.Context, id int64) (name string, data []byte, err error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: population %d file: %w", id, err)
	}
	var a args
	q := `SELECT annotated_name, annotated FROM populations p WHERE p.id = ` + a.add(id) + ` AND p.annotated IS NOT NULL`
	if c.Role == auth.RoleDistrict {
		q += " AND p.region = " + a.add(c.Region)
	}
	err = tx.queryRow(ctx, q, a...).Scan(&name, &data)
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: population %d file: %w", id, notFound(err, "没有该企业总体的错误标注文件"))
	}
	return name, data, nil
}

// EachPopulationBlock yields the stored blocks of a population in the
// caller's scope (a district official's: the district's blocks only), in one
// read snapshot that does not queue with short transactions.
func (s *Store) EachPopulationBlock(ctx context.Context, id int64) iter.Seq2[discovery.Encoded, error] {
	return s.eachBlock(ctx, "population_blocks", "b.seq", id)
}

// EachDiscoveryBlock yields the stored discovery results of a population
// in the caller's scope.
func (s *Store) EachDiscoveryBlock(ctx context.Context, id int64) iter.Seq2[discovery.Encoded, error] {
	return s.eachBlock(ctx, "discovery_blocks", "b.region, b.seq", id)
}

// eachBlock reads the blocks of table in order, the order of its key, so
// that no blob is sorted.
func (s *Store) eachBlock(ctx context.Context, table, order string, id int64) iter.Seq2[discovery.Encoded, error] {
	return func(yield func(discovery.Encoded, error) bool) {
		stopped := false
		err := s.stream(ctx, func(tx *Tx) error {
			c, err := callerFrom(ctx)
			if err == nil {
				err = requireOfficial(c, "使用企业总体分析")
			}
			if err != nil {
				return err
			}
			var a args
			q := `SELECT b.region, b.data FROM ` + table + ` b WHERE b.population_id = ` + a.add(id) +
				and(rowScope(c, "b.region", &a)) + ` ORDER BY ` + order
			rows, err := tx.q.QueryContext(ctx, q, a...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var e discovery.Encoded
				if err := rows.Scan(&e.Region, &e.Data); err != nil {
					return err
				}
				if !yield(e, nil) {
					stopped = true
					return nil
				}
			}
			return rows.Err()
		})
		if err != nil && !stopped {
			yield(discovery.Encoded{}, fmt.Errorf("sqlstore: %s of %d: %w", table, id, err))
		}
	}
}

// PopulationRows returns the identity of the given rows of a population
// that are in the caller's scope, by row number.
func (tx *Tx) PopulationRows(ctx context.Context, id int64, rowNos []int64) (map[int64]PopulationRow, error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: population rows: %w", err)
	}
	out := make(map[int64]PopulationRow, len(rowNos))
	for lo := 0; lo < len(rowNos); lo += 500 {
		var a args
		q := `SELECT r.row_no, r.uscc, r.name, r.region, r.industry FROM population_rows r WHERE r.population_id = ` + a.add(id) +
			` AND r.row_no IN (` + inList(&a, rowNos[lo:min(lo+500, len(rowNos))]) + `)` + and(rowScope(c, "r.region", &a))
		rows, err := tx.query(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: population rows: %w", err)
		}
		for rows.Next() {
			var r PopulationRow
			if err := rows.Scan(&r.RowNo, &r.USCC, &r.Name, &r.Region, &r.Industry); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlstore: population rows: %w", err)
			}
			out[r.RowNo] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlstore: population rows: %w", err)
		}
	}
	return out, nil
}

// ResultBlock is one block of discovery results to store.
type ResultBlock struct {
	Region string
	Data   []byte
}

// SaveDiscovery replaces a population's discovery results in the caller's
// scope (a district official's run, which read the district's rows only,
// replaces the district's results only), with the assessment date they used
// and the audit row, as the caller.
func (tx *Tx) SaveDiscovery(ctx context.Context, id int64, asOf string, blocks []ResultBlock) error {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "使用企业总体分析")
	}
	if err != nil {
		return fmt.Errorf("sqlstore: save discovery %d: %w", id, err)
	}
	var a args
	if _, err := tx.exec(ctx, `DELETE FROM discovery_blocks WHERE population_id = `+a.add(id)+and(rowScope(c, "region", &a)), a...); err != nil {
		return fmt.Errorf("sqlstore: save discovery %d: %w", id, err)
	}
	for i, b := range blocks {
		if !canManageRegion(c, b.Region) {
			return fmt.Errorf("sqlstore: save discovery %d: %w", id, apperr.Errorf(apperr.EFORBIDDEN, "无权保存其他区县的结果"))
		}
		if _, err := tx.exec(ctx, `INSERT INTO discovery_blocks (population_id, region, seq, data) VALUES ($1, $2, $3, $4)`,
			id, b.Region, int64(i), b.Data); err != nil {
			return fmt.Errorf("sqlstore: save discovery %d: %w", id, err)
		}
	}
	if _, err := tx.exec(ctx, `UPDATE populations SET evaluated_at = $1, as_of = $2 WHERE id = $3`, ts(tx.now), asOf, id); err != nil {
		return fmt.Errorf("sqlstore: save discovery %d: %w", id, err)
	}
	return tx.audit(ctx, c, auditRow{action: "population.evaluate", entity: "population", entityID: strconv.FormatInt(id, 10),
		region: c.Region, after: map[string]any{"as_of": asOf, "blocks": len(blocks)}})
}

// ListPopulations is Tx.ListPopulations in its own read transaction.
func (s *Store) ListPopulations(ctx context.Context) (out []*Population, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListPopulations(ctx)
		return err
	})
	return out, err
}

// GetPopulation is Tx.GetPopulation in its own read transaction.
func (s *Store) GetPopulation(ctx context.Context, id int64) (p *Population, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		p, err = tx.GetPopulation(ctx, id)
		return err
	})
	return p, err
}

// PopulationRows is Tx.PopulationRows in its own read transaction.
func (s *Store) PopulationRows(ctx context.Context, id int64, rowNos []int64) (out map[int64]PopulationRow, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.PopulationRows(ctx, id, rowNos)
		return err
	})
	return out, err
}

// PopulationAnnotated is Tx.PopulationAnnotated in its own read transaction.
func (s *Store) PopulationAnnotated(ctx context.Context, id int64) (name string, data []byte, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		name, data, err = tx.PopulationAnnotated(ctx, id)
		return err
	})
	return name, data, err
}

// JobProgress sets a job's counts at once, for a job that does its items in
// one step (an import's rows). The worker's, like JobItemDone.
func (tx *Tx) JobProgress(ctx context.Context, id, done, failed int64) error {
	if _, err := tx.exec(ctx, `UPDATE jobs SET done = $1, errors = $2, last_item = $1 WHERE id = $3`, done, failed, id); err != nil {
		return fmt.Errorf("sqlstore: job %d progress: %w", id, err)
	}
	return nil
}
