package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/finance"
	"zjtx/internal/httpx"
)

// consentBody is a consent as the API reads it: bank_id or all, scope,
// purpose and days.
type consentBody struct {
	BankID  int64    `json:"bank_id"`
	All     bool     `json:"all"`
	Scope   []string `json:"scope"`
	Purpose string   `json:"purpose"`
	Days    int      `json:"days"`
}

// consentCreate records the enterprise's consent to a partner bank or to
// all of them; the answer carries the hash of the consent text.
func (a *API) consentCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b consentBody
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	k, err := a.store.GrantConsent(r.Context(), id, finance.ConsentRequest{BankID: b.BankID, All: b.All,
		Scope: b.Scope, Purpose: b.Purpose, Days: b.Days})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/consents/"+strconv.FormatInt(k.ID, 10))
	created(w, k)
}
