package jobs

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/sqlstore"
	"zjtx/internal/xlsx"
)

// KindRecognitionList is the kind of the job that records a large official
// list of recognitions.
const KindRecognitionList = "recognition_list"

// ListJobThreshold is the number of rows above which an official list is
// recorded by a job: each row rewrites an enterprise's profile, about a
// millisecond each, so a few hundred rows fit in a request and more do not.
const ListJobThreshold = 500

// RecognitionListArgs is River's job: the id of the jobs row whose params
// hold the matched rows.
type RecognitionListArgs struct {
	JobID int64 `json:"job_id"`
}

// Kind is River's name for the job.
func (RecognitionListArgs) Kind() string { return KindRecognitionList }

// InsertOpts: unique by the job row, as AssessBulkArgs.
func (RecognitionListArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// listRow is one matched row as a job keeps it.
type listRow struct {
	Row  int                      `json:"row"`
	USCC string                   `json:"uscc"`
	Rec  *cultivation.Recognition `json:"rec"`
}

// ListImport is the outcome of reading and recording an official list.
type ListImport struct {
	Rows      int             // data rows read
	Created   int             // recognitions recorded anew
	Updated   int             // recognitions recorded before and updated
	Errors    []xlsx.RowError // every row not recorded, and why
	Annotated []byte          // the workbook with 错误原因, when a row has one
	Job       *sqlstore.Job   // the job recording the rows, when there were many
}

// ImportRecognitionList reads an official list, matches its rows by USCC
// in the caller's scope, and records the matched ones: in the request up to
// ListJobThreshold rows, by a job beyond (r nil: always in the request).
// Rows that cannot be read or matched are reported with the annotated
// workbook at once, whichever way the others are recorded.
func ImportRecognitionList(ctx context.Context, st *sqlstore.Store, r *Runner, data []byte) (*ListImport, error) {
	res, err := xlsx.ReadRecognitionList(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	out := &ListImport{Rows: res.Total}
	codes := make([]string, len(res.Rows))
	for i, row := range res.Rows {
		codes[i] = row.USCC
	}
	ids, err := st.MatchUSCC(ctx, codes)
	if err != nil {
		return nil, err
	}
	var items []sqlstore.ListItem
	for _, row := range res.Rows {
		if ids[row.USCC] == 0 {
			res.AddListError(row.Row, "uscc", fmt.Sprintf("no enterprise with USCC %s in your scope", row.USCC),
				fmt.Sprintf("统一社会信用代码 %s 在您管辖范围内没有登记的企业，未能匹配", row.USCC))
			continue
		}
		rec := row.Rec
		items = append(items, sqlstore.ListItem{Row: row.Row, USCC: row.USCC, Rec: &rec})
	}
	if r != nil && len(items) > ListJobThreshold {
		if out.Job, err = r.recordList(ctx, items); err != nil {
			return nil, err
		}
	} else {
		created, updated, failed, err := st.SaveRecognitionList(ctx, items)
		if err != nil {
			return nil, err
		}
		out.Created, out.Updated = created, updated
		for _, f := range failed {
			res.AddListError(f.Row, f.Path, f.EN, f.ZH)
		}
	}
	slices.SortStableFunc(res.Errors, func(a, b xlsx.RowError) int { return cmp.Compare(a.Row, b.Row) })
	out.Errors = res.Errors
	if len(out.Errors) > 0 {
		var buf bytes.Buffer
		if err := xlsx.AnnotateRecognitionList(&buf, bytes.NewReader(data), res); err != nil {
			return nil, err
		}
		out.Annotated = buf.Bytes()
	}
	return out, nil
}

// recordList queues the job that records the matched rows.
func (r *Runner) recordList(ctx context.Context, items []sqlstore.ListItem) (*sqlstore.Job, error) {
	rows := make([]listRow, len(items))
	for i, it := range items {
		rows[i] = listRow{it.Row, it.USCC, it.Rec}
	}
	params, err := json.Marshal(rows)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	j := &sqlstore.Job{Kind: KindRecognitionList, Params: params}
	if err := r.cfg.Store.CreateJob(ctx, j); err != nil {
		return nil, err
	}
	if _, err := r.client.Insert(ctx, RecognitionListArgs{JobID: j.ID}, nil); err != nil {
		_ = r.cfg.Store.FinishJob(auth.WithCaller(ctx, auth.System), j.ID, sqlstore.JobFailed, "任务未能排入队列："+err.Error())
		return nil, fmt.Errorf("jobs: queue job %d: %w", j.ID, err)
	}
	return j, nil
}

type recognitionListWorker struct {
	river.WorkerDefaults[RecognitionListArgs]
	r *Runner
}

// Work records the job's rows as its creator, one row per transaction with
// its progress, after the last row done: a retry resumes there, and a
// re-run records nothing twice (a row recorded before is updated).
func (w *recognitionListWorker) Work(ctx context.Context, job *river.Job[RecognitionListArgs]) error {
	st := w.r.cfg.Store
	sys := auth.WithCaller(ctx, auth.System)
	row, err := st.GetJob(sys, job.Args.JobID)
	if apperr.Is(err, apperr.ENOTFOUND) {
		return river.JobCancel(err)
	}
	if err != nil || row.Finished() {
		return err
	}
	err = w.run(ctx, row)
	if err == nil {
		return st.FinishJob(sys, row.ID, sqlstore.JobCompleted, "")
	}
	if ctx.Err() != nil {
		return river.JobSnooze(time.Second)
	}
	if job.Attempt >= job.MaxAttempts || apperr.Code(err) != apperr.EINTERNAL {
		if ferr := st.FinishJob(sys, row.ID, sqlstore.JobFailed, "任务执行出错："+apperr.Message(err)); ferr != nil {
			return errors.Join(err, ferr)
		}
		return river.JobCancel(err)
	}
	return err
}

func (w *recognitionListWorker) run(ctx context.Context, row *sqlstore.Job) error {
	st := w.r.cfg.Store
	var rows []listRow
	if err := json.Unmarshal(row.Params, &rows); err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "任务参数无法读取")
	}
	caller, err := creator(ctx, st, row)
	if err != nil {
		return err
	}
	ctx = auth.WithCaller(ctx, caller)
	if row, err = st.StartJob(ctx, row.ID, int64(len(rows))); err != nil {
		return err
	}
	for i := int(row.LastItem); i < len(rows); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		it := sqlstore.ListItem{Row: rows[i].Row, USCC: rows[i].USCC, Rec: rows[i].Rec}
		err := st.WithTx(ctx, func(tx *sqlstore.Tx) error {
			_, _, failed, err := tx.SaveRecognitionList(ctx, []sqlstore.ListItem{it})
			if err != nil {
				return err
			}
			msg := ""
			if len(failed) > 0 {
				msg = fmt.Sprintf("第 %d 行：%s", it.Row, failed[0].ZH)
			}
			return tx.JobItemDone(ctx, row.ID, int64(i+1), msg)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// creator is the caller a job acts as: its creator's account as it stands
// now (a disabled account cannot act through its jobs), or the system.
func creator(ctx context.Context, st *sqlstore.Store, row *sqlstore.Job) (auth.Caller, error) {
	if row.CreatedBy == 0 {
		return auth.System, nil
	}
	u, err := st.FindUserByID(ctx, row.CreatedBy)
	if err != nil {
		return auth.Caller{}, err
	}
	if u.Disabled {
		return auth.Caller{}, apperr.Errorf(apperr.EFORBIDDEN, "发起任务的账号已停用")
	}
	return u.Caller(), nil
}
