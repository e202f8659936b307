package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// bridgeDecide moves a bridging request: {status: approved|rejected|repaid,
// outcome, version}.
func (a *API) bridgeDecide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b struct {
		Status  string `json:"status"`
		Outcome string `json:"outcome"`
		Version int64  `json:"version"`
	}
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	out, err := a.store.DecideBridge(r.Context(), id, b.Version, b.Status, b.Outcome)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, out)
}
