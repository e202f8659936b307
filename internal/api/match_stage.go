package api

import "net/http"

// matchStage moves a match to the next stage: 已联系 or 已签约 (delivery
// and rating carry their records: matchDeliver, matchRate).
func (a *API) matchStage(w http.ResponseWriter, r *http.Request) {
	b, err := readBody[struct {
		versioned
		Stage string `json:"stage"`
	}](r)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	id, version, err := idAndVersion(r, b.Version)
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	m, err := a.store.AdvanceMatch(r.Context(), id, version, b.Stage)
	answer(w, r, http.StatusOK, m, err)
}
