package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// KindMatchRefresh is the kind of the job that brings the server's matching
// service up to date after a change to the catalogue (a product created,
// changed or withdrawn; an institution approved or suspended, its chains or
// quality list set) and makes the embeddings the new texts need when a
// large model is configured: that may take many seconds per batch, so it
// runs here, never in the request that made the change.
const KindMatchRefresh = "match_refresh"

// Matcher is what the job refreshes (the server's matching service).
type Matcher interface {
	Refresh(ctx context.Context) error
}

// MatchRefreshArgs is River's job; it carries nothing: a refresh reads the
// whole catalogue and re-indexes only what changed, so a refresh after one
// that already saw the change costs a read of the catalogue and nothing
// more. The jobs are not made unique: River's uniqueness must count a
// running job, and a refresh that may have read the catalogue before the
// latest change must not stand for it.
type MatchRefreshArgs struct{}

// Kind is River's name for the job.
func (MatchRefreshArgs) Kind() string { return KindMatchRefresh }

// InsertOpts retry a failed refresh (the model endpoint down while
// embedding) a few times; the next change or restart tries again anyway.
func (MatchRefreshArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 5} }

type matchRefreshWorker struct {
	river.WorkerDefaults[MatchRefreshArgs]
	r *Runner
}

// Work refreshes the matcher of the process that works the job. Other
// servers sharing a PostgreSQL database catch up on their own (the server
// re-reads the catalogue every minute); the embeddings this one makes are
// stored, so they do not make them again.
func (w *matchRefreshWorker) Work(ctx context.Context, _ *river.Job[MatchRefreshArgs]) error {
	if w.r.cfg.Matcher == nil {
		return nil
	}
	return w.r.cfg.Matcher.Refresh(ctx)
}

// RefreshMatches queues a match_refresh job.
func (r *Runner) RefreshMatches(ctx context.Context) error {
	_, err := r.client.Insert(ctx, MatchRefreshArgs{}, nil)
	return err
}
