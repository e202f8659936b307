package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/sqlstore"
)

type caseListView struct {
	base
	Status     string
	Statuses   []option
	Items      []caseRow
	StatusName map[string]string
	USCC       string
	Problems   []string
}

type caseRow struct {
	*library.Case
	RegionName, StatusName string
}

// caseList lists the typical cases (典型经验) of enterprises in the caller's
// scope: drafts, published and withdrawn, with the form to draft one from
// an enterprise's record.
func (w *Web) caseList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.casePage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "case_list", v)
}

func (w *Web) casePage(r *http.Request) (*caseListView, error) {
	v := &caseListView{base: w.base(r, "典型案例", "programmes"), StatusName: library.CaseStatusZH,
		Statuses: options([]string{library.CaseDraft, library.CasePublished, library.CaseWithdrawn}, library.CaseStatusZH)}
	if s := r.URL.Query().Get("status"); library.CaseStatusZH[s] != "" {
		v.Status = s
	}
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) error {
		list, err := tx.ListCases(r.Context(), v.Status)
		for _, k := range list {
			v.Items = append(v.Items, caseRow{Case: k, RegionName: w.region[k.Region], StatusName: library.CaseStatusZH[k.Status]})
		}
		return err
	})
	return v, err
}

// caseDraft drafts a case from an enterprise's record — by its id in the
// path (POST /enterprises/{id}/cases) or its USCC in the form (POST
// /cases) — and opens it for editing.
func (w *Web) caseDraft(rw http.ResponseWriter, r *http.Request) {
	var k *library.Case
	uscc := r.FormValue("uscc")
	err := w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
		id, err := pathID(r, "id")
		if r.PathValue("id") == "" {
			e, lerr := tx.GetEnterpriseByUSCC(r.Context(), uscc)
			if lerr != nil {
				return notFoundAsProblem(lerr, "未找到统一社会信用代码为 "+uscc+" 的本辖区企业")
			}
			id, err = e.ID, nil
		}
		if err != nil {
			return err
		}
		k, err = tx.DraftCase(r.Context(), id)
		return err
	})
	problems, ok := saveProblems(rw, r, err)
	switch {
	case !ok:
	case problems == nil:
		redirect(rw, r, "/cases/"+strconv.FormatInt(k.ID, 10))
	case len(problems) > 0:
		v, err := w.casePage(r)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.USCC, v.Problems = uscc, problems
		w.render(rw, r, http.StatusBadRequest, "case_list", v)
	}
}
