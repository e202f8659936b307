package api

import (
	"context"
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/sqlstore"
)

// loanList lists loans in the caller's scope (a bank: its own).
func (a *API) loanList(w http.ResponseWriter, r *http.Request) {
	listWith(w, r, func(ctx context.Context, id int64, limit, offset int) ([]*finance.Loan, int, error) {
		return a.store.ListLoans(ctx, sqlstore.CreditFilter{EnterpriseID: id, Limit: limit, Offset: offset})
	})
}
