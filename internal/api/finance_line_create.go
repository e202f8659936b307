package api

import (
	"net/http"

	"zjtx/internal/finance"
)

// lineCreate records a credit line of the calling bank, within the
// enterprise's room under its tier cap across all banks.
func (a *API) lineCreate(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.Line{}, a.store.CreateLine)
}
