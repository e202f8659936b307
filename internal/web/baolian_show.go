package web

import (
	"fmt"
	"net/http"
	"net/url"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type baolianView struct {
	base
	ByOfficial, ByRegion []countsRow
	Overdue              []assignmentRow
	OverdueTotal         int
	Unassigned           []unassignedRow
	UnassignedTotal      int
	Officials            []option
	Tiers, Statuses      []option
	Roles                []option
	Regions              []option
	Form                 url.Values
	Errors               *errorSummary
	Done                 string
}

// baolianShow is the 包联 desk of the caller's scope: the workload and the
// ledger's rates per official and per district, the visits overdue, the
// listed enterprises without an official, and the bulk assignment form.
// An enterprise account goes to its own 包联 page.
func (w *Web) baolianShow(rw http.ResponseWriter, r *http.Request) {
	if c, _ := httpx.Caller(r); c.Role == auth.RoleEnterprise {
		http.Redirect(rw, r, fmt.Sprintf("/baolian/enterprises/%d", c.EnterpriseID), http.StatusSeeOther)
		return
	}
	v := baolianView{Form: url.Values{"role": {baolian.RoleLead}, "tier": {"srdi"}}}
	if q := r.URL.Query(); q.Get("assigned") != "" {
		v.Done = fmt.Sprintf("已为 %s 家企业指定包联干部，跳过 %s 家（已有主包或已由该干部包联）。", q.Get("assigned"), q.Get("skipped"))
	}
	w.renderBaolian(rw, r, http.StatusOK, v)
}

func (w *Web) renderBaolian(rw http.ResponseWriter, r *http.Request, status int, v baolianView) {
	ctx := r.Context()
	v.base = w.base(r, "包联帮扶", "baolian")
	since := w.now().AddDate(-1, 0, 0)
	for _, by := range []string{sqlstore.ByOfficial, sqlstore.ByRegion} {
		counts, err := w.store.BaolianCounts(ctx, by, since)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		for _, c := range counts {
			if by == sqlstore.ByOfficial {
				v.ByOfficial = append(v.ByOfficial, countsRowOf(c))
			} else {
				c.Name = w.region[c.Key]
				v.ByRegion = append(v.ByRegion, countsRowOf(c))
			}
		}
	}
	late, total, err := w.store.ListAssignments(ctx, sqlstore.AssignmentFilter{Overdue: true, Limit: 20})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.OverdueTotal = total
	for _, s := range late {
		v.Overdue = append(v.Overdue, w.assignmentRowOf(s))
	}
	entries, total, err := w.store.UnassignedEntries(ctx, sqlstore.UnassignedFilter{Limit: 20})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.UnassignedTotal = total
	for _, e := range entries {
		v.Unassigned = append(v.Unassigned, unassignedRow{e, cultivation.StatusName(e.Status)})
	}
	if v.Officials, err = w.officialOptions(r, ""); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Tiers = options(cultivation.Tiers, tierNames)
	v.Statuses = options(cultivation.Statuses[:4], statusNames())
	v.Roles = roleOptionsOf()
	v.Regions = w.managedRegionOptions(r)
	w.render(rw, r, status, "baolian", v)
}

// officialOptions are the officials the caller may designate beside an
// enterprise of region ("": any), named with their unit.
func (w *Web) officialOptions(r *http.Request, region string) ([]option, error) {
	users, err := w.store.Officials(r.Context(), region)
	if err != nil {
		return nil, err
	}
	out := make([]option, 0, len(users))
	for _, u := range users {
		label := u.Name
		if u.Unit != "" {
			label += "（" + u.Unit + "）"
		}
		if u.Role == auth.RoleCity {
			label += " · 市级"
		}
		out = append(out, option{fmt.Sprint(u.ID), label})
	}
	return out, nil
}

// unassignedRow is a listed enterprise without an official.
type unassignedRow struct {
	*cultivation.Entry
	StatusName string
}

func statusNames() map[string]string {
	m := map[string]string{}
	for _, s := range cultivation.Statuses {
		m[s] = cultivation.StatusName(s)
	}
	return m
}

func roleOptionsOf() []option {
	return []option{{baolian.RoleLead, "主包"}, {baolian.RoleAssist, "协包"}}
}
