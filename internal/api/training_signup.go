package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
)

// signupBody is a sign-up as the API reads it.
type signupBody struct {
	Attendee    string `json:"attendee"`
	Role        string `json:"attendee_role"`
	ListingPlan bool   `json:"listing_plan"`
}

// trainingSignup signs the enterprise account's enterprise up for a
// session: 201 with status confirmed, or waitlisted with its position when
// the session is full.
func (a *API) trainingSignup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b signupBody
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	s := &programme.Signup{Attendee: b.Attendee, Role: b.Role, ListingPlan: b.ListingPlan}
	if err := a.store.SignUp(r.Context(), id, s); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, s)
}
