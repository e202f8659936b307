package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/review"
)

// reviewList answers the 回头看 counts of the caller's scope: the city's
// row (region 4101) and every district for the city, a district's own row
// for its official; ?region= narrows to one district, and one out of scope
// is 404.
func (a *API) reviewList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	region := q.str("region", 12)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rv, err := review.Load(r.Context(), a.store, a.engine, region, a.today())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": rv.Counts, "total": len(rv.Counts)})
}
