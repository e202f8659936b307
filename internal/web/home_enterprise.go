package web

import (
	"net/http"
	"slices"

	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// enterpriseHomeView is an enterprise user's home: where it stands and what
// to do next.
type enterpriseHomeView struct {
	base
	Rec        *enterprise.Record
	RegionName string
	Titles     []validity // titles, then honours
	Latest     *latestView
	Live       bool      // no stored assessment: Latest is evaluated now, not stored
	Next       *tierView // the next tier of the ladder to reach; nil at the top
	Plan       *gapView  // its cheapest gap plan
	DataYear   int       // the year whose figures the next assessment needs
	HasYear    bool      // the record has figures for DataYear
	Soon       []validity
	Plans      []planItem // the cultivation plans officials made for it (read only)
}

// ladder is the order an enterprise climbs: 科技型中小企业 is a programme
// beside it, not a rung.
var ladder = []string{profile.TierInnovative, profile.TierSRDI, profile.TierLittleGiant}

// enterpriseHome shows an enterprise user its titles with their validity,
// the latest result per tier with its main reasons, the cheapest plan for
// the next tier and the next steps. Without a stored assessment the results
// are evaluated now (and say so), so a first visit is not empty.
func (w *Web) enterpriseHome(rw http.ResponseWriter, r *http.Request, b base) {
	rec, err := w.store.GetEnterprise(r.Context(), b.User.EnterpriseID)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	b.Title, b.Nav = rec.Name, "home"
	v := enterpriseHomeView{base: b, Rec: rec, RegionName: w.region[rec.Region], DataYear: w.asOf().Y - 1}
	titles, honors := titlesOf(rec.Profile, w.asOf())
	v.Titles = append(titles, honors...)
	for _, t := range v.Titles {
		if t.Soon() {
			v.Soon = append(v.Soon, t)
		}
	}
	_, v.HasYear = rec.Profile.Years[v.DataYear]
	if v.Latest, err = w.latestAssessment(r, rec); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if v.Latest == nil {
		// No rule set in force on the day leaves the results out, not the page.
		if rep, err := w.engine.Evaluate(rec.Profile, criteria.Options{AsOf: w.asOf(), Gaps: true}); err == nil {
			rv, err := w.reportOf(rep)
			if err != nil {
				httpx.Error(rw, r, err)
				return
			}
			v.Latest, v.Live = &latestView{AsOf: rv.AsOf, DataYear: rv.DataYear, Tiers: rv.Tiers}, true
		}
	}
	if v.Latest != nil {
		v.Next = nextTier(v.Latest.Tiers, rec.Tier)
	}
	if v.Next != nil && len(v.Next.Plans) > 0 {
		v.Plan = &v.Next.Plans[0]
	}
	plans, err := w.planSectionOf(r, rec, false)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Plans = plans.Plans
	w.render(rw, r, http.StatusOK, "home_enterprise", v)
}

// nextTier is the first tier of the ladder above the title held that the
// results do not reach yet.
func nextTier(tiers []*tierView, held string) *tierView {
	from := slices.Index(ladder, held) + 1
	for _, t := range ladder[from:] {
		for _, tv := range tiers {
			if tv.Tier == t && !tv.Passed() {
				return tv
			}
		}
	}
	return nil
}
