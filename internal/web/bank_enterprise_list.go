package web

import (
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type bankEnterprisesView struct {
	base
	Q     string
	Items []*finance.BankEnterprise
	Total int
}

// bankEnterpriseList lists the eligible enterprises that consented to the
// bank, each with its cap and the room left across all banks. Each row is
// a use of a consent and goes in the audit log.
func (w *Web) bankEnterpriseList(rw http.ResponseWriter, r *http.Request) {
	v := bankEnterprisesView{base: w.base(r, "授权企业", "bank-enterprises"), Q: r.URL.Query().Get("q")}
	var err error
	v.Items, v.Total, err = w.store.BankEnterprises(r.Context(), sqlstore.BankFilter{Q: v.Q, Limit: 200})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "bank_enterprises", v)
}
