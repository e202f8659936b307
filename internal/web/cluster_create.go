package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/carrier"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// clusterCreate registers a cluster from the form (city officials).
func (w *Web) clusterCreate(rw http.ResponseWriter, r *http.Request) {
	form := formFields(r, "name", "level", "region", "industry", "operator", "recognized_on", "doc_no")
	g := &carrier.Cluster{Name: form["name"], Level: form["level"], Region: form["region"], Industry: form["industry"],
		Operator: form["operator"], DocNo: form["doc_no"]}
	problems := parseFormDate(form["recognized_on"], "认定日期", &g.RecognizedOn)
	if len(problems) == 0 {
		err := w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error { return tx.CreateCluster(r.Context(), g) })
		var ok bool
		if problems, ok = saveProblems(rw, r, err); !ok {
			return
		}
		if problems == nil {
			redirect(rw, r, "/clusters/"+strconv.FormatInt(g.ID, 10))
			return
		}
	}
	v, err := w.clusterPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Form, v.Problems = form, problems
	w.render(rw, r, http.StatusBadRequest, "cluster_list", v)
}
