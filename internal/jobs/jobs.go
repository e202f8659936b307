// Package jobs runs the platform's background work on River
// (github.com/riverqueue/river): River's SQLite driver on the store's own
// SQLite file, its pgx driver on PostgreSQL, where any number of servers
// share the queue and River's row locks keep one job from running twice.
//
// River keeps its queue in its own tables (its migrations run at start,
// beside the store's); the platform keeps each job's progress in the store's
// jobs table (who asked, in which district, done of total, errors), which
// pages and the API read with the district scope like every other record.
// A River job carries only the id of that row, so a retry finds where the
// last attempt stopped.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"zjtx/internal/criteria"
	"zjtx/internal/sqlstore"
)

// Config is what the job runner needs.
type Config struct {
	Store  *sqlstore.Store
	Engine *criteria.Engine
	DSN    string // the store's: PostgreSQL gets River's own pgx pool on it
	Logger *slog.Logger
	// Workers is how many jobs run at once in this process; 0: 2. The
	// machines are small and an assessment job keeps a core busy.
	Workers int
	// Periodic jobs to schedule (a nightly refresh, say). River's leader
	// election runs each once per period across all servers.
	Periodic []*river.PeriodicJob
	// Matcher is the matching service the match_refresh job refreshes;
	// nil: the job does nothing.
	Matcher Matcher
	// Now is the clock the workers date assessments by; nil: time.Now.
	Now func() time.Time
}

// client is what the runner needs of a River client, whatever its driver's
// transaction type.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Runner holds the River client of one server.
type Runner struct {
	cfg    Config
	client client
	pool   *pgxpool.Pool // PostgreSQL only
}

// New migrates River's tables and builds a client with the platform's
// workers. It does not start working: see Start.
func New(ctx context.Context, cfg Config) (*Runner, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 2
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	r := &Runner{cfg: cfg}
	workers := river.NewWorkers()
	river.AddWorker(workers, &assessBulkWorker{r: r})
	river.AddWorker(workers, &recognitionListWorker{r: r})
	river.AddWorker(workers, &backupListRefreshWorker{r: r})
	river.AddWorker(workers, &populationWorker{r: r})
	river.AddWorker(workers, &appealEscalateWorker{r: r})
	river.AddWorker(workers, &matchRefreshWorker{r: r})
	rc := &river.Config{
		Queues:       map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		Workers:      workers,
		PeriodicJobs: cfg.Periodic,
		Logger:       cfg.Logger,
		// A job's progress page polls every second; a job should not wait
		// longer than that to start.
		FetchPollInterval: 500 * time.Millisecond,
	}
	var err error
	if db := cfg.Store.RiverPool(); db != nil {
		err = r.openSQLite(ctx, db, rc)
	} else {
		err = r.openPostgres(ctx, rc)
	}
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return r, nil
}

func (r *Runner) openSQLite(ctx context.Context, db *sql.DB, rc *river.Config) error {
	driver := riversqlite.New(db)
	if err := migrate(ctx, driver); err != nil {
		return err
	}
	c, err := river.NewClient(driver, rc)
	if err != nil {
		return err
	}
	r.client = c
	return nil
}

// riverMigrationLock is the PostgreSQL advisory lock that servers starting
// together take turns on while River's migrations run (rivermigrate takes
// none of its own).
const riverMigrationLock = 0x7a6a7478_72697672

func (r *Runner) openPostgres(ctx context.Context, rc *river.Config) error {
	pool, err := pgxpool.New(ctx, r.cfg.DSN)
	if err != nil {
		return err
	}
	r.pool = pool
	driver := riverpgxv5.New(pool)
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(riverMigrationLock)); err != nil {
		return err
	}
	err = migrate(ctx, driver)
	if _, uerr := conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", int64(riverMigrationLock)); err == nil {
		err = uerr
	}
	if err != nil {
		return err
	}
	c, err := river.NewClient[pgx.Tx](driver, rc)
	if err != nil {
		return err
	}
	r.client = c
	return nil
}

func migrate[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	return nil
}

// Start starts working jobs until Stop.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop lets the jobs in progress finish until ctx ends, then cancels those
// still running and stops. A cancelled job is put back in the queue and
// resumes where it stopped on the next start (see assessBulkWorker.Work).
func (r *Runner) Stop(ctx context.Context) error {
	err := r.client.Stop(ctx)
	if ctx.Err() != nil {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = r.client.StopAndCancel(cctx)
	}
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

// Close releases River's PostgreSQL pool. Stop first.
func (r *Runner) Close() {
	if r.pool != nil {
		r.pool.Close()
	}
}
