package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// targetList answers the year's targets with completion and forecast: the
// city's rows (region 4101) first, then the districts' of the caller's
// scope, each tier of each region one item.
func (a *API) targetList(w http.ResponseWriter, r *http.Request) {
	year, rows, err := a.targetBoard(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items := make([]targetItem, len(rows))
	for i, p := range rows {
		items[i] = newTargetItem(p)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"year": year, "items": items, "total": len(items)})
}
