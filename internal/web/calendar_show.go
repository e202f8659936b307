package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

type calendarView struct {
	base
	Within    int
	Kind      string
	Region    string
	Kinds     []option
	Regions   []option
	Windows   []option
	Items     []calendarRow
	Counts    map[string]int // per kind
	ExportURL string
}

type calendarRow struct {
	cultivation.Item
	KindName   string
	TierName   string
	RegionName string
	DaysLeft   int
	Urgent     bool // due within 30 days
}

var calendarKinds = []string{cultivation.KindExpiry30, cultivation.KindExpiry90, cultivation.KindExpiry180,
	cultivation.KindReview, cultivation.KindChangeReport, cultivation.KindAnnualUpdate}

// calendarShow is the 动态管理 calendar of the caller's scope: the duties of
// the recognised titles due within the chosen window, by date.
func (w *Web) calendarShow(rw http.ResponseWriter, r *http.Request) {
	v, err := w.calendar(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "calendar", v)
}

// calendar reads the filters (bad ones fall back to their defaults) and
// lists the duties.
func (w *Web) calendar(r *http.Request) (calendarView, error) {
	q := r.URL.Query()
	v := calendarView{base: w.base(r, "动态管理日历", "calendar"), Within: queryInt(q, "within", 180, 0, 3660),
		Kinds: options(calendarKinds, cultivation.KindZH), Regions: w.managedRegionOptions(r), Counts: map[string]int{},
		Windows: []option{{"30", "30 天内"}, {"90", "90 天内"}, {"180", "180 天内"}, {"365", "一年内"}}}
	if slices.Contains(calendarKinds, q.Get("kind")) {
		v.Kind = q.Get("kind")
	}
	if w.region[q.Get("region")] != "" {
		v.Region = q.Get("region")
	}
	recs, _, err := w.store.ListRecognitions(r.Context(), sqlstore.RecognitionFilter{Region: v.Region})
	if err != nil {
		return v, err
	}
	y, m, d := w.today().Date()
	today := profile.Date{Y: y, M: m, D: d}
	for _, it := range cultivation.Calendar(recs, today, v.Within, cultivation.EngineReviewRuleSet(w.engine)) {
		v.Counts[it.Kind]++
		if v.Kind != "" && it.Kind != v.Kind {
			continue
		}
		left := cultivation.DaysBetween(today, it.Due)
		v.Items = append(v.Items, calendarRow{Item: it, KindName: cultivation.KindZH[it.Kind], TierName: cultivation.TierZH[it.Tier],
			RegionName: w.region[it.Region], DaysLeft: left, Urgent: left <= 30})
	}
	v.ExportURL = "/calendar/export.xlsx?" + url.Values{"within": {strconv.Itoa(v.Within)}, "kind": {v.Kind}, "region": {v.Region}}.Encode()
	return v, nil
}
