package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// rewardPaymentRecord records the payment results of a run's exported
// items (paid with date and voucher, or failed with the reason); the run is
// 已拨付 once every item has its result.
func (a *API) rewardPaymentRecord(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Items []sqlstore.PaymentResult `json:"items"`
	}
	id, err := pathIDBody(r, &b)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if _, err := a.store.RecordRewardPayments(r.Context(), id, b.Items); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.rewardRunGet(w, r)
}
