package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// memberAdd registers an enterprise, by its USCC, as a tenant of a carrier
// (POST /carriers/{id}/tenants) or a member of a cluster (POST
// /clusters/{id}/members). The enterprise must be in the caller's scope.
func (w *Web) memberAdd(group string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		uscc := strings.ToUpper(strings.TrimSpace(r.FormValue("uscc")))
		since := strings.TrimSpace(r.FormValue("since"))
		var problems []string
		if since == "" {
			since = w.today().Format(time.DateOnly)
		} else if _, err := time.Parse(time.DateOnly, since); err != nil {
			problems = append(problems, "入驻日期：“"+since+"”不是有效日期，请按 年-月-日 填写")
		}
		if len(problems) == 0 {
			err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
				e, err := tx.GetEnterpriseByUSCC(r.Context(), uscc)
				if err != nil {
					return err
				}
				return tx.AddMember(r.Context(), group, id, e.ID, since)
			})
			var ok bool
			if problems, ok = saveProblems(rw, r, notFoundAsProblem(err, "未找到统一社会信用代码为 "+uscc+" 的本辖区企业")); !ok {
				return
			}
			if problems == nil {
				redirect(rw, r, "/"+group+"s/"+strconv.FormatInt(id, 10)+"#members")
				return
			}
		}
		w.renderMembersPage(rw, r, group, id, uscc, problems)
	}
}

// memberRemove takes an enterprise out of a carrier or cluster.
func (w *Web) memberRemove(group string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err == nil {
			var eid int64
			if eid, err = pathID(r, "enterprise"); err == nil {
				err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error { return tx.RemoveMember(r.Context(), group, id, eid) })
			}
		}
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		redirect(rw, r, "/"+group+"s/"+strconv.FormatInt(id, 10)+"#members")
	}
}

// renderMembersPage shows the carrier or cluster page again with the
// problems of a refused form.
func (w *Web) renderMembersPage(rw http.ResponseWriter, r *http.Request, group string, id int64, uscc string, problems []string) {
	if group == "carrier" {
		v, err := w.carrierShowView(r, id)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.USCC, v.Problems = uscc, problems
		w.render(rw, r, http.StatusBadRequest, "carrier_show", v)
		return
	}
	v, err := w.clusterShowView(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.USCC, v.Problems = uscc, problems
	w.render(rw, r, http.StatusBadRequest, "cluster_show", v)
}
