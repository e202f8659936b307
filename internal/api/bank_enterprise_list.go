package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// bankEnterpriseList lists the eligible enterprises that consented to the
// calling bank, each with its tier cap and what all banks have used of it
// (cap_fen, used_fen in 分). Each enterprise listed is an audited use.
func (a *API) bankEnterpriseList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.BankFilter{Q: q.str("q", 50), Tier: q.str("tier", 20),
		Limit: q.int("limit", 50, 1, 500), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, total, err := a.store.BankEnterprises(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items(w, list, total)
}
