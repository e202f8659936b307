package api

import (
	"fmt"
	"net/http"
	"net/url"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// rewardRunPayments downloads a run's payment list (拨付清单) once it is
// exported: 企业名称, 统一社会信用代码, 开户行, 账号 (in full, only here), 金额,
// 政策, 文号, 区县, in the caller's scope.
func (a *API) rewardRunPayments(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	_, rows, err := a.store.RewardPaymentRows(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", xlsxType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="zjtx-reward-payments-%d.xlsx"; filename*=UTF-8''%s`,
		id, url.PathEscape(fmt.Sprintf("拨付清单-%d.xlsx", id))))
	h.Set("Cache-Control", "no-store")
	if err := xlsx.RewardPaymentList(w, rows); err != nil {
		a.log.ErrorContext(r.Context(), "payment list broke off", "err", err)
	}
}
