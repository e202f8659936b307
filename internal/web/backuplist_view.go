package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

// backupListView is a tier's backup list page (后备清单).
type backupListView struct {
	base
	Tier     string
	TierName string
	Tiers    []option // the three lists, for the tabs
	Filter   cultivation.Filter
	Industry string // as typed
	Regions  []option
	Statuses []option
	Rules    []option
	Tags     []option // the 申报难题 tags (小巨人 list only)
	Items    []backupRow
	Total    int
	Size     int
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	Hidden   []hidden // the filters, for the bulk form and the export
	Export   string
	Done     string // what the last bulk change did
	Bulk     bulkStatusForm
	Errors   *errorSummary
}

// bulkStatusForm is the bulk status change as typed, kept when it fails.
type bulkStatusForm struct {
	Status  string
	Reason  string
	Checked map[int64]bool
}

type backupRow struct {
	*cultivation.Entry
	StatusName   string
	RuleName     string
	IndustryName string
}

// backupListParams are the list's filter parameters.
var backupListParams = []string{"status", "region", "industry", "source", "tag"}

// backupFilter reads a list's filters forgivingly (a bad value is dropped),
// as the enterprise list does.
func (w *Web) backupFilter(tier string, q url.Values) cultivation.Filter {
	f := cultivation.Filter{Tier: tier, Status: oneOf(q.Get("status"), cultivation.Statuses...),
		Source: strings.TrimSpace(q.Get("source"))}
	if plan.IsTag(q.Get("tag")) {
		f.Tag = q.Get("tag")
	}
	if rg := q.Get("region"); w.region[rg] != "" {
		f.Region = rg
	}
	if ind := strings.ToUpper(strings.TrimSpace(q.Get("industry"))); enterprise.IsIndustryPrefix(ind) {
		f.Industry = ind
	}
	return f
}

// ruleName is a rule's name as officials read it, or 手工纳入.
func (w *Web) ruleName(id string) string {
	if id == cultivation.SourceManual {
		return "手工纳入"
	}
	if in := w.store.Lists; in != nil {
		if r := in.Rules.Rule(id); r != nil {
			return r.Name
		}
	}
	return id
}

// showBackupList renders a tier's list with the filters of q; form is the
// bulk change as typed when it failed (status 400), else empty.
func (w *Web) showBackupList(rw http.ResponseWriter, r *http.Request, tier string, q url.Values, form bulkStatusForm, errs *errorSummary) {
	v := backupListView{base: w.base(r, cultivation.TierName(tier)+"后备清单", "backup-lists"), Tier: tier,
		TierName: cultivation.TierName(tier), Bulk: form, Errors: errs.orNil()}
	f := w.backupFilter(tier, q)
	v.Industry = strings.ToUpper(strings.TrimSpace(q.Get("industry")))
	v.Size = listPageSizes[0]
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	f.Limit, f.Offset = v.Size, (v.Page-1)*v.Size
	items, total, err := w.store.ListBackupEntries(r.Context(), f)
	if err == nil && len(items) == 0 && total > 0 {
		v.Page = (total + v.Size - 1) / v.Size
		f.Offset = (v.Page - 1) * v.Size
		items, total, err = w.store.ListBackupEntries(r.Context(), f)
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Filter, v.Total = f, total
	v.Pages = max(1, (total+v.Size-1)/v.Size)
	filters := url.Values{}
	for _, k := range backupListParams {
		if s := q.Get(k); s != "" {
			filters.Set(k, s)
			v.Hidden = append(v.Hidden, hidden{k, s})
		}
	}
	v.Export = "/backup-lists/" + tier + "/export.xlsx"
	if len(filters) > 0 {
		v.Export += "?" + filters.Encode()
	}
	page := func(n int) string {
		c := url.Values{}
		for k, vs := range filters {
			c[k] = vs
		}
		c.Set("page", strconv.Itoa(n))
		return "/backup-lists/" + tier + "?" + c.Encode()
	}
	if v.Page > 1 {
		v.PrevURL = page(v.Page - 1)
	}
	if v.Page < v.Pages {
		v.NextURL = page(v.Page + 1)
	}
	for _, e := range items {
		v.Items = append(v.Items, backupRow{e, cultivation.StatusName(e.Status), w.ruleName(e.Source), enterprise.IndustryName(e.Industry)})
	}
	if n := q.Get("changed"); n != "" && cultivation.IsStatus(q.Get("to")) {
		v.Done = "已将 " + n + " 家企业的状态改为「" + cultivation.StatusName(q.Get("to")) + "」。"
	}
	for _, t := range cultivation.Tiers {
		v.Tiers = append(v.Tiers, option{t, cultivation.TierName(t)})
	}
	for _, s := range cultivation.Statuses {
		v.Statuses = append(v.Statuses, option{s, cultivation.StatusName(s)})
	}
	if in := w.store.Lists; in != nil {
		for _, rl := range in.Rules.RulesOf(tier) {
			v.Rules = append(v.Rules, option{rl.ID, rl.Name})
		}
	}
	v.Rules = append(v.Rules, option{cultivation.SourceManual, "手工纳入"})
	if tier == profile.TierLittleGiant {
		for _, t := range plan.Tags() {
			v.Tags = append(v.Tags, option{t.ID, t.Name})
		}
	}
	if v.User.IsCity() {
		for _, rg := range w.regions {
			v.Regions = append(v.Regions, option{rg.Code, rg.Name})
		}
	}
	status := http.StatusOK
	if v.Errors != nil {
		status = http.StatusBadRequest
	}
	w.render(rw, r, status, "backuplist_list", v)
}

// pathTier reads the {tier} of a list's path; another is a 404 page.
func pathTier(r *http.Request) (string, bool) {
	t := r.PathValue("tier")
	return t, cultivation.IsTier(t)
}

func tierNotFound(rw http.ResponseWriter, r *http.Request) {
	httpx.Error(rw, r, apperr.Errorf(apperr.ENOTFOUND, "后备清单不存在：%s", r.PathValue("tier")))
}
