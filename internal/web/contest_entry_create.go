package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// contestEntryCreate enters an enterprise (by its USCC, in the caller's
// scope) or a maker team in the edition.
func (w *Web) contestEntryCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	form := map[string]string{}
	for _, f := range []string{"group", "uscc", "team", "region", "project"} {
		form[f] = formValue(r, f)
	}
	e := &programme.Entry{ContestID: id, Group: form["group"], Team: form["team"], Region: form["region"], Project: form["project"]}
	if e.Group == programme.GroupEnterprise && form["uscc"] != "" {
		if e.EnterpriseID, err = w.enterpriseByUSCC(r, form["uscc"]); err != nil {
			w.contestFormFailed(rw, r, id, form, notFoundAsInvalid(err, "统一社会信用代码：本辖区没有该企业 (uscc: no such enterprise in your scope)"))
			return
		}
	}
	err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
		rec, err := tx.AddEntry(r.Context(), e)
		if err == nil && rec != nil {
			err = w.reassess(r, tx, rec)
		}
		return err
	})
	if err != nil {
		w.contestFormFailed(rw, r, id, form, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/contests/%d?saved=entry", id))
}
