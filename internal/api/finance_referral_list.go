package api

import (
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// referralList lists referrals in the caller's scope (a bank: its own for
// consenting enterprises), most urgent first; overdue=1 keeps those past a
// clock.
func (a *API) referralList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	statuses := []string{finance.ReferralPushed, finance.ReferralAccepted, finance.ReferralDeclined, finance.ReferralLent}
	f := sqlstore.ReferralFilter{EnterpriseID: int64(q.int("enterprise_id", 0, 0, 1<<62)), Status: q.oneOf("status", statuses),
		Overdue: q.bool("overdue"), Limit: q.int("limit", 50, 1, 500), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, total, err := a.store.ListReferrals(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items(w, list, total)
}
