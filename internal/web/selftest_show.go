package web

import (
	"encoding/json"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
)

// selftestShow is the public self-test form. ?example=1 fills it with a
// worked example and shows its results; ?mine=1 fills it, for an enterprise
// user, from the enterprise's own record.
func (w *Web) selftestShow(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case q.Get("example") == "1":
		f := w.exampleForm()
		w.evaluateForm(rw, r, f)
	case q.Get("mine") == "1":
		c, ok := httpx.Caller(r)
		if !ok || c.EnterpriseID == 0 {
			httpx.Error(rw, r, apperr.Errorf(apperr.EFORBIDDEN, "仅企业用户可载入本企业档案"))
			return
		}
		rec, err := w.store.GetEnterprise(r.Context(), c.EnterpriseID)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		doc, err := json.Marshal(rec.Profile)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		f := w.formFromProfile(rec.Profile, doc)
		f.Version = rec.Version
		sr, err := w.run(r, f, doc, rec.Profile)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v := w.selftestPage(r, f, sr)
		v.OwnRecord = true
		w.render(rw, r, http.StatusOK, "selftest", v)
	default:
		w.render(rw, r, http.StatusOK, "selftest", w.selftestPage(r, w.newForm(), nil))
	}
}
