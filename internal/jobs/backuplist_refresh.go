package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

// KindBackupListRefresh is the kind of the job that applies the backup
// lists' inclusion rules to every enterprise in scope: nightly for all (the
// rules read validity dates, which run out without any write), or when an
// official starts it.
const KindBackupListRefresh = "backup_list_refresh"

// BackupListRefreshArgs is River's job: the id of its jobs row, or 0 for the
// nightly run, which makes its own row as the system.
type BackupListRefreshArgs struct {
	JobID int64 `json:"job_id"`
}

// Kind is River's name for the job.
func (BackupListRefreshArgs) Kind() string { return KindBackupListRefresh }

// InsertOpts make a job unique by its arguments while it is queued or
// running: one refresh of a row, and one nightly run at a time. Completed
// jobs are left out of the uniqueness (River counts them by default), or
// the next night's run would be dropped while River still keeps the last
// one, which it does for a day.
func (BackupListRefreshArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

// NightlyBackupListRefresh is the periodic job of jobs.Config.Periodic that
// refreshes every list at 02:00 China Standard Time; River's leader runs it
// once across servers. runOnStart also runs it when the leader starts.
func NightlyBackupListRefresh(runOnStart bool) *river.PeriodicJob {
	return river.NewPeriodicJob(dailyAt{hour: 2},
		func() (river.JobArgs, *river.InsertOpts) { return BackupListRefreshArgs{}, nil },
		&river.PeriodicJobOpts{ID: KindBackupListRefresh, RunOnStart: runOnStart})
}

// dailyAt is a schedule of once a day at an hour of China Standard Time.
type dailyAt struct{ hour int }

func (d dailyAt) Next(now time.Time) time.Time {
	t := now.In(cst)
	next := time.Date(t.Year(), t.Month(), t.Day(), d.hour, 0, 0, 0, cst)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

var cst = time.FixedZone("CST", 8*3600)

// RefreshBackupLists queues a refresh of the caller's scope (a district
// official: the district) and returns the job's row.
func (r *Runner) RefreshBackupLists(ctx context.Context) (*sqlstore.Job, error) {
	return r.enqueue(ctx, &sqlstore.Job{Kind: KindBackupListRefresh, Params: []byte("{}")})
}

type backupListRefreshWorker struct {
	river.WorkerDefaults[BackupListRefreshArgs]
	r *Runner
}

// Work refreshes the lists of every enterprise in the creator's scope, one
// enterprise per transaction with the job's progress, in id order after
// the last one done, so a retry resumes there. A refresh is idempotent: an
// enterprise refreshed twice changes nothing the second time.
func (w *backupListRefreshWorker) Work(ctx context.Context, job *river.Job[BackupListRefreshArgs]) error {
	id := job.Args.JobID
	if id == 0 {
		j := &sqlstore.Job{Kind: KindBackupListRefresh, Params: []byte(`{"nightly":true}`)}
		if err := w.r.cfg.Store.CreateJob(auth.WithCaller(ctx, auth.System), j); err != nil {
			return err
		}
		id = j.ID
	}
	return w.r.track(ctx, id, job.Attempt, job.MaxAttempts, w.run)
}

func (w *backupListRefreshWorker) run(ctx context.Context, row *sqlstore.Job) error {
	st := w.r.cfg.Store
	ctx, err := w.r.asCreator(ctx, row)
	if err != nil {
		return err
	}
	var all enterprise.Filter
	_, total, err := st.ListEnterprises(ctx, enterprise.Filter{Limit: 1})
	if err != nil {
		return err
	}
	if row, err = st.StartJob(ctx, row.ID, int64(total)); err != nil {
		return err
	}
	after := row.LastItem
	for {
		ids, err := st.EnterpriseIDsAfter(ctx, all, after, assessBatch)
		if err != nil {
			return err
		}
		for _, eid := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			err := st.WithTx(ctx, func(tx *sqlstore.Tx) error {
				if err := tx.RefreshBackupLists(ctx, eid); err != nil {
					return err
				}
				return tx.JobItemDone(ctx, row.ID, eid, "")
			})
			if err != nil && apperr.Code(err) != apperr.EINTERNAL {
				err = st.WithTx(ctx, func(tx *sqlstore.Tx) error {
					return tx.JobItemDone(ctx, row.ID, eid, fmt.Sprintf("企业 %d：%s", eid, apperr.Message(err)))
				})
			}
			if err != nil {
				return err
			}
			after = eid
		}
		if len(ids) < assessBatch {
			return nil
		}
	}
}
