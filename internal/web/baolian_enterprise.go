package web

import (
	"net/http"
	"net/url"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type baolianEnterpriseView struct {
	base
	EnterpriseID     int64
	Name, RegionName string
	Assignments      []assignmentRow
	Visits           []visitRow
	Appeals          []appealRow
	Officials        []option
	Roles, Forms     []option
	Categories       []option
	Today            string
	Form             url.Values
	Failed           string // the form that failed: assign, visit or appeal
	Errors           *errorSummary
}

// baolianEnterprise is one enterprise's 包联 page: its officials, visits
// and issues; officials assign and record visits (with an issue raised),
// the enterprise account raises issues. Out of scope it does not exist.
func (w *Web) baolianEnterprise(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.renderBaolianEnterprise(rw, r, id, http.StatusOK, baolianEnterpriseView{Form: url.Values{"date": {w.today().Format("2006-01-02")}}})
}

func (w *Web) renderBaolianEnterprise(rw http.ResponseWriter, r *http.Request, id int64, status int, v baolianEnterpriseView) {
	ctx := r.Context()
	rec, err := w.store.GetEnterprise(ctx, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.base = w.base(r, "包联帮扶 · "+rec.Profile.Name, "baolian")
	v.EnterpriseID, v.Name, v.RegionName = rec.ID, rec.Profile.Name, w.region[rec.Region]
	as, _, err := w.store.ListAssignments(ctx, sqlstore.AssignmentFilter{EnterpriseID: id})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, s := range as {
		v.Assignments = append(v.Assignments, w.assignmentRowOf(s))
	}
	vs, _, err := w.store.ListVisits(ctx, sqlstore.VisitFilter{EnterpriseID: id, Limit: 50})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, x := range vs {
		v.Visits = append(v.Visits, visitRowOf(x))
	}
	ps, _, err := w.store.ListAppeals(ctx, sqlstore.AppealFilter{EnterpriseID: id, Limit: 100})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, p := range ps {
		v.Appeals = append(v.Appeals, w.appealRowOf(p))
	}
	if v.User.IsOfficial() {
		if v.Officials, err = w.officialOptions(r, rec.Region); err != nil {
			httpx.Error(rw, r, err)
			return
		}
	}
	v.Roles = roleOptionsOf()
	v.Forms = options(baolian.Forms, map[string]string{"onsite": "实地走访", "phone": "电话", "video": "视频", "forum": "座谈"})
	v.Categories = options(baolian.Categories, nil)
	for i := range v.Categories {
		v.Categories[i].Label = v.Categories[i].Value
	}
	v.Today = w.today().Format("2006-01-02")
	w.render(rw, r, status, "baolian_enterprise", v)
}

// againOnEnterprise shows the enterprise's page again with the failed
// form's input and the summary.
func (w *Web) againOnEnterprise(rw http.ResponseWriter, r *http.Request, id int64, failed string) func(*errorSummary) {
	return func(s *errorSummary) {
		w.renderBaolianEnterprise(rw, r, id, http.StatusBadRequest, baolianEnterpriseView{Form: formValues(r), Failed: failed, Errors: s})
	}
}
