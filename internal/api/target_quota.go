package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/targets"
)

type quotaItem struct {
	Region      string   `json:"region"`
	Target      int      `json:"target"`       // the district's target of the rule's tier
	BasisTarget *int     `json:"basis_target"` // the target whose completion decides the extra
	BasisDone   int      `json:"basis_done"`
	BasisRate   *float64 `json:"basis_rate"` // percent, to 0.1
	Base        int      `json:"base"`
	Extra       int      `json:"extra"`
	Band        string   `json:"band"`
	Places      int      `json:"places"`
}

// targetQuota answers the recommendation places of 强化结果运用 for the
// year's districts in the caller's scope, computed by the year's rule
// (rules/targets/<year>.yaml), with the rule itself.
func (a *API) targetQuota(w http.ResponseWriter, r *http.Request) {
	year, rows, err := a.targetBoard(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	rule := targets.Default().For(year).Quota
	alloc, total := targets.Allocate(rule, rows)
	items := make([]quotaItem, len(alloc))
	for i, al := range alloc {
		it := quotaItem{Region: al.Region, Target: al.Target, BasisDone: al.BasisDone, Base: al.Base,
			Extra: al.Extra, Band: al.Band, Places: al.Places}
		it.BasisTarget, it.BasisRate = targetRate(al.BasisHas, al.BasisTarget, al.BasisRate())
		items[i] = it
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"year": year, "rule": rule, "items": items, "places": total, "total": len(items)})
}
