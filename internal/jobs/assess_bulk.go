package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

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
	j := &sqlstore.Job{Kind: KindAssessBulk, Params: params}
	if err := r.cfg.Store.CreateJob(ctx, j); err != nil {
		return nil, err
	}
	if _, err := r.client.Insert(ctx, AssessBulkArgs{JobID: j.ID}, nil); err != nil {
		// The row exists and would wait forever: say why it never ran.
		_ = r.cfg.Store.FinishJob(auth.WithCaller(ctx, auth.System), j.ID, sqlstore.JobFailed, "任务未能排入队列："+err.Error())
		return nil, fmt.Errorf("jobs: queue job %d: %w", j.ID, err)
	}
	return j, nil
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
	if _, err := r.client.Insert(ctx, AssessBulkArgs{JobID: j.ID}, nil); err != nil {
		return fmt.Errorf("jobs: queue job %d: %w", j.ID, err)
	}
	return nil
}

// asCreator returns ctx acting as the job's creator, as that account stands
// now: a district official's job sees the district's records only, and an
// account disabled since cannot act through its jobs.
func (r *Runner) asCreator(ctx context.Context, row *sqlstore.Job) (context.Context, error) {
	if row.CreatedBy == 0 {
		return auth.WithCaller(ctx, auth.System), nil
	}
	u, err := r.cfg.Store.FindUserByID(ctx, row.CreatedBy)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "发起任务的账号已停用")
	}
	return auth.WithCaller(ctx, u.Caller()), nil
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
	return w.r.work(ctx, job.JobRow, job.Args.JobID, w.run)
}

// work runs a job's row through run and records how it ended: a job already
// finished is left alone, so running it again is safe; a server stopping
// puts it back in the queue without spending an attempt; the last attempt,
// or an error no retry can mend, ends the job with its reason, and other
// errors are retried by River.
func (r *Runner) work(ctx context.Context, job *rivertype.JobRow, id int64, run func(context.Context, *sqlstore.Job) error) error {
	st := r.cfg.Store
	sys := auth.WithCaller(ctx, auth.System)
	row, err := st.GetJob(sys, id)
	if apperr.Is(err, apperr.ENOTFOUND) {
		return river.JobCancel(err) // nothing to do, ever
	}
	if err != nil {
		return err
	}
	if row.Finished() {
		return nil
	}
	err = run(ctx, row)
	if err == nil {
		return st.FinishJob(sys, id, sqlstore.JobCompleted, "")
	}
	if ctx.Err() != nil {
		return river.JobSnooze(time.Second)
	}
	if job.Attempt >= job.MaxAttempts || apperr.Code(err) != apperr.EINTERNAL {
		msg := apperr.Message(err)
		if apperr.Code(err) == apperr.EINTERNAL {
			msg = "任务执行出错：" + err.Error()
		}
		if ferr := st.FinishJob(sys, id, sqlstore.JobFailed, msg); ferr != nil {
			return errors.Join(err, ferr)
		}
		return river.JobCancel(err)
	}
	return err
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
