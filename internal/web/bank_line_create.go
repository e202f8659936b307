package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/finance"
	"zjtx/internal/httpx"
)

// bankLineCreate records a credit line from the enterprise page's form;
// the amount is typed in 万元 and kept in 分.
func (w *Web) bankLineCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	page := fmt.Sprintf("/bank/enterprises/%d", id)
	fen, ok := finance.ParseWan(r.FormValue("amount_wan"))
	if !ok || fen == 0 {
		backWith(rw, r, page, apperr.Errorf(apperr.EINVALID, "授信金额：请填写万元数，最多六位小数"))
		return
	}
	l := &finance.Line{EnterpriseID: id, AmountFen: fen, Mode: r.FormValue("mode"), Guarantor: r.FormValue("guarantor"),
		ValidTo: r.FormValue("valid_to")}
	backWith(rw, r, page, w.store.CreateLine(r.Context(), l))
}
