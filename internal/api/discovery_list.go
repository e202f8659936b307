package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/criteria"
	"zjtx/internal/discovery"
	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
)

// discoveryList ranks a population's discovery results in the caller's
// scope: filters tier, outcome (pass, review, missing, fail, or near: a
// near miss with a gap plan), region, industry (a code prefix) and
// max_effort; near misses first, cheapest gap plan first.
func (a *API) discoveryList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	pop := int64(q.int("population", 0, 1, 1<<53))
	if pop == 0 {
		q.bad("population", "请指定企业总体")
	}
	f := discovery.Filter{Tier: q.oneOf("tier", criteria.Tiers), Outcome: q.oneOf("outcome", []string{"near", "pass", "review", "missing", "fail"}),
		Region: q.str("region", 12), Industry: q.str("industry", 12)}
	if f.Tier == "" {
		q.bad("tier", "请指定层级")
	}
	if s := q.q.Get("max_effort"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || v > 1e6 {
			q.bad("max_effort", "应为不小于 0 的数，如 1.5")
		}
		f.MaxEffort = v
	}
	limit, offset := q.int("limit", 50, 1, 500), q.int("offset", 0, 0, 1<<30)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, total, err := jobs.Candidates(r.Context(), a.store, pop, f, limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if items == nil {
		items = []jobs.Candidate{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}
