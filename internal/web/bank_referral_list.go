package web

import (
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type bankReferralsView struct {
	base
	Error   string
	Overdue bool
	Items   []*finance.Referral
	Total   int
	Status  map[string]string
	Modes   map[string]string
}

// bankReferralList lists the bank's referrals, most urgent first, with the
// 5- and 15-working-day clocks and the overdue ones flagged.
func (w *Web) bankReferralList(rw http.ResponseWriter, r *http.Request) {
	v := bankReferralsView{base: w.base(r, "融资需求推送", "bank-referrals"), Error: r.URL.Query().Get("error"),
		Overdue: r.URL.Query().Get("overdue") == "1", Status: finance.ReferralZH, Modes: finance.ModeZH}
	var err error
	v.Items, v.Total, err = w.store.ListReferrals(r.Context(), sqlstore.ReferralFilter{Overdue: v.Overdue, Limit: 200})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "bank_referrals", v)
}
