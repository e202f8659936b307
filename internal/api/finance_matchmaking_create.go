package api

import (
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
)

// matchmakingCreate plans a meeting and invites enterprises and banks.
func (a *API) matchmakingCreate(w http.ResponseWriter, r *http.Request) {
	var b struct {
		finance.Matchmaking
		EnterpriseIDs []int64 `json:"enterprise_ids"`
		BankIDs       []int64 `json:"bank_ids"`
	}
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	m := b.Matchmaking
	if err := a.store.CreateMatchmaking(r.Context(), &m, b.EnterpriseIDs, b.BankIDs); err != nil {
		httpx.Error(w, r, err)
		return
	}
	created(w, &m)
}
