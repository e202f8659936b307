package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// trainingAttendance records an enterprise with a confirmed sign-up as
// present, by an official (one who came without a phone).
func (w *Web) trainingAttendance(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	eid, _ := strconv.ParseInt(formValue(r, "enterprise_id"), 10, 64)
	if err := w.store.RecordAttendance(r.Context(), id, eid); err != nil {
		w.trainingFormFailed(rw, r, id, nil, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/trainings/%d?saved=attended", id))
}
