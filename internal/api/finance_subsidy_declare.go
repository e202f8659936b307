package api

import (
	"context"
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/finance"
)

// subsidyDeclare records a declaration of the equipment and software
// subsidy; the answer marks each invoice and gives the subsidy in 分.
func (a *API) subsidyDeclare(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.Subsidy{}, func(ctx context.Context, s *finance.Subsidy) error {
		if c, ok := auth.CallerFrom(ctx); ok && s.EnterpriseID == 0 {
			s.EnterpriseID = c.EnterpriseID
		}
		return a.store.DeclareSubsidy(ctx, s)
	})
}
