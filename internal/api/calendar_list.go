package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// calendarList lists the duties of the recognitions in the caller's scope
// falling due within the next `within` days (default 180): expiries at
// 180/90/30 days, 复核 in the third year with its rule set, change reports,
// the 31 May update. kind and region filter.
func (a *API) calendarList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	within := q.int("within", 180, 0, 3660)
	kind := q.oneOf("kind", calendarKinds)
	region := q.str("region", 12)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	recs, _, err := a.store.ListRecognitions(r.Context(), sqlstore.RecognitionFilter{Region: region})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items := []cultivation.Item{}
	for _, it := range cultivation.Calendar(recs, a.today(), within, cultivation.EngineReviewRuleSet(a.engine)) {
		if kind == "" || it.Kind == kind {
			items = append(items, it)
		}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

var calendarKinds = []string{cultivation.KindExpiry180, cultivation.KindExpiry90, cultivation.KindExpiry30,
	cultivation.KindReview, cultivation.KindChangeReport, cultivation.KindAnnualUpdate}
