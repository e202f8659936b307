package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/programme"
)

// eventParticipantUpdate records a participant's attendance and outcome,
// made from the version the page showed.
func (w *Web) eventParticipantUpdate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	pid, err := pathID(r, "participant")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	p := &programme.Participant{ID: pid, Role: formValue(r, "role"), Attended: formValue(r, "attended") == "1",
		Outcome: formValue(r, "outcome")}
	p.Version, _ = strconv.ParseInt(formValue(r, "version"), 10, 64)
	if p.Deals, err = strconv.Atoi(formValue(r, "deals")); err != nil {
		err = apperr.Errorf(apperr.EINVALID, "成交项目数：“%s”不是整数 (deals: an integer)", formValue(r, "deals"))
	} else {
		err = w.store.UpdateParticipant(r.Context(), p)
	}
	if err != nil {
		w.eventFormFailed(rw, r, id, nil, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/events/%d?saved=outcome#participant-%d", id, pid))
}
