package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// riskList is the risk radar of the caller's scope: titled enterprises whose
// latest data fails a condition of their title under its 复核 rules, or
// whose 经营异常/严重失信/重大事故 flags turned. It is computed on the fly
// (about 3,000 titled enterprises take well under a second; see README).
func (a *API) riskList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	region := q.str("region", 12)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	risks, err := cultivation.Radar(a.engine, a.store.EachEnterprise(r.Context(), enterprise.Filter{Region: region}), a.today())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": risks, "total": len(risks)})
}
