package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"zjtx/internal/auth"
)

// KindAppealEscalate is the kind of the job that escalates the issues of
// the ledger (诉求台账) late on a 13710 deadline: 交办 within 1 working
// day, first feedback within 3, solved within 7 (complex: 22).
const KindAppealEscalate = "appeal_escalate"

// AppealEscalateArgs is River's job; it carries nothing: each run looks at
// every open issue.
type AppealEscalateArgs struct{}

// Kind is River's name for the job.
func (AppealEscalateArgs) Kind() string { return KindAppealEscalate }

// InsertOpts make the job unique while queued or running. Completed runs
// are left out of the uniqueness (River counts them by default and keeps
// them for a day), or every run after the first would be dropped.
func (AppealEscalateArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled}}}
}

// HourlyAppealEscalation is the periodic job of jobs.Config.Periodic that
// escalates overdue issues every hour: a deadline is the end of a working
// day, and an hour's delay is within the rule's grain. runOnStart also runs
// it when the leader starts.
func HourlyAppealEscalation(runOnStart bool) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return AppealEscalateArgs{}, nil },
		&river.PeriodicJobOpts{ID: KindAppealEscalate, RunOnStart: runOnStart})
}

type appealEscalateWorker struct {
	river.WorkerDefaults[AppealEscalateArgs]
	r *Runner
}

// Work escalates, as the system, every open issue late on a stage it was
// not yet escalated for, each with its note and audit row, in one
// transaction; a second run escalates nothing new.
func (w *appealEscalateWorker) Work(ctx context.Context, _ *river.Job[AppealEscalateArgs]) error {
	n, err := w.r.cfg.Store.EscalateOverdue(auth.WithCaller(ctx, auth.System))
	if err == nil && n > 0 {
		w.r.cfg.Logger.Info("overdue appeals escalated", "count", n)
	}
	return err
}
