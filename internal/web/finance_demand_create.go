package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/finance"
	"zjtx/internal/httpx"
)

// financingDemandCreate posts the enterprise's financing demand to the banks it
// ticked; the amount is typed in 万元.
func (w *Web) financingDemandCreate(rw http.ResponseWriter, r *http.Request) {
	c, _ := httpx.Caller(r)
	_ = r.ParseForm()
	fen, ok := finance.ParseWan(r.FormValue("amount_wan"))
	if !ok || fen == 0 {
		backWith(rw, r, "/finance/consents", apperr.Errorf(apperr.EINVALID, "融资金额：请填写万元数，最多六位小数"))
		return
	}
	d := &finance.Demand{EnterpriseID: c.EnterpriseID, AmountFen: fen, Purpose: r.FormValue("purpose"), Mode: r.FormValue("mode")}
	d.TermMonths, _ = strconv.Atoi(r.FormValue("term_months"))
	for _, b := range r.Form["bank_ids"] {
		if id, err := strconv.ParseInt(b, 10, 64); err == nil {
			d.BankIDs = append(d.BankIDs, id)
		}
	}
	if err := w.store.CreateFinancingDemand(r.Context(), d); err != nil {
		backWith(rw, r, "/finance/consents", err)
		return
	}
	redirect(rw, r, "/finance/consents?done=demand")
}
