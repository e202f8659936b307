package api

import (
	"context"
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/finance"
)

// bridgeCreate records a request to the emergency bridging fund (the
// enterprise's own, or an official's for an enterprise in scope).
func (a *API) bridgeCreate(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.BridgeRequest{}, func(ctx context.Context, b *finance.BridgeRequest) error {
		if c, ok := auth.CallerFrom(ctx); ok && b.EnterpriseID == 0 {
			b.EnterpriseID = c.EnterpriseID
		}
		return a.store.CreateBridge(ctx, b)
	})
}
