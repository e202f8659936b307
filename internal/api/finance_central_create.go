package api

import (
	"net/http"

	"zjtx/internal/finance"
)

// centralCreate records a 重点小巨人 central-fund project with its stages.
func (a *API) centralCreate(w http.ResponseWriter, r *http.Request) {
	createWith(w, r, &finance.CentralProject{}, a.store.CreateCentralProject)
}
