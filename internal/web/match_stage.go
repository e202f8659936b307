package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/hub"
)

// matchStage moves a match to 已联系 or 已签约 and returns to its demand.
func (w *Web) matchStage(rw http.ResponseWriter, r *http.Request) {
	w.matchStep(rw, r, nil, func(id, version int64) (*hub.Match, error) {
		return w.store.AdvanceMatch(r.Context(), id, version, formValue(r, "stage"))
	})
}

// matchStep runs one step of a match made from the form's version and
// returns to the demand's page; a refused step shows that page again with
// the problem and the form as typed (form names the fields to keep).
func (w *Web) matchStep(rw http.ResponseWriter, r *http.Request, form []string, step func(id, version int64) (*hub.Match, error)) {
	id, err := pathID(r, "id")
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	m, err := w.store.GetMatch(r.Context(), id)
	if err == nil {
		_, err = step(id, formVersion(r))
	}
	if err != nil {
		if m == nil {
			w.demandAgain(rw, r, 0, err, nil)
			return
		}
		typed := map[string]string{"match": strconv.FormatInt(id, 10)}
		for _, k := range form {
			typed[k] = formValue(r, k)
		}
		w.demandAgain(rw, r, m.DemandID, err, typed)
		return
	}
	redirect(rw, r, "/demands/"+strconv.FormatInt(m.DemandID, 10)+"#match-"+strconv.FormatInt(id, 10))
}
