package api

import (
	"bytes"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
	"zjtx/internal/sqlstore"
	"zjtx/internal/xlsx"
)

// rewardPaymentImport imports rewards paid earlier or by other systems
// (Excel: 统一社会信用代码, 企业名称, 梯度, 政策, 年度, 金额, 拨付日期, 凭证号), so
// that 从高不重复 holds across years. Every bad row is reported by row and
// column in Chinese and English, and nothing is stored while any is bad.
func (a *API) rewardPaymentImport(w http.ResponseWriter, r *http.Request) {
	data, err := readUpload(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rows, bad, err := xlsx.ReadEarlierPayments(bytes.NewReader(data))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	errs := make([]reward.RowError, len(bad))
	for i, e := range bad {
		errs[i] = reward.RowError{Row: e.Row, Field: e.Path, Column: e.Column, Message: e.MessageZH, MessageEN: e.Message}
	}
	var res sqlstore.ImportResult
	if len(errs) > 0 {
		// All or nothing: the sheet is fixed and imported again.
		seen := map[int]bool{}
		for _, e := range errs {
			seen[e.Row] = true
		}
		res = sqlstore.ImportResult{Rows: len(rows) + len(seen), Errors: errs}
	} else if res, err = a.store.ImportEarlierPayments(r.Context(), rows); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if res.Errors == nil {
		res.Errors = []reward.RowError{}
	}
	status := http.StatusOK
	if len(res.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	httpx.JSON(w, status, res)
}
