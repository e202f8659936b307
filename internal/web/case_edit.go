package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/sqlstore"
)

type caseEditView struct {
	base
	Case       *library.Case
	RegionName string
	StatusName map[string]string
	Statuses   []option
	Saved      bool
	Problems   []string
}

// caseEdit opens a case for editing: its draft text, status and the link
// to its public page once published.
func (w *Web) caseEdit(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	var k *library.Case
	err = w.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) { k, err = tx.GetCase(r.Context(), id); return err })
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "case_edit", w.caseEditView(r, k))
}

func (w *Web) caseEditView(r *http.Request, k *library.Case) *caseEditView {
	return &caseEditView{base: w.base(r, k.Title, "programmes"), Case: k, RegionName: w.region[k.Region],
		StatusName: library.CaseStatusZH, Saved: r.URL.Query().Get("saved") == "1",
		Statuses: options([]string{library.CaseDraft, library.CasePublished, library.CaseWithdrawn}, library.CaseStatusZH)}
}

// caseSave saves the edited case from the version read; publishing makes
// it public on /showcase.
func (w *Web) caseSave(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	k := &library.Case{ID: id, Version: formVersion(r), Title: r.FormValue("title"), TierPath: r.FormValue("tier_path"),
		Measures: r.FormValue("measures"), Results: r.FormValue("results"), Status: r.FormValue("status")}
	err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error { return tx.SaveCase(r.Context(), k) })
	problems, ok := saveProblems(rw, r, err)
	switch {
	case !ok:
	case problems == nil:
		redirect(rw, r, "/cases/"+strconv.FormatInt(id, 10)+"?saved=1")
	case len(problems) > 0:
		// Show the text as typed, on the record as it now stands.
		var cur *library.Case
		if err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) { cur, err = tx.GetCase(r.Context(), id); return err }); err != nil {
			httpx.Error(rw, r, err)
			return
		}
		k.EnterpriseID, k.EnterpriseName, k.Region = cur.EnterpriseID, cur.EnterpriseName, cur.Region
		v := w.caseEditView(r, k)
		v.Problems = problems
		w.render(rw, r, http.StatusBadRequest, "case_edit", v)
	}
}
