package web

import (
	"net/http"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type consentView struct {
	base
	*sqlstore.ConsentPage
	Error   string
	Done    string
	Scopes  []option
	Modes   []option
	ScopeZH map[string]string
	Status  map[string]string
	ModeZH  map[string]string
	Confirm *consentConfirm // the text to agree to, after the first step
}

// consentConfirm is a consent about to be granted: the exact text shown,
// whose hash the store keeps, and the choices to post again.
type consentConfirm struct {
	Text   string
	BankID string
	Scope  []string
	Days   string
}

// consentList is the enterprise's page of 专精特新贷: its consents to
// partner banks (revocable at once), a new consent, and its demands'
// referrals.
func (w *Web) consentList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.consentView(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "finance_consents", v)
}

func (w *Web) consentView(r *http.Request) (*consentView, error) {
	b := w.base(r, "融资授权与需求", "finance-consents")
	page, err := w.store.ConsentPage(r.Context(), b.User.EnterpriseID)
	if err != nil {
		return nil, err
	}
	v := &consentView{base: b, ConsentPage: page, Error: r.URL.Query().Get("error"), Done: r.URL.Query().Get("done"),
		Modes: modeOptions(), ScopeZH: map[string]string{}, Status: finance.ReferralZH, ModeZH: finance.ModeZH}
	p := financeParams()
	for _, s := range p.ScopeNames() {
		v.Scopes = append(v.Scopes, option{Value: s, Label: p.ScopeLabel(s)})
		v.ScopeZH[s] = p.ScopeLabel(s)
	}
	return v, nil
}
