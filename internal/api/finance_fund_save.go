package api

import (
	"net/http"

	"zjtx/internal/finance"
)

// fundProjectSave adds an enterprise to the fund project reserve, or (id
// and version given) moves its project on.
func (a *API) fundProjectSave(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.FundProject{}, a.store.SaveFundProject)
}
