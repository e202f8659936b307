package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

const policyPageSize = 30

type policyListView struct {
	base
	Q, Level, Tag string
	Levels        []option
	Items         []policyRow
	Total         int
	Page, Pages   int
	PrevURL       string
	NextURL       string
	// The form to add a document (city officials), refilled after a refusal.
	Form     policyForm
	Problems []string
}

type policyRow struct {
	*library.Doc
	LevelName    string
	ValidityName string
	Expired      bool
}

// policyList is the policy library (政策文件库): search in Chinese over
// title, 文号, tags and full text, by level and tag.
func (w *Web) policyList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.policyPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "policy_list", v)
}

func (w *Web) policyPage(r *http.Request) (*policyListView, error) {
	q := r.URL.Query()
	v := &policyListView{base: w.base(r, "政策文件库", "policies"), Q: strings.TrimSpace(q.Get("q")),
		Tag: strings.TrimSpace(q.Get("tag")), Levels: options(library.Levels, library.LevelZH)}
	if slices.Contains(library.Levels, q.Get("level")) {
		v.Level = q.Get("level")
	}
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	list, total, err := w.store.ListPolicyDocs(r.Context(), sqlstore.PolicyDocFilter{Q: v.Q, Level: v.Level, Tag: v.Tag,
		Limit: policyPageSize, Offset: (v.Page - 1) * policyPageSize})
	if err != nil {
		return nil, err
	}
	today := w.todayDate()
	for _, d := range list {
		v.Items = append(v.Items, w.policyRowOf(d, today))
	}
	v.Total, v.Pages = total, max(1, (total+policyPageSize-1)/policyPageSize)
	page := func(n int) string {
		return "/policies?" + withPage(url.Values{"q": {v.Q}, "level": {v.Level}, "tag": {v.Tag}}, n)
	}
	if v.Page > 1 {
		v.PrevURL = page(v.Page - 1)
	}
	if v.Page < v.Pages {
		v.NextURL = page(v.Page + 1)
	}
	v.Form = policyForm{Level: library.LevelMunicipal}
	return v, nil
}

func (w *Web) policyRowOf(d *library.Doc, today profile.Date) policyRow {
	s := d.Validity(today)
	return policyRow{Doc: d, LevelName: library.LevelZH[d.Level], ValidityName: library.ValidityZH[s], Expired: s == library.ValidityExpired}
}
