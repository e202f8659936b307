package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// trainingCancel cancels a sign-up made from the version the page showed:
// the enterprise its own, an official one of its district. A freed place
// goes to the first on the waitlist.
func (w *Web) trainingCancel(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	eid, _ := strconv.ParseInt(formValue(r, "enterprise_id"), 10, 64)
	version, _ := strconv.ParseInt(formValue(r, "version"), 10, 64)
	if _, err := w.store.CancelSignup(r.Context(), id, eid, version); err != nil {
		w.trainingFormFailed(rw, r, id, nil, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/trainings/%d?saved=cancelled", id))
}
