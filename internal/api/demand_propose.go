package api

import "net/http"

// demandPropose proposes demands from the gap items of an enterprise's
// latest assessment, for the enterprise to confirm; it answers the new ones.
func (a *API) demandPropose(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		EnterpriseID int64 `json:"enterprise_id"`
	}](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	list, err := a.store.ProposeGapDemands(r.Context(), b.EnterpriseID)
	answer(w, r, http.StatusOK, map[string]any{"items": list}, err)
}
