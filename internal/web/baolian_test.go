package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/sqlstore"
)

// appealOf returns the first issue of enterprise id in the fixture,
// registering one as the system when it has none.
func (e *env) appealOf(id int64) *baolian.Appeal {
	e.t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	items, _, err := e.app.Store.ListAppeals(ctx, sqlstore.AppealFilter{EnterpriseID: id, Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	if len(items) > 0 {
		return items[0]
	}
	p, err := e.app.Store.CreateAppeal(ctx, baolian.NewAppeal{EnterpriseID: id, Source: baolian.SourceGap, Category: "其他", Title: "测试诉求"})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// TestBaolianPages: an issue's page by role, and the desk's measures.
func TestBaolianPages(t *testing.T) {
	e := newEnv(t)
	own, other := e.appealOf(e.ids.own), e.appealOf(e.ids.other)
	const OK, NF, FB = 200, 404, 403
	for _, tt := range []struct {
		path string
		want [5]int // city, district, enterprise, institution, bank
	}{
		{"/appeals/" + itoa(own.ID), [5]int{OK, OK, OK, FB, FB}},
		{"/appeals/" + itoa(other.ID), [5]int{OK, NF, NF, FB, FB}},
	} {
		for i, r := range roles[1:] {
			if p := e.as(r).get(tt.path); p.status != tt.want[i] {
				t.Errorf("GET %s as %s: %d, want %d", tt.path, r, p.status, tt.want[i])
			}
		}
	}
	desk := e.as("district").get("/baolian")
	for _, want := range []string{"包联干部工作量", "企业服务科", "办结率", "按期办结率", "满意率", "未指定包联干部的清单企业"} {
		if !strings.Contains(desk.body, want) {
			t.Errorf("the desk lacks %q", want)
		}
	}
	if strings.Contains(desk.body, "中原区") {
		t.Error("金水区's desk shows 中原区")
	}
	mine := e.as("enterprise").get("/baolian/enterprises/{own}")
	if !strings.Contains(mine.body, "提出诉求") || strings.Contains(mine.body, "登记走访") || !strings.Contains(mine.body, "official-name") {
		t.Errorf("the enterprise's page: officials, its issues, the issue form and no visit form: %s", errText(mine.body))
	}
}

var appealLink = regexp.MustCompile(`^/appeals/(\d+)\?done=`)

// TestBaolianForms walks the forms: a visit with an issue, the issue
// routed from the version shown and refused from a stale one, bad input
// shown again with the input kept and each field named, the enterprise's
// own issue, the bulk assignment, and who may post what.
func TestBaolianForms(t *testing.T) {
	e := newEnv(t)
	d := e.as("district")
	d.get("/baolian/enterprises/{jinshui}")
	visit := url.Values{"enterprise_id": {"{jinshui}"}, "date": {"2026-08-28"}, "form": {"onsite"}, "summary": {"了解扩产计划"},
		"issue.category": {"用地用房"}, "issue.title": {"扩产用地"}}
	p := d.post("/visits", visit, false)
	m := appealLink.FindStringSubmatch(p.header.Get("Location"))
	if p.status != 303 || m == nil {
		t.Fatalf("visit with an issue: %d %s", p.status, p.header.Get("Location"))
	}
	page := d.get("/appeals/" + m[1])
	if !strings.Contains(page.body, "扩产用地") || !strings.Contains(page.body, "走访发现") {
		t.Errorf("the issue raised on the visit: %s", errText(page.body))
	}
	route := url.Values{"action": {"route"}, "lead_unit": {"区自然资源局"}, "version": {"1"}}
	if p := d.post("/appeals/"+m[1]+"/actions", route, false); p.status != 303 {
		t.Errorf("route: %d %s", p.status, errText(p.body))
	}
	d.get("/appeals/" + m[1])
	if p := d.post("/appeals/"+m[1]+"/actions", route, false); p.status != 400 || !strings.Contains(p.body, "已被他人办理") ||
		!strings.Contains(p.body, "区自然资源局") {
		t.Errorf("stale route: %d %s", p.status, errText(p.body))
	}

	d.get("/baolian/enterprises/{jinshui}")
	bad := url.Values{"enterprise_id": {"{jinshui}"}, "date": {"2026-08-28"}, "form": {"letter"}, "summary": {"保留的走访情况"},
		"issue.category": {"闲聊"}, "issue.title": {"x"}}
	p = d.post("/visits", bad, false)
	for _, want := range []string{"error-summary", "走访形式", "诉求类别", "保留的走访情况"} {
		if p.status != 400 || !strings.Contains(p.body, want) {
			t.Errorf("bad visit: %d, lacks %q", p.status, want)
		}
	}

	ent := e.as("enterprise")
	ent.get("/baolian/enterprises/{own}")
	p = ent.post("/appeals", url.Values{"enterprise_id": {"{jinshui}"}, "category": {"人才用工"}, "title": {"招聘高级技工"}}, false)
	if m := appealLink.FindStringSubmatch(p.header.Get("Location")); p.status != 303 || m == nil {
		t.Errorf("enterprise raises an issue: %d %s", p.status, errText(p.body))
	} else if page := ent.get("/appeals/" + m[1]); !strings.Contains(page.body, "企业提出") || strings.Contains(page.body, "act-form") {
		t.Errorf("the enterprise's issue: its own, no action form: %s", errText(page.body))
	}

	d.get("/baolian")
	p = d.post("/baolian/assign", url.Values{"tier": {"innovative"}, "official_id": {itoa(e.userID("district"))}, "role": {"assist"}}, false)
	if p.status != 303 || !strings.HasPrefix(p.header.Get("Location"), "/baolian?assigned=") {
		t.Errorf("bulk assignment: %d %s", p.status, errText(p.body))
	}

	for _, tt := range []struct {
		name, role, path string
		form             url.Values
		want             int
	}{
		{"EnterpriseVisit403", "enterprise", "/visits", visit, 403},
		{"BankAppeal403", "bank", "/appeals", url.Values{"enterprise_id": {"{jinshui}"}}, 403},
		{"AnonymousAppeal401", "", "/appeals", url.Values{"enterprise_id": {"{jinshui}"}}, 401},
		{"DistrictOtherVisit404", "district", "/visits", url.Values{"enterprise_id": {"{other}"}, "date": {"2026-08-28"}, "form": {"phone"}, "summary": {"x"}}, 404},
		{"DistrictOtherAssign404", "district", "/baolian/enterprises/{other}/assignments", url.Values{"official_id": {"1"}, "role": {"lead"}}, 404},
		{"EnterpriseAssign403", "enterprise", "/baolian/enterprises/{own}/assignments", url.Values{"official_id": {"1"}, "role": {"lead"}}, 403},
		{"InstitutionAct403", "institution", "/appeals/1/actions", url.Values{"action": {"route"}}, 403},
		{"EndMissing404", "district", "/baolian/assignments/999999/end", nil, 404},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := e.as(tt.role)
			b.get("/selftest")
			if p := b.post(tt.path, tt.form, false); p.status != tt.want {
				t.Errorf("POST %s as %q: %d, want %d: %s", tt.path, tt.role, p.status, tt.want, errText(p.body))
			}
		})
	}
}

// userID is a demo account's id.
func (e *env) userID(username string) int64 {
	e.t.Helper()
	u, err := e.app.Store.FindUserByUsername(context.Background(), username)
	if err != nil {
		e.t.Fatal(err)
	}
	return u.ID
}
