package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
)

// eventParticipantCreate adds an enterprise of the caller's scope (by its
// USCC) to the event as exhibitor or invitee.
func (w *Web) eventParticipantCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	form := map[string]string{"uscc": formValue(r, "uscc"), "role": formValue(r, "role")}
	p := &programme.Participant{EventID: id, Role: form["role"]}
	if p.EnterpriseID, err = w.enterpriseByUSCC(r, form["uscc"]); err != nil {
		w.eventFormFailed(rw, r, id, form, notFoundAsInvalid(err, "统一社会信用代码：本辖区没有该企业 (uscc: no such enterprise in your scope)"))
		return
	}
	if err := w.store.AddParticipant(r.Context(), p); err != nil {
		w.eventFormFailed(rw, r, id, form, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/events/%d?saved=added", id))
}
