package api

import (
	"net/http"

	"zjtx/internal/finance"
)

// loanCreate records a drawing (借据) of the calling bank, under one of its
// lines or within the room under the cap.
func (a *API) loanCreate(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.Loan{}, a.store.CreateLoan)
}
