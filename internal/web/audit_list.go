package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

const auditPageSize = 50

type auditListView struct {
	base
	Action    string
	Entity    string
	Region    string
	Actor     string
	Group     string
	Since     string
	Until     string
	Errors    map[string]string // filter → message
	Actions   []option
	Entitys   []option
	Regions   []option
	Items     []auditRow
	Total     int
	Page      int
	Pages     int
	PrevURL   string
	NextURL   string
	ExportURL string
}

type auditRow struct {
	*auth.AuditEntry
	ActorText  string // 姓名（账号）
	RoleName   string
	ActionName string
	RegionName string
	Object     string // what the row is about, named
	Link       string // its page, "" when it has none
	Changes    []string
	Span       int    // rows of its group from here on this page; 0: not the group's first row here
	GroupURL   string // the whole group, when it has more than one row
}

var entityOptions = []option{{"enterprise", "企业档案"}, {"assessment", "评价记录"}, {"recognition", "认定记录"}, {"user", "账号"}, {"session", "登录会话"}, {"api_token", "API 令牌"}, {"backup_list_entry", "后备清单"}}

var entityLabels = func() map[string]string {
	m := map[string]string{}
	for _, o := range entityOptions {
		m[o.Value] = o.Label
	}
	return m
}()

// auditList is the audit log (操作日志) for city officials: who did what to
// which record, by name, from which address, one action's rows together;
// filtered by action, record type, district, account, action group and dates
// (China time; "until" inclusive). A bad date is refused with a message,
// not dropped.
func (w *Web) auditList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := auditListView{base: w.base(r, "操作日志", "audit"), Entitys: entityOptions}
	f := w.auditFilter(q, &v)
	for a, name := range actionNames {
		v.Actions = append(v.Actions, option{a, name})
	}
	sort.Slice(v.Actions, func(i, j int) bool { return v.Actions[i].Value < v.Actions[j].Value })
	for _, rg := range w.regions {
		v.Regions = append(v.Regions, option{rg.Code, rg.Name})
	}
	if len(v.Errors) > 0 {
		v.Pages = 1
		w.render(rw, r, http.StatusBadRequest, "audit_list", v)
		return
	}
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	f.Limit, f.Offset = auditPageSize, (v.Page-1)*auditPageSize
	entries, total, err := w.store.ListAudit(r.Context(), f)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Total, v.Pages = total, max(1, (total+auditPageSize-1)/auditPageSize)
	for _, e := range entries {
		v.Items = append(v.Items, w.auditRowOf(e))
	}
	groupRows(v.Items)
	if v.Page > 1 {
		v.PrevURL = "/audit?" + withPage(q, v.Page-1)
	}
	if v.Page < v.Pages {
		v.NextURL = "/audit?" + withPage(q, v.Page+1)
	}
	v.ExportURL = "/audit/export.xlsx?" + auditQuery(q).Encode()
	w.render(rw, r, http.StatusOK, "audit_list", v)
}

// auditFilter reads the audit log's filters from q into the view (as typed)
// and the filter (as understood), noting each bad one in v.Errors.
func (w *Web) auditFilter(q url.Values, v *auditListView) auth.AuditFilter {
	v.Action, v.Entity, v.Region = q.Get("action"), q.Get("entity"), q.Get("region")
	v.Actor, v.Group = strings.TrimSpace(q.Get("actor")), strings.TrimSpace(q.Get("group"))
	v.Since, v.Until = strings.TrimSpace(q.Get("since")), strings.TrimSpace(q.Get("until"))
	v.Errors = map[string]string{}
	var f auth.AuditFilter
	if _, ok := actionNames[v.Action]; ok {
		f.Action = v.Action
	} else {
		v.Action = ""
	}
	if entityLabels[v.Entity] != "" {
		f.Entity = v.Entity
	} else {
		v.Entity = ""
	}
	if w.region[v.Region] != "" {
		f.Region = v.Region
	} else {
		v.Region = ""
	}
	f.Actor = strings.ToLower(v.Actor)
	if v.Group != "" {
		if g, err := strconv.ParseInt(v.Group, 10, 64); err == nil && g > 0 {
			f.GroupID = g
		} else {
			v.Errors["group"] = "操作组应为正整数"
		}
	}
	date := func(name, s, label string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation(time.DateOnly, s, cst)
		if err != nil {
			v.Errors[name] = fmt.Sprintf("%s“%s”不是有效日期，请按 年-月-日 填写，如 2026-09-01", label, s)
		}
		return t
	}
	f.Since = date("since", v.Since, "起始日期")
	if until := date("until", v.Until, "截止日期"); !until.IsZero() {
		f.Until = until.AddDate(0, 0, 1)
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		v.Errors["until"] = "截止日期不能早于起始日期"
	}
	return f
}

// auditRowOf names an entry's actor and record for the page.
func (w *Web) auditRowOf(e *auth.AuditEntry) auditRow {
	row := auditRow{AuditEntry: e, ActorText: actorText(e), RoleName: e.ActorRole.Label(),
		ActionName: lookupOr(actionNames, e.Action), RegionName: w.region[e.Region]}
	row.Object, row.Link = auditObject(e)
	if e.Entity == "enterprise" && e.Action != "enterprise.bulk_create" {
		row.Changes = changesOf(e.Before, e.After)
	}
	return row
}

// actorText is who acted: 姓名（账号）, or the system, or no one known.
func actorText(e *auth.AuditEntry) string {
	switch {
	case e.ActorID == 0 && e.Actor == auth.System.Username:
		return "系统"
	case e.ActorID == 0:
		return "未登录用户"
	case e.ActorName != "":
		return e.ActorName + "（" + e.Actor + "）"
	}
	return e.Actor
}

// auditObject names what the row is about and links it when its page
// exists: only enterprises have pages, and only those still on record.
func auditObject(e *auth.AuditEntry) (text, link string) {
	if e.EnterpriseID != 0 {
		link = "/enterprises/" + strconv.FormatInt(e.EnterpriseID, 10)
	}
	label := lookupOr(entityLabels, e.Entity)
	switch {
	case e.Action == "enterprise.bulk_create":
		var a struct {
			Count int `json:"count"`
		}
		_ = json.Unmarshal(e.After, &a)
		return fmt.Sprintf("%d 家企业", a.Count), ""
	case e.Entity == "enterprise" && e.EntityName != "":
		return e.EntityName, link
	case e.Entity == "assessment" && e.EntityName != "":
		var a struct {
			Tier string `json:"tier"`
		}
		_ = json.Unmarshal(e.After, &a)
		text = "评价记录 · " + e.EntityName
		if a.Tier != "" {
			text += " · " + lookupOr(tierNames, a.Tier)
		}
		return text, link
	case e.Entity == "session":
		return label, ""
	case e.EntityName != "":
		return label + " · " + e.EntityName, ""
	}
	return label + "（编号 " + e.EntityID + "，已不存在）", ""
}

// groupRows marks the first row of each run of one group's rows on the
// page with the run's length (the table spans the group's shared cells
// over it) and, for groups of several rows, a link to the whole group.
func groupRows(rows []auditRow) {
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].GroupID != 0 && rows[j].GroupID == rows[i].GroupID {
			j++
		}
		rows[i].Span = j - i
		if rows[i].GroupSize > 1 {
			rows[i].GroupURL = "/audit?group=" + strconv.FormatInt(rows[i].GroupID, 10)
		}
		i = j
	}
}

// auditQuery is q's non-empty audit filters, without the page.
func auditQuery(q url.Values) url.Values {
	c := url.Values{}
	for _, k := range []string{"action", "entity", "region", "actor", "group", "since", "until"} {
		if s := q.Get(k); s != "" {
			c.Set(k, s)
		}
	}
	return c
}
