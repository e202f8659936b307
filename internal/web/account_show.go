package web

import (
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// accountView is 账号设置: the caller's account, the password change and
// the caller's API tokens.
type accountView struct {
	base
	Account       accountRow
	MustChange    bool   // the password expired or an administrator set it
	Next          string // where to go after a forced change
	Done          string
	Fields        map[string]string
	Tokens        []tokenRow
	NewToken      string // shown once, right after its creation
	TokenName     string
	TokenError    string
	MinPasswordLn int
}

type tokenRow struct {
	*auth.APIToken
	Created, LastUsed, Expires string
	Revoked                    bool
}

var accountDone = map[string]string{
	"password": "密码已修改。您在其他设备上的登录已全部结束。",
	"revoked":  "令牌已吊销。",
}

// accountShow shows the caller's account settings.
func (w *Web) accountShow(rw http.ResponseWriter, r *http.Request) {
	w.renderAccount(rw, r, http.StatusOK, func(v *accountView) { v.Done = accountDone[r.URL.Query().Get("done")] })
}

// renderAccount renders the account settings page with the status, after
// fill has added what the request did.
func (w *Web) renderAccount(rw http.ResponseWriter, r *http.Request, status int, fill func(*accountView)) {
	v, err := w.accountPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	fill(&v)
	w.render(rw, r, status, "account", v)
}

// accountPage fills the account settings page for the caller.
func (w *Web) accountPage(r *http.Request) (accountView, error) {
	c, _ := httpx.Caller(r)
	it, err := w.store.GetUser(r.Context(), c.UserID)
	if err != nil {
		return accountView{}, err
	}
	v := accountView{base: w.base(r, "账号设置", "account"), Account: w.accountRow(it), MustChange: c.MustChangePassword,
		Next: safeNext(r.FormValue("next")), Fields: map[string]string{}, MinPasswordLn: auth.MinPasswordLength}
	if c.MustChangePassword {
		return v, nil // nothing else until the password is changed
	}
	tokens, err := w.store.ListAPITokens(r.Context())
	if err != nil {
		return accountView{}, err
	}
	for _, t := range tokens {
		v.Tokens = append(v.Tokens, tokenRow{APIToken: t, Created: cstTime(t.CreatedAt), LastUsed: cstTime(t.LastUsedAt),
			Expires: cstTime(t.ExpiresAt), Revoked: !t.RevokedAt.IsZero()})
	}
	return v, nil
}
