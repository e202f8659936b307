package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
)

// Job is the progress of a background job (River runs it; see package
// jobs): who asked, in which district, how far it got and how it ended.
type Job struct {
	ID         int64
	Kind       string // e.g. assess_bulk
	State      string // JobQueued, JobRunning, JobCompleted, JobFailed
	Done       int64  // items finished, successfully or not
	Total      int64  // items to do, known once the job starts
	Errors     int64  // items that failed
	LastItem   int64  // the last item done: a retry resumes after it
	Params     []byte // the job's input (JSON)
	Message    string // why the job failed, or the first item errors
	CreatedBy  int64  // 0: the system
	Region     string // the creator's district; "" city-wide
	CreatedAt  time.Time
	StartedAt  time.Time // zero until it starts
	FinishedAt time.Time // zero until it ends
}

// Job states.
const (
	JobQueued    = "queued"
	JobRunning   = "running"
	JobCompleted = "completed"
	JobFailed    = "failed"
)

// Finished reports whether the job ended, well or not.
func (j *Job) Finished() bool { return j.State == JobCompleted || j.State == JobFailed }

// maxJobMessage bounds the message a job keeps: the first item errors, not
// all of them.
const maxJobMessage = 2000

const jobColumns = `j.id, j.kind, j.state, j.done, j.total, j.errors, j.last_item, j.params, j.message,
	j.created_by, j.region, j.created_at, j.started_at, j.finished_at`

func scanJob(row scanner) (*Job, error) {
	var j Job
	var params string
	err := row.Scan(&j.ID, &j.Kind, &j.State, &j.Done, &j.Total, &j.Errors, &j.LastItem, &params, &j.Message,
		int64Col{&j.CreatedBy}, stringCol{&j.Region}, timeCol{&j.CreatedAt}, timeCol{&j.StartedAt}, timeCol{&j.FinishedAt})
	if err != nil {
		return nil, err
	}
	j.Params = []byte(params)
	return &j, nil
}

// jobScope limits jobs (alias j) to those c may see: the city every job, a
// district official the jobs of the district, anyone else the jobs they
// created.
func jobScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		if c.Region == "" {
			return "FALSE"
		}
		return "j.region = " + a.add(c.Region)
	}
	if c.UserID == 0 {
		return "FALSE"
	}
	return "j.created_by = " + a.add(c.UserID)
}

// CreateJob records a queued job for the caller, in the caller's district,
// with its audit row. Officials only: jobs run over their lists.
func (tx *Tx) CreateJob(ctx context.Context, j *Job) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: create job: %w", err)
	}
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict:
	default:
		return fmt.Errorf("sqlstore: create job: %w", apperr.Errorf(apperr.EFORBIDDEN, "无权发起后台任务"))
	}
	j.State, j.CreatedBy, j.Region, j.CreatedAt = JobQueued, c.UserID, c.Region, tx.now
	err = tx.queryRow(ctx, `INSERT INTO jobs (kind, state, params, created_by, region, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		j.Kind, j.State, string(j.Params), nullInt64(c.UserID), nullString(c.Region), ts(tx.now)).Scan(&j.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create job: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "job.create", entity: "job", entityID: strconv.FormatInt(j.ID, 10),
		region: c.Region, after: map[string]any{"kind": j.Kind, "params": string(j.Params)}})
}

// GetJob returns a job in the caller's scope; any other is ENOTFOUND.
func (tx *Tx) GetJob(ctx context.Context, id int64) (*Job, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get job %d: %w", id, err)
	}
	var a args
	q := `SELECT ` + jobColumns + ` FROM jobs j WHERE j.id = ` + a.add(id) + and(jobScope(c, &a))
	j, err := scanJob(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get job %d: %w", id, notFound(err, "任务不存在或无权查看"))
	}
	return j, nil
}

// StartJob marks a job in the caller's scope running with total items, and
// returns it. A job run again after an interruption keeps its first start
// and its progress.
func (tx *Tx) StartJob(ctx context.Context, id, total int64) (*Job, error) {
	j, err := tx.GetJob(ctx, id)
	if err != nil {
		return nil, err
	}
	if j.StartedAt.IsZero() {
		j.StartedAt, j.Total = tx.now, total
	}
	j.State = JobRunning
	if _, err := tx.exec(ctx, `UPDATE jobs SET state = $1, total = $2, started_at = $3 WHERE id = $4`,
		j.State, j.Total, ts(j.StartedAt), id); err != nil {
		return nil, fmt.Errorf("sqlstore: start job %d: %w", id, err)
	}
	return j, nil
}

// JobItemDone records one item of a job done: lastItem is where a retry
// resumes, failure (if not "") is the item's error, kept in the message
// while it has room. Run it in the transaction that does the item, so an
// item is counted exactly when its work commits. Like FinishJob it is the
// worker's, which got the id from River and read the job in scope first, so
// it takes no scope of its own.
func (tx *Tx) JobItemDone(ctx context.Context, id, lastItem int64, failure string) error {
	failed := int64(0)
	if failure != "" {
		failed = 1
		failure += "\n"
	}
	_, err := tx.exec(ctx, `UPDATE jobs SET done = done + 1, errors = errors + $1, last_item = $2,
		message = CASE WHEN length(message) + length(CAST($3 AS TEXT)) <= $4 THEN message || CAST($3 AS TEXT) ELSE message END
		WHERE id = $5`,
		failed, lastItem, failure, int64(maxJobMessage), id)
	if err != nil {
		return fmt.Errorf("sqlstore: job %d progress: %w", id, err)
	}
	return nil
}

// FinishJob ends a job as completed or failed, with message (why it
// failed) when not "".
func (tx *Tx) FinishJob(ctx context.Context, id int64, state, message string) error {
	if state != JobCompleted && state != JobFailed {
		return fmt.Errorf("sqlstore: finish job %d: state %q", id, state)
	}
	_, err := tx.exec(ctx, `UPDATE jobs SET state = $1, finished_at = $2,
		message = CASE WHEN CAST($3 AS TEXT) = '' THEN message ELSE CAST($3 AS TEXT) END WHERE id = $4`, state, ts(tx.now), message, id)
	if err != nil {
		return fmt.Errorf("sqlstore: finish job %d: %w", id, err)
	}
	return nil
}

// ReopenJob queues a failed job of the caller's scope again, keeping its
// progress, with an audit row; a job not failed is left as it is.
func (tx *Tx) ReopenJob(ctx context.Context, id int64) (*Job, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: reopen job %d: %w", id, err)
	}
	j, err := tx.GetJob(ctx, id)
	if err != nil || j.State != JobFailed {
		return j, err
	}
	if _, err := tx.exec(ctx, `UPDATE jobs SET state = $1, finished_at = NULL, message = '' WHERE id = $2`, JobQueued, id); err != nil {
		return nil, fmt.Errorf("sqlstore: reopen job %d: %w", id, err)
	}
	j.State, j.FinishedAt, j.Message = JobQueued, time.Time{}, ""
	return j, tx.audit(ctx, c, auditRow{action: "job.reopen", entity: "job", entityID: strconv.FormatInt(id, 10), region: j.Region})
}

// ReopenJob is Tx.ReopenJob in its own transaction.
func (s *Store) ReopenJob(ctx context.Context, id int64) (j *Job, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		j, err = tx.ReopenJob(ctx, id)
		return err
	})
	return j, err
}

// CreateJob is Tx.CreateJob in its own transaction.
func (s *Store) CreateJob(ctx context.Context, j *Job) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateJob(ctx, j) })
}

// GetJob is Tx.GetJob in its own read transaction.
func (s *Store) GetJob(ctx context.Context, id int64) (j *Job, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		j, err = tx.GetJob(ctx, id)
		return err
	})
	return j, err
}

// FinishJob is Tx.FinishJob in its own transaction.
func (s *Store) FinishJob(ctx context.Context, id int64, state, message string) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.FinishJob(ctx, id, state, message) })
}

// StartJob is Tx.StartJob in its own transaction.
func (s *Store) StartJob(ctx context.Context, id, total int64) (j *Job, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		j, err = tx.StartJob(ctx, id, total)
		return err
	})
	return j, err
}

// EnterpriseIDsAfter returns up to limit ids of the enterprises in the
// caller's scope that match f (Sort, Limit and Offset ignored) and come
// after id after, in id order: how a job walks a list it may change as it
// goes (an assessment moves an enterprise out of an outcome filter) and
// resumes where it stopped.
func (tx *Tx) EnterpriseIDsAfter(ctx context.Context, f enterprise.Filter, after int64, limit int) ([]int64, error) {
	var a args
	conds, tokens, err := tx.enterpriseFilter(ctx, f, &a)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise ids: %w", err)
	}
	conds = append(conds, "e.id > "+a.add(after), in("e.id", tokens))
	rows, err := tx.query(ctx, "SELECT e.id FROM enterprises e"+where(conds...)+" ORDER BY e.id LIMIT "+a.add(int64(limit)), a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise ids: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlstore: enterprise ids: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// EnterpriseIDsAfter is Tx.EnterpriseIDsAfter in its own read transaction.
func (s *Store) EnterpriseIDsAfter(ctx context.Context, f enterprise.Filter, after int64, limit int) (ids []int64, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		ids, err = tx.EnterpriseIDsAfter(ctx, f, after, limit)
		return err
	})
	return ids, err
}

// RiverPool returns the pool River's SQLite driver works through: the
// single writer connection, so that River's writes queue with the store's
// in Go instead of failing with SQLITE_BUSY. Nil on PostgreSQL, where River
// opens its own pgx pool.
func (s *Store) RiverPool() *sql.DB {
	if s.engine != SQLite {
		return nil
	}
	return s.write
}
