package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
	"zjtx/internal/xlsx"
)

const recognitionPageSize = 50

type recognitionListView struct {
	base
	Tier    string
	Region  string
	Tiers   []option
	Regions []option
	Items   []recognitionRow
	Total   int
	Page    int
	Pages   int
	PrevURL string
	NextURL string
	// The outcome of an import, when the page answers one.
	Imported      bool
	Message       string
	Rows          int
	Created       int
	Updated       int
	Errors        []xlsx.RowError
	MoreErrors    int
	Annotated     template.URL
	AnnotatedName string
}

// recognitionList lists the recognitions in the caller's scope (认定名单),
// filtered by tier and district, with the form to import an official list.
func (w *Web) recognitionList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.recognitionPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "recognition_list", v)
}

func (w *Web) recognitionPage(r *http.Request) (recognitionListView, error) {
	q := r.URL.Query()
	v := recognitionListView{base: w.base(r, "认定名单", "recognitions"),
		Tiers: options(cultivation.RecognitionTiers, cultivation.TierZH), Regions: w.managedRegionOptions(r)}
	if slices.Contains(cultivation.RecognitionTiers, q.Get("tier")) {
		v.Tier = q.Get("tier")
	}
	if w.region[q.Get("region")] != "" {
		v.Region = q.Get("region")
	}
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	list, total, err := w.store.ListRecognitions(r.Context(), sqlstore.RecognitionFilter{Tier: v.Tier, Region: v.Region,
		Limit: recognitionPageSize, Offset: (v.Page - 1) * recognitionPageSize})
	if err != nil {
		return v, err
	}
	for _, rec := range list {
		v.Items = append(v.Items, w.recognitionRowOf(rec))
	}
	v.Total, v.Pages = total, max(1, (total+recognitionPageSize-1)/recognitionPageSize)
	page := func(n int) string {
		c := url.Values{"tier": {v.Tier}, "region": {v.Region}}
		return "/recognitions?" + withPage(c, n)
	}
	if v.Page > 1 {
		v.PrevURL = page(v.Page - 1)
	}
	if v.Page < v.Pages {
		v.NextURL = page(v.Page + 1)
	}
	return v, nil
}
