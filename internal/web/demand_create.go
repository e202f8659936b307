package web

import (
	"net/http"
	"strconv"
	"zjtx/internal/httpx"

	"zjtx/internal/hub"
)

// demandCreate posts a demand from the list page's form; a refused one is
// shown again as typed with the problem.
func (w *Web) demandCreate(rw http.ResponseWriter, r *http.Request) {
	form := map[string]string{}
	for _, k := range []string{"enterprise_id", "text", "category", "urgency"} {
		form[k] = formValue(r, k)
	}
	eid, _ := strconv.ParseInt(form["enterprise_id"], 10, 64)
	d := &hub.Demand{EnterpriseID: eid, Text: form["text"], Category: form["category"], Urgency: form["urgency"]}
	err := w.store.CreateDemand(r.Context(), d)
	if err == nil {
		redirect(rw, r, "/demands/"+strconv.FormatInt(d.ID, 10))
		return
	}
	problem := userProblem(err)
	if problem == "" && eid != 0 {
		problem = "企业不存在或不在您的管辖范围 (enterprise_id: not found)"
	}
	if problem == "" {
		httpx.Error(rw, r, err)
		return
	}
	v, lerr := w.demandListPage(r)
	if lerr != nil {
		w.fail(rw, r, lerr)
		return
	}
	v.Problem, v.Form = problem, form
	w.render(rw, r, http.StatusBadRequest, "hub_demands", v)
}
