package web

import (
	"net/http"
	"net/url"
	"time"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/review"
)

type reviewView struct {
	base
	Region     string // the district of a district's page; "" for the roll-up
	RegionName string
	Heads      []reviewHead
	Rows       []reviewRow
	Sections   []reviewSection // a district's page: each check's list
	Within     int             // days ahead a title counts as expiring
	ExportURL  string
	Took       string
}

// reviewSection is one check's list on a district's page.
type reviewSection struct {
	reviewHead
	Items []findingRow
}

// reviewShow is the 回头看 roll-up of the caller's scope: the city's row
// and a row per district for the city, the district's own row for its
// official, each count a link to its list.
func (w *Web) reviewShow(rw http.ResponseWriter, r *http.Request) {
	w.renderReview(rw, r, "")
}

// reviewDistrict is one district's 回头看: its counts and every check's
// list, for the review meeting. Another district's page is not found.
func (w *Web) reviewDistrict(rw http.ResponseWriter, r *http.Request) {
	w.renderReview(rw, r, r.PathValue("region"))
}

func (w *Web) renderReview(rw http.ResponseWriter, r *http.Request, region string) {
	start := time.Now()
	rv, err := w.loadReview(r, region)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := reviewView{base: w.base(r, "回头看", "review"), Region: rv.Region, RegionName: w.region[rv.Region],
		Heads: reviewHeads(), Rows: w.reviewRows(rv.Counts), Within: cultivation.ExpiringWithin,
		ExportURL: "/review/export.xlsx?" + url.Values{"region": {rv.Region}}.Encode()}
	if rv.Region != "" {
		v.Title = v.RegionName + "回头看"
		for _, h := range v.Heads {
			v.Sections = append(v.Sections, reviewSection{h, w.findingRows(review.Of(rv.Found, h.Key, rv.Region))})
		}
	}
	v.Took = time.Since(start).Round(time.Millisecond).String()
	w.render(rw, r, http.StatusOK, "review", v)
}

type reviewListView struct {
	base
	Region, RegionName string
	Check, CheckName   string
	Items              []findingRow
	Within             int
}

// reviewList lists the enterprises one check found in a district (or, for
// the city, in the city: region 4101).
func (w *Web) reviewList(rw http.ResponseWriter, r *http.Request) {
	check := r.PathValue("check")
	if cultivation.CheckZH[check] == "" {
		w.notFound(rw, r)
		return
	}
	region := r.PathValue("region")
	rv, err := w.loadReview(r, region)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	name := w.targetRegionName(region)
	v := reviewListView{base: w.base(r, name+"："+cultivation.CheckZH[check], "review"), Region: region, RegionName: name,
		Check: check, CheckName: cultivation.CheckZH[check], Items: w.findingRows(review.Of(rv.Found, check, rv.Region)),
		Within: cultivation.ExpiringWithin}
	w.render(rw, r, http.StatusOK, "review_list", v)
}
