package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// regionList returns Zhengzhou's county-level units (区县(市)及开发区).
func (a *API) regionList(w http.ResponseWriter, r *http.Request) {
	regions, err := a.store.ListRegions(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items := make([]regionView, len(regions))
	for i, rg := range regions {
		items[i] = regionView{rg.Code, rg.Name, rg.Kind, rg.National}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items})
}
