package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
)

// consentCreate grants a consent in two steps: the first post shows the
// exact consent text for the choices; the second (confirm=1) grants it,
// and the store keeps the hash of that same text.
func (w *Web) consentCreate(rw http.ResponseWriter, r *http.Request) {
	c, _ := httpx.Caller(r)
	req := consentRequest(r)
	if r.FormValue("confirm") != "1" {
		text, err := w.store.ConsentText(r.Context(), c.EnterpriseID, req)
		if err != nil {
			backWith(rw, r, "/finance/consents", err)
			return
		}
		v, err := w.consentView(r)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.Confirm = &consentConfirm{Text: text, BankID: r.FormValue("bank_id"), Scope: r.Form["scope"], Days: r.FormValue("days")}
		w.render(rw, r, http.StatusOK, "finance_consents", v)
		return
	}
	_, err := w.store.GrantConsent(r.Context(), c.EnterpriseID, req)
	if err == nil {
		redirect(rw, r, "/finance/consents?done=granted")
		return
	}
	backWith(rw, r, "/finance/consents", err)
}

// consentRequest reads the consent form: bank_id "all" for every partner
// bank.
func consentRequest(r *http.Request) finance.ConsentRequest {
	_ = r.ParseForm()
	req := finance.ConsentRequest{Scope: r.Form["scope"], Purpose: r.FormValue("purpose")}
	if b := r.FormValue("bank_id"); b == "all" {
		req.All = true
	} else {
		req.BankID, _ = strconv.ParseInt(b, 10, 64)
	}
	req.Days, _ = strconv.Atoi(r.FormValue("days"))
	return req
}
