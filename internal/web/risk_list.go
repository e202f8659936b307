package web

import (
	"net/http"
	"time"

	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

type riskListView struct {
	base
	Region  string
	Regions []option
	Items   []riskRow
	Took    string // how long the scan took, shown for the record
}

type riskRow struct {
	cultivation.Risk
	TierName   string
	RegionName string
}

// riskList is the risk radar of the caller's scope, computed on the fly:
// every titled enterprise evaluated under its title's 复核 rules, and its
// 经营异常/严重失信/重大事故 flags.
func (w *Web) riskList(rw http.ResponseWriter, r *http.Request) {
	v := riskListView{base: w.base(r, "风险雷达", "risks"), Regions: w.managedRegionOptions(r)}
	if code := r.URL.Query().Get("region"); w.region[code] != "" {
		v.Region = code
	}
	y, m, d := w.today().Date()
	start := time.Now()
	risks, err := cultivation.Radar(w.engine, w.store.EachEnterprise(r.Context(), enterprise.Filter{Region: v.Region}), profile.Date{Y: y, M: m, D: d})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Took = time.Since(start).Round(time.Millisecond).String()
	for _, rk := range risks {
		v.Items = append(v.Items, riskRow{Risk: rk, TierName: cultivation.TierZH[rk.Tier], RegionName: w.region[rk.Region]})
	}
	w.render(rw, r, http.StatusOK, "risks", v)
}
