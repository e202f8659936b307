package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"runtime"
	"sort"
	"time"

	"github.com/riverqueue/river"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/discovery"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// Job kinds of the population analyses.
const (
	KindImpact   = "impact"
	KindDiscover = "discover"
)

// PopulationArgs is River's job for the population analyses: the id of the
// jobs row, whose params name the work.
type PopulationArgs struct {
	JobID int64 `json:"job_id"`
}

// Kind is River's name for the job; the jobs row's kind says which analysis.
func (PopulationArgs) Kind() string { return "population" }

// InsertOpts: see AssessBulkArgs.
func (PopulationArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// populationParams are a population job row's params.
type populationParams struct {
	PopulationID int64  `json:"population_id"`
	RunID        int64  `json:"run_id,omitempty"`
	AsOf         string `json:"as_of,omitempty"`
}

type populationWorker struct {
	river.WorkerDefaults[PopulationArgs]
	r *Runner
}

func (w *populationWorker) Work(ctx context.Context, job *river.Job[PopulationArgs]) error {
	return w.r.track(ctx, job.Args.JobID, job.Attempt, job.MaxAttempts, w.r.runPopulationJob)
}

// Impact records an impact analysis of the caller and either runs it at
// once (inline: a small population, answered within the request) or queues
// it as a job, whose id it sets on the run.
func (r *Runner) Impact(ctx context.Context, run *sqlstore.ImpactRun, inline bool) error {
	st := r.cfg.Store
	if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.CreateImpactRun(ctx, run) }); err != nil {
		return err
	}
	if inline {
		err := r.impact(ctx, run)
		if err != nil {
			_ = st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.FinishImpactRun(ctx, run.ID, nil) })
			return err
		}
		run.State = sqlstore.ImpactReady
		return nil
	}
	j, err := r.queue(ctx, KindImpact, populationParams{PopulationID: run.PopulationID, RunID: run.ID})
	if err != nil {
		return err
	}
	run.JobID = j.ID
	return st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.SetImpactJob(ctx, run.ID, j.ID) })
}

// Discover queues candidate discovery over a population for asOf.
func (r *Runner) Discover(ctx context.Context, popID int64, asOf profile.Date) (*sqlstore.Job, error) {
	return r.queue(ctx, KindDiscover, populationParams{PopulationID: popID, AsOf: asOf.String()})
}

func (r *Runner) queue(ctx context.Context, kind string, p populationParams) (*sqlstore.Job, error) {
	params, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	j := &sqlstore.Job{Kind: kind, Params: params}
	if err := r.cfg.Store.CreateJob(ctx, j); err != nil {
		return nil, err
	}
	if _, err := r.client.Insert(ctx, PopulationArgs{JobID: j.ID}, nil); err != nil {
		_ = r.cfg.Store.FinishJob(auth.WithCaller(ctx, auth.System), j.ID, sqlstore.JobFailed, "任务未能排入队列："+err.Error())
		return nil, fmt.Errorf("jobs: queue job %d: %w", j.ID, err)
	}
	return j, nil
}

func (r *Runner) runPopulationJob(ctx context.Context, row *sqlstore.Job) error {
	var p populationParams
	if err := json.Unmarshal(row.Params, &p); err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "任务参数无法读取")
	}
	ctx, err := r.asCreator(ctx, row)
	if err != nil {
		return err
	}
	st := r.cfg.Store
	if row.Kind == KindImport {
		return r.importPopulation(ctx, row, p)
	}
	if _, err := st.StartJob(ctx, row.ID, 1); err != nil {
		return err
	}
	switch row.Kind {
	case KindImpact:
		run, err := st.GetImpactRun(ctx, p.RunID)
		if err != nil {
			return err
		}
		if err := r.impact(ctx, run); err != nil {
			_ = st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.FinishImpactRun(ctx, run.ID, nil) })
			return err
		}
	case KindDiscover:
		asOf, err := profile.ParseDate(p.AsOf)
		if err != nil {
			return apperr.Wrap(err, apperr.EINVALID, "任务参数无法读取")
		}
		if err := r.discover(ctx, p.PopulationID, asOf); err != nil {
			return err
		}
	default:
		return apperr.Errorf(apperr.EINVALID, "未知的任务类型 %s", row.Kind)
	}
	return st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.JobItemDone(ctx, row.ID, 1, "") })
}

// Workers is how many goroutines an analysis decodes and evaluates on.
func analysisWorkers() int { return runtime.GOMAXPROCS(0) }

// Source returns the blocks of a population in the caller's scope: the
// stored blocks, or for population 0 the registered enterprises, read and
// encoded a block at a time.
func Source(ctx context.Context, st *sqlstore.Store, popID int64) iter.Seq2[discovery.Encoded, error] {
	if popID != 0 {
		return st.EachPopulationBlock(ctx, popID)
	}
	return func(yield func(discovery.Encoded, error) bool) {
		var rows []int64
		var ps []*profile.Profile
		flush := func() bool {
			if len(rows) == 0 {
				return true
			}
			e := discovery.Encoded{Data: discovery.EncodeBlock(rows, ps)}
			rows, ps = nil, nil
			return yield(e, nil)
		}
		for rec, err := range st.EachEnterprise(ctx, enterprise.Filter{Sort: "id"}) {
			if err != nil {
				yield(discovery.Encoded{}, err)
				return
			}
			p := rec.Profile
			p.Region, p.USCC, p.Name = rec.Region, rec.USCC, rec.Name
			rows, ps = append(rows, rec.ID), append(ps, p)
			if len(rows) == discovery.BlockSize && !flush() {
				return
			}
		}
		flush()
	}
}

func (r *Runner) impact(ctx context.Context, run *sqlstore.ImpactRun) error {
	asOf, err := profile.ParseDate(run.AsOf)
	if err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "评价日期无效")
	}
	im, err := discovery.NewImpact(r.cfg.Engine, run.From, run.To, asOf)
	if err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "规则集无效")
	}
	out, err := discovery.RunImpact(ctx, im, analysisWorkers(), Source(ctx, r.cfg.Store, run.PopulationID))
	if err != nil {
		return err
	}
	res := ImpactResult(im, out)
	return r.cfg.Store.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.FinishImpactRun(ctx, run.ID, res) })
}

// ImpactResult turns what an analysis found into the rows the store keeps.
func ImpactResult(im *discovery.Impact, out *discovery.ImpactOutcome) *sqlstore.ImpactResult {
	res := &sqlstore.ImpactResult{}
	for k, v := range out.Cells {
		res.Cells = append(res.Cells, sqlstore.ImpactCell{Region: k.Region, Industry: k.Industry, Move: k.Move, Count: int64(v)})
	}
	for k, v := range out.Deciding {
		res.Deciding = append(res.Deciding, sqlstore.ImpactDeciding{Region: k.Region, Move: k.Move, CondID: k.Cond, Label: im.Label(k.Cond), Count: int64(v)})
	}
	sort.Slice(out.Movers, func(i, j int) bool { return out.Movers[i].Row < out.Movers[j].Row })
	for _, m := range out.Movers {
		res.Movers = append(res.Movers, sqlstore.ImpactMover{RowNo: m.Row, USCC: m.USCC, Name: m.Name, Region: m.Region,
			Industry: m.Industry, Move: discovery.Move(m.From, m.To), Deciding: m.Deciding})
	}
	return res
}

func (r *Runner) discover(ctx context.Context, popID int64, asOf profile.Date) error {
	st := r.cfg.Store
	blocks, _, err := discovery.Discover(ctx, r.cfg.Engine, asOf, analysisWorkers(), st.EachPopulationBlock(ctx, popID))
	if err != nil {
		return err
	}
	rb := make([]sqlstore.ResultBlock, len(blocks))
	for i, b := range blocks {
		rb[i] = sqlstore.ResultBlock{Region: b.Region, Data: b.Data}
	}
	return st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.SaveDiscovery(ctx, popID, asOf.String(), rb) })
}

// Today is the job clock's date in China.
func (r *Runner) Today() profile.Date {
	y, m, d := r.cfg.Now().In(time.FixedZone("CST", 8*3600)).Date()
	return profile.Date{Y: y, M: m, D: d}
}

// PopulationParams name a population job's work.
type PopulationParams = populationParams

// PopulationJob returns the params of a population job; ok is false for a
// job of another kind.
func PopulationJob(j *sqlstore.Job) (p PopulationParams, ok bool) {
	if j.Kind != KindImpact && j.Kind != KindDiscover && j.Kind != KindImport {
		return p, false
	}
	return p, json.Unmarshal(j.Params, &p) == nil
}
