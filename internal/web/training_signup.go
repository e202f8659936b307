package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
)

// trainingSignup signs the enterprise account's enterprise up for the
// session: a place while one is free, the waitlist after.
func (w *Web) trainingSignup(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	form := map[string]string{"attendee": formValue(r, "attendee"), "attendee_role": formValue(r, "attendee_role"),
		"listing_plan": formValue(r, "listing_plan")}
	s := &programme.Signup{Attendee: form["attendee"], Role: form["attendee_role"], ListingPlan: form["listing_plan"] == "1"}
	if err := w.store.SignUp(r.Context(), id, s); err != nil {
		w.trainingFormFailed(rw, r, id, form, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/trainings/%d?saved=%s", id, s.Status))
}

// trainingFormFailed shows the session's page again with the refused
// form's problem, or the error page for an error a form cannot explain.
func (w *Web) trainingFormFailed(rw http.ResponseWriter, r *http.Request, id int64, form map[string]string, err error) {
	formFailed(w, rw, r, "training_show", err, func() (*trainingShowView, error) { return w.trainingShowPage(r, id, form) })
}
