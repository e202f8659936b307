package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
	"zjtx/internal/sqlstore"
)

var jobKindNames = map[string]string{"assess_bulk": "批量评价", "backup_list_refresh": "刷新后备清单", "recognition_list": "导入认定名单",
	jobs.KindImpact: "规则变化影响分析", jobs.KindDiscover: "候选企业发现（选种）", jobs.KindImport: "企业总体导入与选种"}

// jobResults say what a completed job of a kind did, and name the link to
// what it changed.
var jobResults = map[string][2]string{
	"assess_bulk":         {"评价已完成，结果已保存到各企业档案。", "查看所评价企业的评价结论"},
	"backup_list_refresh": {"后备清单已按纳入规则刷新。", "查看后备清单"},
	"recognition_list":    {"认定名单已导入，称号已写入企业档案。", "查看认定名单"},
}

var jobStateNames = map[string]string{
	sqlstore.JobQueued: "排队中", sqlstore.JobRunning: "进行中", sqlstore.JobCompleted: "已完成", sqlstore.JobFailed: "失败",
}

// jobStateClass is the Bootstrap colour of a state's badge.
var jobStateClass = map[string]string{
	sqlstore.JobQueued: "secondary", sqlstore.JobRunning: "primary", sqlstore.JobCompleted: "success", sqlstore.JobFailed: "danger",
}

type jobView struct {
	base
	Job       *sqlstore.Job
	KindName  string
	StateName string
	StateCls  string
	Percent   int64
	ListURL   string // the list the job assessed, with the results
	Result    [2]string
	ResultURL string // a population analysis's result page
	CanRerun  bool
}

// jobShow is a background job's page: progress while it runs (the block
// polls itself every second through htmx, as htmx's progress-bar example
// does, and stops once the job ends) and the result when it ends, with the
// reason if it failed. A job outside the caller's scope does not exist.
func (w *Web) jobShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	j, err := w.store.GetJob(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := jobView{base: w.base(r, "后台任务", "enterprises"), Job: j, KindName: jobKindNames[j.Kind], StateName: jobStateNames[j.State],
		StateCls: jobStateClass[j.State]}
	if j.Total > 0 {
		v.Percent = j.Done * 100 / j.Total
	} else if j.Finished() {
		v.Percent = 100
	}
	if f, err := jobs.AssessBulkFilter(j); err == nil {
		v.ListURL = "/enterprises?" + listQuery(f).Encode()
	}
	switch v.Result = jobResults[j.Kind]; j.Kind {
	case jobs.KindBackupListRefresh:
		v.ListURL = "/backup-lists/srdi"
	case jobs.KindRecognitionList:
		v.ListURL = "/recognitions"
	}
	v.ResultURL = w.populationJobResult(r.Context(), j)
	v.CanRerun = j.State == sqlstore.JobFailed && v.User.IsOfficial()
	if isHTMX(r) {
		w.renderFragment(rw, r, http.StatusOK, "job_show", "progress", v)
		return
	}
	w.render(rw, r, http.StatusOK, "job_show", v)
}

// jobRerun queues a failed job of the caller's scope again: it runs on from
// the last enterprise done. A job that did not fail is left as it is.
func (w *Web) jobRerun(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = w.jobs.Requeue(r.Context(), id)
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/jobs/%d", id))
}
