package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"zjtx/internal/apperr"
	"zjtx/internal/assess"
	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// KindAssessBulk is the kind of the job that assesses a list.
const KindAssessBulk = "assess_bulk"

// AssessBulkArgs is River's job: the id of the jobs row that holds the
// list's filter and the progress.
type AssessBulkArgs struct {
	JobID int64 `json:"job_id"`
}

// Kind is River's name for the job.
func (AssessBulkArgs) Kind() string { return KindAssessBulk }

// InsertOpts make a job row unique by its id: inserting it twice (a
// client retrying its request) queues it once.
func (AssessBulkArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// assessBulkParams is what a bulk assessment job row keeps as its params.
type assessBulkParams struct {
	Filter enterprise.Filter `json:"filter"`
}

// AssessBulkFilter returns the list filter of a bulk assessment job.
func AssessBulkFilter(j *sqlstore.Job) (enterprise.Filter, error) {
	var p assessBulkParams
	if j.Kind != KindAssessBulk {
		return p.Filter, fmt.Errorf("jobs: job %d is a %s job", j.ID, j.Kind)
	}
	if err := json.Unmarshal(j.Params, &p); err != nil {
		return p.Filter, fmt.Errorf("jobs: job %d: %w", j.ID, err)
	}
	return p.Filter, nil
}

// AssessBulk queues the assessment of every enterprise in the caller's
// scope that matches f (Sort, Limit and Offset ignored; f.IDs for a
// selection) and returns the job's row.
func (r *Runner) AssessBulk(ctx context.Context, f enterprise.Filter) (*sqlstore.Job, error) {
	f.Sort, f.Limit, f.Offset = "", 0, 0
	params, err := json.Marshal(assessBulkParams{Filter: f})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return r.enqueue(ctx, &sqlstore.Job{Kind: KindAssessBulk, Params: params})
}

// enqueue records the job's row for the caller and queues its River job.
func (r *Runner) enqueue(ctx context.Context, j *sqlstore.Job) (*sqlstore.Job, error) {
	if err := r.cfg.Store.CreateJob(ctx, j); err != nil {
		return nil, err
	}
	if _, err := r.client.Insert(ctx, riverArgs(j), nil); err != nil {
		// The row exists and would wait forever: say why it never ran.
		_ = r.cfg.Store.FinishJob(auth.WithCaller(ctx, auth.System), j.ID, sqlstore.JobFailed, "任务未能排入队列："+err.Error())
		return nil, fmt.Errorf("jobs: queue job %d: %w", j.ID, err)
	}
	return j, nil
}

// riverArgs is River's job for a jobs row, by its kind.
func riverArgs(j *sqlstore.Job) river.JobArgs {
	if j.Kind == KindBackupListRefresh {
		return BackupListRefreshArgs{JobID: j.ID}
	}
	return AssessBulkArgs{JobID: j.ID}
}

// Requeue queues a job of the caller's scope again: a job that failed (its
// cause mended) runs on from where it stopped; a completed one is left as it
// is, so running it again is safe. River's uniqueness by arguments keeps a
// job queued or running from being queued twice.
func (r *Runner) Requeue(ctx context.Context, jobID int64) error {
	j, err := r.cfg.Store.ReopenJob(ctx, jobID)
	if err != nil {
		return err
	}
	if _, err := r.client.Insert(ctx, riverArgs(j), nil); err != nil {
		return fmt.Errorf("jobs: queue job %d: %w", j.ID, err)
	}
	return nil
}

// assessBatch is how many enterprise ids the worker reads at a time.
const assessBatch = 100

type assessBulkWorker struct {
	river.WorkerDefaults[AssessBulkArgs]
	r *Runner
}

// Work assesses the job's list as the user who asked for it, within that
// user's scope, one enterprise per transaction (its assessments, their audit
// rows and the job's progress commit together), in id order after the last
// one done: a retry after a crash or a restart resumes there, and a job
// already finished is left alone, so running it again is safe.
func (w *assessBulkWorker) Work(ctx context.Context, job *river.Job[AssessBulkArgs]) error {
	return w.r.track(ctx, job.Args.JobID, job.Attempt, job.MaxAttempts, w.run)
}

func (w *assessBulkWorker) run(ctx context.Context, row *sqlstore.Job) error {
	st := w.r.cfg.Store
	filter, err := AssessBulkFilter(row)
	if err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "任务参数无法读取")
	}
	ctx, err = w.r.asCreator(ctx, row)
	if err != nil {
		return err
	}
	f := filter
	f.Limit = 1
	_, total, err := st.ListEnterprises(ctx, f)
	if err != nil {
		return err
	}
	if row, err = st.StartJob(ctx, row.ID, int64(total)); err != nil {
		return err
	}
	y, m, d := w.r.cfg.Now().In(time.FixedZone("CST", 8*3600)).Date()
	opt := criteria.Options{AsOf: profile.Date{Y: y, M: m, D: d}}
	after := row.LastItem
	for {
		ids, err := st.EnterpriseIDsAfter(ctx, filter, after, assessBatch)
		if err != nil {
			return err
		}
		for _, eid := range ids {
			if err := ctx.Err(); err != nil {
				return err // stopping: a retry resumes after the last id done
			}
			if err := w.assessOne(ctx, row.ID, eid, opt); err != nil {
				return err
			}
			after = eid
		}
		if len(ids) < assessBatch {
			return nil
		}
	}
}

// assessOne assesses one enterprise and counts it done in one transaction.
// An enterprise the engine cannot assess (no rule set for the date, say) is
// counted as an error with its reason and the job goes on; a database error
// stops the attempt for River to retry.
func (w *assessBulkWorker) assessOne(ctx context.Context, jobID, eid int64, opt criteria.Options) error {
	st := w.r.cfg.Store
	rec, err := st.GetEnterprise(ctx, eid)
	var list []*enterprise.Assessment
	if err == nil {
		_, list, err = assess.Evaluate(w.r.cfg.Engine, rec, opt)
	}
	failure := ""
	if err != nil {
		if apperr.Code(err) == apperr.EINTERNAL && !errors.Is(err, assess.ErrNoRuleSet) {
			return err
		}
		failure = fmt.Sprintf("企业 %d：%s", eid, apperr.Message(err))
		if errors.Is(err, assess.ErrNoRuleSet) {
			failure = fmt.Sprintf("企业 %d：评价日期无适用的认定标准", eid)
		}
	}
	done := func(failure string) error {
		return st.WithTx(ctx, func(tx *sqlstore.Tx) error {
			if failure == "" {
				if err := assess.Save(ctx, tx, list); err != nil {
					return err
				}
			}
			return tx.JobItemDone(ctx, jobID, eid, failure)
		})
	}
	err = done(failure)
	if err != nil && apperr.Code(err) != apperr.EINTERNAL {
		// Refused (out of scope since, say): counted with its reason.
		err = done(fmt.Sprintf("企业 %d：%s", eid, apperr.Message(err)))
	}
	return err
}
