package web

import (
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type financeView struct {
	base
	ByTier, ByBank, ByRegion []*sqlstore.FinanceTotal
	Overdue                  []*finance.Referral
	OverdueTotal             int
	Meetings                 []*finance.Matchmaking
	*sqlstore.FinanceOverview
	Status, FundStage, Bridge map[string]string
}

// financeShow is the officials' view of finance in their scope: 专精特新贷
// totals by tier, bank and district, the overdue referrals, 对接会, and the
// insurance, fund, bridging, central-fund and subsidy records.
func (w *Web) financeShow(rw http.ResponseWriter, r *http.Request) {
	v := financeView{base: w.base(r, "金融服务", "finance"), Status: finance.ReferralZH, FundStage: finance.FundStageZH, Bridge: finance.BridgeZH}
	ctx := r.Context()
	var err error
	for _, t := range []struct {
		by  string
		out *[]*sqlstore.FinanceTotal
	}{{"tier", &v.ByTier}, {"bank", &v.ByBank}, {"region", &v.ByRegion}} {
		if *t.out, err = w.store.FinanceTotals(ctx, t.by); err != nil {
			httpx.Error(rw, r, err)
			return
		}
	}
	if v.Overdue, v.OverdueTotal, err = w.store.ListReferrals(ctx, sqlstore.ReferralFilter{Overdue: true, Limit: 50}); err == nil {
		if v.Meetings, err = w.store.ListMatchmakings(ctx); err == nil {
			v.FinanceOverview, err = w.store.FinanceOverview(ctx, 0)
		}
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "finance_show", v)
}
