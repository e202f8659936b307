package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
)

// track runs the work of the jobs row id (run) and records how it ended:
// completed, or failed with its reason on the last attempt or on an error no
// retry can mend; other errors go back to River for a retry. A job already
// finished is left alone, so running it again is safe.
func (r *Runner) track(ctx context.Context, id int64, attempt, maxAttempts int, run func(context.Context, *sqlstore.Job) error) error {
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
		// The server is stopping: back to the queue without spending an
		// attempt, to resume after the last item done.
		return river.JobSnooze(time.Second)
	}
	if attempt >= maxAttempts || apperr.Code(err) != apperr.EINTERNAL {
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

// asCreator returns ctx acting as the job's creator, as that account stands
// now: a district official's job covers the district only, and an account
// disabled since cannot act through its jobs. A job of the system (a
// periodic one) acts as the system.
func (r *Runner) asCreator(ctx context.Context, row *sqlstore.Job) (context.Context, error) {
	if row.CreatedBy == 0 {
		return auth.WithCaller(ctx, auth.System), nil
	}
	u, err := r.cfg.Store.FindUserByID(ctx, row.CreatedBy)
	if err != nil {
		return ctx, err
	}
	if u.Disabled {
		return ctx, apperr.Errorf(apperr.EFORBIDDEN, "发起任务的账号已停用")
	}
	return auth.WithCaller(ctx, u.Caller()), nil
}
