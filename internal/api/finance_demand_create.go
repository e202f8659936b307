package api

import (
	"context"
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/finance"
)

// financingDemandCreate posts the calling enterprise's financing demand and pushes
// it to the banks it chose; the answer lists the referrals with their
// reply and loan due times.
func (a *API) financingDemandCreate(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.Demand{}, func(ctx context.Context, d *finance.Demand) error {
		if c, ok := auth.CallerFrom(ctx); ok && d.EnterpriseID == 0 {
			d.EnterpriseID = c.EnterpriseID
		}
		return a.store.CreateFinancingDemand(ctx, d)
	})
}
