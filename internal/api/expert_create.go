package api

import (
	"net/http"

	"zjtx/internal/hub"
)

// expertCreate adds a volunteer expert to an institution's team.
func (a *API) expertCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	e, err := readBody[hub.Expert](r)
	if err == nil {
		e.InstitutionID = id
		err = a.store.AddExpert(r.Context(), e)
	}
	answer(w, r, http.StatusCreated, e, err)
}
