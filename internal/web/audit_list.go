package web

import (
	"net/http"
	"sort"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

const auditPageSize = 50

type auditListView struct {
	base
	Action  string
	Entity  string
	Region  string
	Since   string
	Until   string
	Actions []option
	Entitys []option
	Regions []option
	Items   []auditRow
	Total   int
	Page    int
	Pages   int
	PrevURL string
	NextURL string
}

type auditRow struct {
	*auth.AuditEntry
	RoleName   string
	ActionName string
	RegionName string
	Changes    []string
}

var entityOptions = []option{{"enterprise", "企业档案"}, {"assessment", "评价记录"}, {"user", "账号"}, {"session", "登录会话"}, {"api_token", "API 令牌"}}

// auditList is the audit log (操作日志) for city officials, filtered by
// action, record type, district and dates (China time; "until" inclusive).
func (w *Web) auditList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := auditListView{base: w.base(r, "操作日志", "audit"), Entitys: entityOptions,
		Action: q.Get("action"), Entity: q.Get("entity"), Region: q.Get("region"),
		Since: q.Get("since"), Until: q.Get("until")}
	f := auth.AuditFilter{Action: v.Action, Entity: v.Entity, Limit: auditPageSize}
	if _, ok := actionNames[v.Action]; !ok {
		v.Action, f.Action = "", ""
	}
	if oneOf(v.Entity, "enterprise", "assessment", "user", "session", "api_token") == "" {
		v.Entity, f.Entity = "", ""
	}
	if w.region[v.Region] != "" {
		f.Region = v.Region
	} else {
		v.Region = ""
	}
	if t, err := time.ParseInLocation(time.DateOnly, v.Since, cst); err == nil {
		f.Since = t
	} else {
		v.Since = ""
	}
	if t, err := time.ParseInLocation(time.DateOnly, v.Until, cst); err == nil {
		f.Until = t.AddDate(0, 0, 1)
	} else {
		v.Until = ""
	}
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	f.Offset = (v.Page - 1) * auditPageSize
	entries, total, err := w.store.ListAudit(r.Context(), f)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Total, v.Pages = total, max(1, (total+auditPageSize-1)/auditPageSize)
	for _, e := range entries {
		row := auditRow{AuditEntry: e, RoleName: e.ActorRole.Label(), ActionName: lookupOr(actionNames, e.Action),
			RegionName: w.region[e.Region]}
		if e.Entity == "enterprise" {
			row.Changes = changesOf(e.Before, e.After)
		}
		v.Items = append(v.Items, row)
	}
	if v.Page > 1 {
		v.PrevURL = "/audit?" + withPage(q, v.Page-1)
	}
	if v.Page < v.Pages {
		v.NextURL = "/audit?" + withPage(q, v.Page+1)
	}
	for a, name := range actionNames {
		v.Actions = append(v.Actions, option{a, name})
	}
	sort.Slice(v.Actions, func(i, j int) bool { return v.Actions[i].Value < v.Actions[j].Value })
	for _, rg := range w.regions {
		v.Regions = append(v.Regions, option{rg.Code, rg.Name})
	}
	w.render(rw, r, http.StatusOK, "audit_list", v)
}
