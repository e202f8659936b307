package server_test

import (
	"fmt"
	"strings"
	"testing"
	"zjtx/internal/testdb"
)

// scenario is one API call against a fresh seeded database: who calls
// (role, "" for anonymous), what, and what must and must not come back.
// {jinshui}, {other} and {own} in the URL stand for the ids of a 金水区
// enterprise, an enterprise of another district and the enterprise
// account's own.
type scenario struct {
	name    string
	role    string
	method  string
	url     string
	body    any
	header  []string // request headers, name then value
	status  int
	want    []string
	notWant []string
}

func (sc scenario) run(t *testing.T, e *env, id ids) response {
	t.Helper()
	u := strings.NewReplacer("{jinshui}", fmt.Sprint(id.jinshui), "{other}", fmt.Sprint(id.other),
		"{own}", fmt.Sprint(id.own)).Replace(sc.url)
	res := e.do(sc.role, sc.method, u, sc.body, sc.header...)
	if res.status != sc.status {
		t.Errorf("%s %s as %q: status %d, want %d: %s", sc.method, u, sc.role, res.status, sc.status, res.body)
	}
	for _, w := range sc.want {
		if !strings.Contains(string(res.body), w) {
			t.Errorf("%s %s: body lacks %q: %.400s", sc.method, u, w, res.body)
		}
	}
	for _, w := range sc.notWant {
		if strings.Contains(string(res.body), w) {
			t.Errorf("%s %s: body has %q: %.400s", sc.method, u, w, res.body)
		}
	}
	return res
}

func TestAPIScenarios(t *testing.T) {
	example := map[string]any{
		"uscc": "91410173MA3XQ8N1DR", "name": "郑州示例精密机械有限公司", "region": "410173", "industry": "C3484",
		"legal_person": true, "established": "2014-03-18", "niche_since": "2016-01-01",
		"years": map[string]any{"2024": map[string]any{"revenue": 3375, "rd_expense": 101.25, "employees": 110},
			"2025": map[string]any{"revenue": 3645, "rd_expense": 109.35, "employees": 120}},
	}
	scenarios := []scenario{
		{name: "HealthzOK", method: "GET", url: "/healthz", status: 200, want: []string{`"status":"ok"`}},
		{name: "OpenAPIPublic", method: "GET", url: "/api/v1/openapi.json", status: 200, want: []string{`"openapi": "3.1.0"`, "/api/v1/enterprises/{id}"}},
		{name: "RegionsPublic", method: "GET", url: "/api/v1/regions", status: 200, want: []string{"金水区", "郑东新区", `"national":false`}},
		{name: "LoginReturnsToken", method: "POST", url: "/api/v1/session", body: map[string]string{"username": "district", "password": "zjtx-demo"},
			status: 201, want: []string{`"token":`, `"region":"410105"`, `"expires_in":1800`}, notWant: []string{"password_hash", "argon2"}},
		{name: "LoginWrongPassword", method: "POST", url: "/api/v1/session", body: map[string]string{"username": "city", "password": "wrong-password"},
			status: 401, want: []string{"用户名或密码错误"}},
		{name: "LoginUnknownUserSameMessage", method: "POST", url: "/api/v1/session", body: map[string]string{"username": "nobody", "password": "wrong-password"},
			status: 401, want: []string{"用户名或密码错误"}},
		{name: "LoginMissingFields", method: "POST", url: "/api/v1/session", body: map[string]string{}, status: 400,
			want: []string{`"path":"username"`, `"path":"password"`}},
		{name: "EvaluatePublicWithGaps", method: "POST", url: "/api/v1/evaluate?as_of=2026-09-01", body: example, status: 200,
			want: []string{`"as_of":"2026-09-01"`, `"data_year":2025`, `"tier":"srdi"`, `"gaps":`, `"ruleset_hash":`}},
		{name: "EvaluateOneTierReview", method: "POST", url: "/api/v1/evaluate?as_of=2026-09-01&review=1&tier=innovative", body: example, status: 200,
			want: []string{`"review":true`, `"tier":"innovative"`}, notWant: []string{`"tier":"srdi"`}},
		{name: "EvaluateBadQuery", method: "POST", url: "/api/v1/evaluate?as_of=2026-13-01&tier=gold&review=2", body: example, status: 400,
			want: []string{`"path":"as_of"`, `"path":"tier"`, `"path":"review"`}},
		{name: "EvaluateNoRuleSetBefore2017", method: "POST", url: "/api/v1/evaluate?as_of=2010-01-01", body: example, status: 400,
			want: []string{`"path":"as_of"`, "没有适用的认定标准"}},
		{name: "SweepRDExpense", method: "POST", url: "/api/v1/sweep", status: 200,
			body: map[string]any{"profile": example, "as_of": "2026-09-01", "tier": "innovative", "path": "years.2025.rd_expense", "from": 0, "to": 400, "steps": 4},
			want: []string{`"value":0`, `"value":100`, `"value":400`, `"tier":"innovative"`}},
		{name: "SweepTooManySteps", method: "POST", url: "/api/v1/sweep", status: 400,
			body: map[string]any{"profile": example, "path": "name", "from": "x", "steps": 201},
			want: []string{`"path":"path"`, `"path":"from"`, `"path":"to"`, `"path":"steps"`}},
		{name: "ListNeedsLogin", method: "GET", url: "/api/v1/enterprises", status: 401, want: []string{`"code":"unauthorized"`}},
		{name: "ListBadToken", method: "GET", url: "/api/v1/enterprises", status: 401},
		{name: "CityListsAllDistricts", role: "city", method: "GET", url: "/api/v1/enterprises?limit=500", status: 200,
			want: []string{`"total":400`, `"region":"410105"`, `"region":"410102"`, `"region_name":"金水区"`}},
		{name: "DistrictListsOwnOnly", role: "district", method: "GET", url: "/api/v1/enterprises?limit=500", status: 200,
			want: []string{`"region":"410105"`}, notWant: []string{`"region":"410102"`, `"region":"410172"`}},
		{name: "DistrictFilterOtherRegionEmpty", role: "district", method: "GET", url: "/api/v1/enterprises?region=410102", status: 200,
			want: []string{`"total":0`}},
		{name: "ListFilters", role: "city", method: "GET", url: "/api/v1/enterprises?region=410181&industry=C32&tier=none&status=active&sort=name&limit=5", status: 200,
			want: []string{`"region":"410181"`, `"industry":"C32`}, notWant: []string{`"tier":"srdi"`}},
		{name: "ListSearchByName", role: "city", method: "GET", url: "/api/v1/enterprises?q=%E9%83%91%E5%B7%9E&limit=3", status: 200,
			want: []string{"郑州"}},
		{name: "ListBadParams", role: "city", method: "GET", url: "/api/v1/enterprises?limit=0&offset=-1&sort=size&status=x&industry=c3", status: 400,
			want: []string{`"path":"limit"`, `"path":"offset"`, `"path":"sort"`, `"path":"status"`, `"path":"industry"`}},
		{name: "CityGetsAny", role: "city", method: "GET", url: "/api/v1/enterprises/{other}", status: 200, want: []string{`"profile":`, `"version":1`}},
		{name: "DistrictGetsOwnDistrict", role: "district", method: "GET", url: "/api/v1/enterprises/{jinshui}", status: 200, want: []string{`"region":"410105"`}},
		{name: "DistrictOtherDistrict404", role: "district", method: "GET", url: "/api/v1/enterprises/{other}", status: 404,
			want: []string{`"code":"not_found"`}, notWant: []string{`"uscc"`}},
		{name: "EnterpriseGetsItself", role: "enterprise", method: "GET", url: "/api/v1/enterprises/{own}", status: 200},
		{name: "EnterpriseOtherIs404", role: "enterprise", method: "GET", url: "/api/v1/enterprises/{jinshui}", status: 404},
		{name: "EnterpriseListsItselfOnly", role: "enterprise", method: "GET", url: "/api/v1/enterprises", status: 200, want: []string{`"total":1`}},
		// A bank sees the enterprises that consented to it (the demo enterprise
		// among them), and of those only the consented scopes.
		{name: "BankSeesConsenting", role: "bank", method: "GET", url: "/api/v1/enterprises/{own}", status: 200,
			want: []string{`"titles":`, `"revenue":`}, notWant: []string{`"ip":[{`, `"employees":`}},
		{name: "BankNonConsenting404", role: "bank", method: "GET", url: "/api/v1/enterprises/{jinshui}", status: 404},
		{name: "BankNoAssessments", role: "bank", method: "GET", url: "/api/v1/enterprises/{own}/assessments", status: 403},
		{name: "BadID", role: "city", method: "GET", url: "/api/v1/enterprises/abc", status: 400, want: []string{`"path":"id"`}},
		{name: "UnknownID", role: "city", method: "GET", url: "/api/v1/enterprises/99999999", status: 404},
		{name: "CityCreates", role: "city", method: "POST", url: "/api/v1/enterprises",
			body: map[string]any{"profile": newProfile("410172", 1), "chain": "智能传感器"}, status: 201,
			want: []string{`"chain":"智能传感器"`, `"region_name":"郑州高新技术产业开发区"`, `"version":1`}},
		{name: "CityCreatesBareProfile", role: "city", method: "POST", url: "/api/v1/enterprises", body: newProfile("410173", 2), status: 201},
		{name: "DistrictCreatesInOwn", role: "district", method: "POST", url: "/api/v1/enterprises", body: newProfile("410105", 3), status: 201},
		{name: "DistrictCannotCreateElsewhere", role: "district", method: "POST", url: "/api/v1/enterprises", body: newProfile("410102", 4), status: 403},
		{name: "DuplicateUSCC409", role: "city", method: "POST", url: "/api/v1/enterprises", body: example, status: 201},
		{name: "EnterpriseCannotCreate", role: "enterprise", method: "POST", url: "/api/v1/enterprises", body: newProfile("410105", 5), status: 403},
		{name: "InvalidUSCCNamesField", role: "city", method: "POST", url: "/api/v1/enterprises",
			body:   map[string]any{"profile": map[string]any{"uscc": "91410173MA3XQ8N1DX", "name": "郑州某某有限公司", "region": "410173"}},
			status: 400, want: []string{`"path":"profile.uscc"`, "校验位错误"}},
		{name: "UnknownRegion", role: "city", method: "POST", url: "/api/v1/enterprises", body: newProfile("410299", 6), status: 400,
			want: []string{`"path":"region"`}},
		{name: "YearsList", role: "district", method: "GET", url: "/api/v1/enterprises/{jinshui}/years", status: 200,
			want: []string{`"2023":`, `"2024":`, `"2025":`, `"revenue":`}},
		{name: "YearUpdate", role: "district", method: "PUT", url: "/api/v1/enterprises/{jinshui}/years/2025",
			body: map[string]any{"revenue": 5000, "main_revenue": 4500, "rd_expense": 260, "employees": 150, "rd_staff": 20}, status: 200,
			header: []string{"If-Match", `"v1"`}, want: []string{`"version":2`, `"revenue":5000`}},
		{name: "YearUpdateWithoutVersion428", role: "district", method: "PUT", url: "/api/v1/enterprises/{jinshui}/years/2025",
			body: map[string]any{"revenue": 5000}, status: 428, want: []string{`"code":"precondition_required"`, "If-Match"}},
		{name: "YearUpdateStaleVersion409", role: "district", method: "PUT", url: "/api/v1/enterprises/{jinshui}/years/2025",
			body: map[string]any{"revenue": 5000}, header: []string{"If-Match", `"v7"`}, status: 409, want: []string{`"code":"conflict"`}},
		{name: "UpdateWithoutVersion428", role: "city", method: "PUT", url: "/api/v1/enterprises/{jinshui}",
			body: newProfile("410105", 9), status: 428, want: []string{`"code":"precondition_required"`}},
		{name: "YearUpdateNegative", role: "district", method: "PUT", url: "/api/v1/enterprises/{jinshui}/years/2025",
			body: map[string]any{"revenue": -1, "rd_expense": "many"}, header: []string{"If-Match", "1"}, status: 400,
			want: []string{`"path":"years.2025.revenue"`, `"path":"years.2025.rd_expense"`}},
		{name: "YearOtherDistrict404", role: "district", method: "PUT", url: "/api/v1/enterprises/{other}/years/2025",
			body: map[string]any{"revenue": 1}, status: 404},
		{name: "AssessmentCreate", role: "district", method: "POST", url: "/api/v1/enterprises/{jinshui}/assessments",
			body: map[string]any{"as_of": "2026-09-01"}, status: 201,
			want: []string{`"ruleset_id":"srdi@2026"`, `"ruleset_hash":`, `"data_year":2025`, `"report":`}},
		{name: "AssessmentCreateNoBody", role: "enterprise", method: "POST", url: "/api/v1/enterprises/{own}/assessments", status: 201},
		{name: "AssessmentOtherDistrict404", role: "district", method: "POST", url: "/api/v1/enterprises/{other}/assessments", status: 404},
		{name: "AssessmentsList", role: "city", method: "GET", url: "/api/v1/enterprises/{jinshui}/assessments", status: 200, want: []string{`"tier":"srdi"`}}, // the demo assesses its enterprises
		{name: "AuditCityOnly", role: "district", method: "GET", url: "/api/v1/audit", status: 403, want: []string{`"code":"forbidden"`}},
		{name: "AuditCity", role: "city", method: "GET", url: "/api/v1/audit?action=enterprise.bulk_create", status: 200,
			want: []string{`"total":1`, `"action":"enterprise.bulk_create"`}},
		{name: "UnknownPath404JSON", role: "city", method: "GET", url: "/api/v1/nothing", status: 404, want: []string{`"code":"not_found"`}},
		{name: "WrongMethod405JSON", role: "city", method: "PATCH", url: "/api/v1/enterprises/{jinshui}", status: 405,
			want: []string{`"code":"method_not_allowed"`}},
		{name: "LogoutEndsSession", role: "bank", method: "DELETE", url: "/api/v1/session", status: 204},
	}
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			for _, sc := range scenarios {
				t.Run(sc.name, func(t *testing.T) {
					e := newEnv(t, eng)
					if eng != "sqlite" {
						// The PostgreSQL database holds fewer demo enterprises.
						sc.want = without(sc.want, `"total":400`)
					}
					if sc.name == "ListBadToken" {
						e.tokens[""] = "x"
						res := e.do("", sc.method, sc.url, nil, "Authorization", "Bearer not-a-token")
						if res.status != sc.status {
							t.Errorf("status %d, want %d", res.status, sc.status)
						}
						return
					}
					if sc.name == "DuplicateUSCC409" {
						sc.run(t, e, e.ids())
						sc.status, sc.want = 409, []string{"已登记"}
					}
					sc.run(t, e, e.ids())
				})
			}
		})
	}
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
