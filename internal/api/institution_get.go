package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// institutionView is an institution with the chains it serves and its
// volunteer experts.
type institutionView struct {
	*hub.Institution
	Chains  []hub.ChainService `json:"chains"`
	Experts []*hub.Expert      `json:"experts"`
}

// institutionGet returns an institution the caller may read.
func (a *API) institutionGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	v := institutionView{}
	if v.Institution, err = a.store.GetInstitution(r.Context(), id); err == nil {
		if v.Chains, err = a.store.InstitutionChains(r.Context(), id); err == nil {
			v.Experts, err = a.store.ListExperts(r.Context(), id)
		}
	}
	answer(w, r, http.StatusOK, v, err)
}
