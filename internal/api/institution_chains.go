package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// institutionChains sets the chains an institution serves; the city also
// sets the quality-list flags (an institution's own flags are kept).
func (a *API) institutionChains(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	b, err := readBody[struct {
		Chains []hub.ChainService `json:"chains"`
	}](r)
	if err == nil {
		err = a.store.SetInstitutionChains(r.Context(), id, b.Chains)
	}
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	chains, err := a.store.InstitutionChains(r.Context(), id)
	answer(w, r, http.StatusOK, map[string]any{"chains": chains}, err)
}
