package web

import (
	"net/http"
	"slices"
	"sort"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type bankEnterpriseView struct {
	base
	*sqlstore.BankView
	Error      string
	ScopeNames []string
	Years      []int
	Modes      []option
}

// bankEnterpriseShow shows what the bank may read of one consenting
// enterprise (the consented scopes only) and the form to record a line.
func (w *Web) bankEnterpriseShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	bv, err := w.store.BankEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := bankEnterpriseView{base: w.base(r, bv.Name, "bank-enterprises"), BankView: bv, Error: r.URL.Query().Get("error"), Modes: modeOptions()}
	p := financeParams()
	for _, s := range bv.Scope {
		v.ScopeNames = append(v.ScopeNames, p.ScopeLabel(s))
	}
	for y := range bv.Profile.Years {
		v.Years = append(v.Years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(v.Years)))
	v.Years = v.Years[:min(3, len(v.Years))]
	slices.Sort(v.ScopeNames)
	w.render(rw, r, http.StatusOK, "bank_enterprise", v)
}
