package api

import "net/http"

// outcomeList sums each institution's services of a year for its annual
// assessment (年度考核), in the caller's scope.
func (a *API) outcomeList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	year := q.int("year", a.today().Y, 2000, 2100)
	if err := q.err(); err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	list, err := a.store.InstitutionOutcomes(r.Context(), year)
	answer(w, r, http.StatusOK, map[string]any{"year": year, "items": list}, err)
}
