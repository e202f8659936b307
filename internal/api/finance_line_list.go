package api

import (
	"context"
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/sqlstore"
)

// lineList lists credit lines in the caller's scope (a bank: its own).
func (a *API) lineList(w http.ResponseWriter, r *http.Request) {
	listWith(w, r, func(ctx context.Context, id int64, limit, offset int) ([]*finance.Line, int, error) {
		return a.store.ListLines(ctx, sqlstore.CreditFilter{EnterpriseID: id, Limit: limit, Offset: offset})
	})
}
