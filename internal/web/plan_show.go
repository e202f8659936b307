package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/hub"
	"zjtx/internal/plan"
	"zjtx/internal/sqlstore"
)

// planShowView is a plan's page: its standing, tags and tasks, with a close
// form per open task for officials.
type planShowView struct {
	base
	Plan     planItem
	CanClose bool
	Version  int64         // the enterprise version the close forms were read at
	Closed   *taskItem     // the task just closed, for the notice
	Summary  *errorSummary // why a close failed
	FailedID int64         // the task whose close failed
	// Services are the enterprise's service engagements (服务对接) in the
	// caller's scope: the district follows the plan's services here, next
	// to the tasks they serve.
	Services []matchRow
}

// planShow shows a plan to officials in scope and to its enterprise.
func (w *Web) planShow(rw http.ResponseWriter, r *http.Request) {
	v, err := w.planPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if t := v.Plan.Task(queryID(r, "closed")); t != nil && t.Status == plan.StatusDone {
		v.Closed = &taskItem{Task: t}
	}
	w.render(rw, r, http.StatusOK, "plan_show", v)
}

func (w *Web) planPage(r *http.Request) (*planShowView, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	p, err := w.store.GetPlan(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v := &planShowView{base: w.base(r, p.EnterpriseName+" · "+tierNames[p.Tier]+"培育辅导计划", "enterprises"),
		Plan: planItemOf(p, w.asOf())}
	if c, _ := httpx.Caller(r); c.Role == auth.RoleCity || c.Role == auth.RoleDistrict {
		rec, err := w.store.GetEnterprise(r.Context(), p.EnterpriseID)
		if err != nil {
			return nil, err
		}
		v.CanClose, v.Version = true, rec.Version
	}
	services, err := w.store.ListMatches(r.Context(), sqlstore.MatchFilter{EnterpriseID: p.EnterpriseID, Limit: 50})
	if err != nil {
		return nil, err
	}
	for _, m := range services.Items {
		v.Services = append(v.Services, matchRow{Match: m, StageText: hub.StageZH[m.Stage]})
	}
	return v, nil
}

// queryID reads a positive id from the query, 0 when absent or bad.
func queryID(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
