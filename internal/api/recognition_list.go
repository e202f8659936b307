package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// recognitionList lists the recognitions in the caller's scope, filtered by
// enterprise_id, tier and region.
func (a *API) recognitionList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := sqlstore.RecognitionFilter{EnterpriseID: int64(q.int("enterprise_id", 0, 0, 1<<62)),
		Tier: q.oneOf("tier", cultivation.RecognitionTiers), Region: q.str("region", 12),
		Limit: q.int("limit", 50, 1, 1000), Offset: q.int("offset", 0, 0, 1<<30)}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, total, err := a.store.ListRecognitions(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if list == nil {
		list = []*cultivation.Recognition{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": total})
}
