package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"zjtx/internal/testdb"

	"zjtx/internal/api"
	"zjtx/internal/demo"
)

// roles are the callers of the matrix, "" being anonymous.
var roles = []string{"city", "district", "enterprise", "institution", "bank", ""}

// matrixRow is one route of the API with, per role (in the order of roles),
// the status the call must get. req builds the request for a role; ids and
// an existing assessment id are filled in.
type matrixRow struct {
	method, pattern string
	want            [6]int
	req             func(e *env, id ids, aid int64, role string) (path string, body any)
}

func TestRoleRouteMatrix(t *testing.T) {
	ent := func(suffix string) func(*env, ids, int64, string) (string, any) {
		return func(_ *env, id ids, aid int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/enterprises/%d%s", id.jinshui, strings.ReplaceAll(suffix, "{aid}", fmt.Sprint(aid))), nil
		}
	}
	fixed := func(path string, body any) func(*env, ids, int64, string) (string, any) {
		return func(*env, ids, int64, string) (string, any) { return path, body }
	}
	profile := newProfile("410105", 900)
	// target is a route on a fresh account, made for each call, so that a
	// disable or a reset does not touch the demo's accounts the matrix logs
	// in with.
	target := func(suffix string, body any) func(*env, ids, int64, string) (string, any) {
		return func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/users/%d%s", e.newAccount("target."+roleName(role)), suffix), body
		}
	}
	rows := []matrixRow{
		{"GET", "/api/v1/openapi.json", [6]int{200, 200, 200, 200, 200, 200}, fixed("/api/v1/openapi.json", nil)},
		{"POST", "/api/v1/session", [6]int{201, 201, 201, 201, 201, 401}, func(_ *env, _ ids, _ int64, role string) (string, any) {
			if role == "" {
				return "/api/v1/session", map[string]string{"username": "nobody", "password": "zjtx-demo"}
			}
			return "/api/v1/session", map[string]string{"username": role, "password": "zjtx-demo"}
		}},
		{"DELETE", "/api/v1/session", [6]int{204, 204, 204, 204, 204, 401}, fixed("/api/v1/session", nil)},
		{"POST", "/api/v1/evaluate", [6]int{200, 200, 200, 200, 200, 200}, fixed("/api/v1/evaluate?as_of=2026-09-01", profile)},
		{"POST", "/api/v1/sweep", [6]int{200, 200, 200, 200, 200, 200}, fixed("/api/v1/sweep", map[string]any{
			"profile": profile, "path": "years.2025.revenue", "from": 1000, "to": 2000, "steps": 10})},
		{"GET", "/api/v1/regions", [6]int{200, 200, 200, 200, 200, 200}, fixed("/api/v1/regions", nil)},
		{"GET", "/api/v1/enterprises", [6]int{200, 200, 200, 200, 200, 401}, fixed("/api/v1/enterprises", nil)},
		{"POST", "/api/v1/enterprises", [6]int{201, 201, 403, 403, 403, 401}, func(_ *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/enterprises", newProfile("410105", 1000+slices.Index(roles, role))
		}},
		{"GET", "/api/v1/enterprises/export.xlsx", [6]int{200, 200, 200, 200, 200, 401}, fixed("/api/v1/enterprises/export.xlsx?region=410105", nil)},
		// A new enterprise per role: a second import of the same blank-template
		// row would be refused as an update without a version.
		{"POST", "/api/v1/enterprises/import", [6]int{200, 200, 403, 403, 403, 401}, func(_ *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/enterprises/import", workbook(t, newProfile("410105", 1100+slices.Index(roles, role)))
		}},
		{"GET", "/api/v1/enterprises/{id}", [6]int{200, 200, 404, 404, 404, 401}, ent("")},
		{"PUT", "/api/v1/enterprises/{id}", [6]int{200, 200, 404, 404, 404, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/enterprises/%d", id.jinshui), map[string]any{"profile": e.profileOf(id.jinshui)}
		}},
		{"GET", "/api/v1/enterprises/{id}/years", [6]int{200, 200, 404, 404, 404, 401}, ent("/years")},
		{"PUT", "/api/v1/enterprises/{id}/years/{year}", [6]int{200, 200, 404, 404, 404, 401}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/enterprises/%d/years/2025", id.jinshui), map[string]any{"revenue": 4000, "employees": 100}
		}},
		{"GET", "/api/v1/enterprises/{id}/assessments", [6]int{200, 200, 404, 404, 404, 401}, ent("/assessments")},
		{"POST", "/api/v1/enterprises/{id}/assessments", [6]int{201, 201, 404, 404, 404, 401}, ent("/assessments")},
		{"GET", "/api/v1/enterprises/{id}/assessments/{aid}", [6]int{200, 200, 404, 404, 404, 401}, ent("/assessments/{aid}?rerun=1")},
		{"POST", "/api/v1/assessments/bulk", [6]int{202, 202, 403, 403, 403, 401}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/assessments/bulk?ids=%d", id.jinshui), nil
		}},
		{"GET", "/api/v1/jobs/{id}", [6]int{200, 200, 404, 404, 404, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			// A job of the district: the city and the district see it.
			var j struct {
				ID int64 `json:"id"`
			}
			e.do("district", "POST", fmt.Sprintf("/api/v1/assessments/bulk?ids=%d", id.jinshui), nil).json(e.t, &j)
			return fmt.Sprintf("/api/v1/jobs/%d", j.ID), nil
		}},
		{"GET", "/api/v1/recognitions", [6]int{200, 200, 200, 200, 200, 401}, fixed("/api/v1/recognitions", nil)},
		{"POST", "/api/v1/recognitions", [6]int{201, 201, 403, 403, 403, 401}, func(_ *env, id ids, _ int64, role string) (string, any) {
			return "/api/v1/recognitions", recognitionBody(id.jinshui, "矩阵 "+roleName(role))
		}},
		{"PUT", "/api/v1/recognitions/{id}", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, id ids, _ int64, role string) (string, any) {
			body := recognitionBody(id.jinshui, "矩阵 "+roleName(role))
			body["version"], body["review_result"], body["reviewed_on"] = 1, "passed", "2026-03-01"
			return fmt.Sprintf("/api/v1/recognitions/%d", e.newRecognitionID(id.jinshui, "矩阵 "+roleName(role))), body
		}},
		{"DELETE", "/api/v1/recognitions/{id}", [6]int{204, 204, 403, 403, 403, 401}, func(e *env, id ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/recognitions/%d?version=1", e.newRecognitionID(id.jinshui, "矩阵 "+roleName(role))), nil
		}},
		{"POST", "/api/v1/recognitions/import", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/recognitions/import", listBook(e.t, []any{"金水企业", e.usccOf(id.jinshui), "专精特新", "省级", "第一批", "豫工信企业〔2025〕8号", "2025-03-01", ""})
		}},
		{"GET", "/api/v1/calendar", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/calendar?within=365", nil)},
		{"GET", "/api/v1/risks", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/risks", nil)},
		{"GET", "/api/v1/review", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/review", nil)},
		{"POST", "/api/v1/backup-lists/refresh", [6]int{202, 202, 403, 403, 403, 401}, fixed("/api/v1/backup-lists/refresh", nil)},
		{"GET", "/api/v1/backup-lists/{tier}", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/backup-lists/srdi?region=410105", nil)},
		{"POST", "/api/v1/backup-lists/{tier}", [6]int{201, 201, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			id := e.newEnterprise(1300 + slices.Index(roles, role))
			return "/api/v1/backup-lists/little_giant", map[string]any{"enterprise_id": id, "reason": "区工信局推荐"}
		}},
		{"POST", "/api/v1/backup-lists/{tier}/bulk", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/backup-lists/innovative/bulk", map[string]any{"usccs": []string{e.usccOf(id.jinshui)}, "reason": "区工信局推荐"}
		}},
		{"PATCH", "/api/v1/backup-lists/{tier}/{enterprise_id}", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			id := e.newEnterprise(1400 + slices.Index(roles, role))
			e.do("city", "POST", "/api/v1/backup-lists/little_giant", map[string]any{"enterprise_id": id, "reason": "区工信局推荐"})
			return fmt.Sprintf("/api/v1/backup-lists/little_giant/%d", id), map[string]any{"status": "cultivating", "reason": "已指定专人帮带", "version": 1}
		}},
		{"GET", "/api/v1/targets", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/targets?year=2025", nil)},
		{"PUT", "/api/v1/targets", [6]int{201, 403, 403, 403, 403, 401}, fixed("/api/v1/targets",
			map[string]any{"year": 2030, "tier": "srdi", "region": "4101", "target": 400, "basis": "矩阵"})},
		{"GET", "/api/v1/targets/quota", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/targets/quota?year=2025", nil)},
		{"GET", "/api/v1/enterprises/{id}/plans", [6]int{200, 200, 404, 404, 404, 401}, ent("/plans")},
		{"POST", "/api/v1/enterprises/{id}/plans", [6]int{201, 201, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/enterprises/%d/plans", e.newPlan(1500+slices.Index(roles, role)).EnterpriseID), map[string]any{"tier": "tech_sme"}
		}},
		{"GET", "/api/v1/plan-tasks", [6]int{403, 403, 403, 200, 403, 401}, fixed("/api/v1/plan-tasks", nil)},
		{"POST", "/api/v1/plans/{plan}/tasks/{task}/close", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			p := e.newPlan(1600 + slices.Index(roles, role))
			return fmt.Sprintf("/api/v1/plans/%d/tasks/%d/close", p.ID, p.Tasks[0].ID), closeForm(e.t, "a.pdf", demo.PDF("x"), `{"value": 180}`)
		}},
		{"GET", "/api/v1/evidence/{id}", [6]int{200, 200, 404, 404, 404, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/evidence/%d", e.closedEvidence(1700+slices.Index(roles, role))), nil
		}},
		{"GET", "/api/v1/assignments", [6]int{200, 200, 200, 403, 403, 401}, fixed("/api/v1/assignments", nil)},
		{"POST", "/api/v1/assignments", [6]int{201, 201, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/assignments", map[string]any{"enterprise_id": e.newEnterprise(1500 + slices.Index(roles, role)),
				"official_id": e.userID("district"), "role": "lead"}
		}},
		{"POST", "/api/v1/assignments/bulk", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return "/api/v1/assignments/bulk", map[string]any{"tier": "srdi", "region": "410105", "official_id": e.userID("district"), "role": "assist"}
		}},
		{"GET", "/api/v1/assignments/workload", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/assignments/workload?by=region", nil)},
		{"PATCH", "/api/v1/assignments/{id}", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/assignments/%d", e.newAssignment(1600+slices.Index(roles, role))), map[string]any{"version": 1}
		}},
		{"GET", "/api/v1/visits", [6]int{200, 200, 200, 403, 403, 401}, fixed("/api/v1/visits", nil)},
		{"POST", "/api/v1/visits", [6]int{201, 201, 403, 403, 403, 401}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/visits", map[string]any{"enterprise_id": id.jinshui, "date": "2026-08-20", "form": "onsite", "summary": "了解研发投入"}
		}},
		{"GET", "/api/v1/appeals", [6]int{200, 200, 200, 403, 403, 401}, fixed("/api/v1/appeals?overdue=1", nil)},
		{"POST", "/api/v1/appeals", [6]int{201, 201, 201, 403, 403, 401}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/appeals", map[string]any{"enterprise_id": id.jinshui, "source": "gap", "category": "其他", "title": "矩阵诉求"}
		}},
		{"GET", "/api/v1/appeals/{id}", [6]int{200, 200, 404, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return appealPath(e.newAppeal(id.jinshui, "矩阵诉求"), ""), nil
		}},
		{"POST", "/api/v1/appeals/{id}/actions", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return appealPath(e.newAppeal(id.jinshui, "矩阵诉求"), "/actions"), map[string]any{"action": "route", "lead_unit": "区财政局", "version": 1}
		}},
		{"GET", "/api/v1/populations", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/populations", nil)},
		{"POST", "/api/v1/populations", [6]int{202, 202, 403, 403, 403, 401}, fixed("/api/v1/populations?name=matrix", []byte(populationCSV))},
		{"GET", "/api/v1/discovery", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/discovery?population=999999&tier=srdi", nil)},
		{"GET", "/api/v1/impact", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/impact?from=srdi@2022&to=srdi@2026", nil)},
		{"GET", "/api/v1/policies", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/policies?q=%E5%85%8D%E7%94%B3%E5%8D%B3%E4%BA%AB&level=municipal", nil)},
		{"POST", "/api/v1/policies", [6]int{201, 403, 403, 403, 403, 401}, func(_ *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/policies", map[string]any{"title": "矩阵文件 " + roleName(role), "level": "municipal", "issued_on": "2025-01-01"}
		}},
		{"GET", "/api/v1/policies/{id}", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/policies/%d", e.newPolicy("读取 "+roleName(role))), nil
		}},
		{"PUT", "/api/v1/policies/{id}", [6]int{200, 403, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/policies/%d", e.newPolicy("修改 "+roleName(role))),
				map[string]any{"title": "已修改", "level": "municipal", "issued_on": "2025-01-01", "version": 1}
		}},
		{"GET", "/api/v1/carriers", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/carriers?kind=incubator", nil)},
		{"GET", "/api/v1/clusters", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/clusters", nil)},
		{"GET", "/api/v1/parks/{id}/ranking", [6]int{200, 200, 200, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/parks/%d/ranking", e.parkID()), nil
		}},
		{"POST", "/api/v1/parks/{id}/applications", [6]int{201, 201, 201, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/parks/%d/applications", e.parkID()), map[string]any{"enterprise_id": e.newEnterprise(1500 + slices.Index(roles, role)),
				"need_mu": "20", "used_mu": "10", "revenue": "6000", "tax": "300"}
		}},
		{"GET", "/api/v1/cases", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/cases?status=published", nil)},
		{"GET", "/api/v1/showcase", [6]int{200, 200, 200, 200, 200, 200}, fixed("/api/v1/showcase", nil)},
		// The service hub: banks take no part; institutions manage their own.
		{"GET", "/api/v1/institutions", [6]int{200, 200, 200, 200, 403, 401}, fixed("/api/v1/institutions", nil)},
		{"GET", "/api/v1/institutions/outcomes", [6]int{200, 200, 403, 200, 403, 401}, fixed("/api/v1/institutions/outcomes?year=2026", nil)},
		{"GET", "/api/v1/institutions/{id}", [6]int{200, 200, 200, 200, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/institutions/%d", e.hubInstitution()), nil
		}},
		{"PUT", "/api/v1/institutions/{id}/chains", [6]int{200, 403, 403, 200, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/institutions/%d/chains", e.hubInstitution()), map[string]any{"chains": []map[string]any{{"chain": "新材料"}}}
		}},
		{"POST", "/api/v1/institutions/{id}/review", [6]int{200, 403, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			id := e.hubInstitution()
			_, version := e.idOf(e.mustDo("city", "GET", fmt.Sprintf("/api/v1/institutions/%d", id), nil, http.StatusOK))
			return fmt.Sprintf("/api/v1/institutions/%d/review", id), map[string]any{"status": "approved", "version": version}
		}},
		{"POST", "/api/v1/institutions/{id}/experts", [6]int{201, 403, 403, 201, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/institutions/%d/experts", e.hubInstitution()), map[string]any{"name": "王建国", "fields": "知识产权"}
		}},
		{"GET", "/api/v1/products", [6]int{200, 200, 200, 200, 403, 401}, fixed("/api/v1/products?category=知识产权", nil)},
		{"POST", "/api/v1/products", [6]int{201, 403, 403, 201, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/products", map[string]any{"institution_id": e.hubInstitution(), "name": "矩阵产品 " + roleName(role), "category": "法律服务"}
		}},
		{"GET", "/api/v1/products/{id}", [6]int{200, 200, 200, 200, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/products/%d", e.newHubProduct("读取 "+roleName(role))), nil
		}},
		{"PUT", "/api/v1/products/{id}", [6]int{200, 403, 403, 200, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/products/%d", e.newHubProduct("修改 "+roleName(role))), map[string]any{"name": "已修改 " + roleName(role), "category": "知识产权"}
		}},
		{"GET", "/api/v1/packages", [6]int{200, 200, 200, 200, 403, 401}, fixed("/api/v1/packages?tier=srdi", nil)},
		{"POST", "/api/v1/packages", [6]int{201, 403, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/packages", map[string]any{"name": "矩阵服务包 " + roleName(role), "tier": "srdi", "product_ids": []int64{e.newHubProduct("包 " + roleName(role))}}
		}},
		{"GET", "/api/v1/packages/products", [6]int{200, 200, 200, 200, 403, 401}, fixed("/api/v1/packages/products?tier=srdi&chain=装备制造", nil)},
		{"GET", "/api/v1/demands", [6]int{200, 200, 200, 200, 403, 401}, fixed("/api/v1/demands", nil)},
		{"POST", "/api/v1/demands", [6]int{201, 201, 201, 403, 403, 401}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/demands", map[string]any{"enterprise_id": id.own, "text": "需要专利布局", "category": "知识产权"}
		}},
		{"POST", "/api/v1/demands/from-gaps", [6]int{200, 200, 200, 403, 403, 401}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/demands/from-gaps", map[string]any{"enterprise_id": id.own}
		}},
		{"GET", "/api/v1/demands/{id}", [6]int{200, 200, 200, 200, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/demands/%d", e.newHubDemand("读取需求")), nil
		}},
		{"POST", "/api/v1/demands/{id}/decision", [6]int{403, 403, 200, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			if role != "enterprise" {
				// Refused by the route whatever the demand: the enterprise's one
				// proposal is kept for the enterprise.
				return "/api/v1/demands/1/decision", map[string]any{"confirm": true, "version": 1}
			}
			id, version := e.proposedDemand()
			return fmt.Sprintf("/api/v1/demands/%d/decision", id), map[string]any{"confirm": true, "version": version}
		}},
		{"POST", "/api/v1/match", [6]int{200, 200, 200, 200, 403, 401}, fixed("/api/v1/match", map[string]any{"text": "申请发明专利"})},
		{"GET", "/api/v1/matches", [6]int{200, 200, 200, 200, 403, 401}, fixed("/api/v1/matches", nil)},
		{"POST", "/api/v1/matches", [6]int{201, 201, 201, 201, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/matches", map[string]any{"demand_id": e.newHubDemand("推荐 " + roleName(role)), "product_id": e.newHubProduct("推荐 " + roleName(role))}
		}},
		{"GET", "/api/v1/matches/{id}", [6]int{200, 200, 200, 200, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			id, _ := e.newHubMatch("读取 "+roleName(role), "recommended")
			return fmt.Sprintf("/api/v1/matches/%d", id), nil
		}},
		{"POST", "/api/v1/matches/{id}/stage", [6]int{200, 200, 403, 200, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			id, version := e.newHubMatch("联系 "+roleName(role), "recommended")
			return fmt.Sprintf("/api/v1/matches/%d/stage", id), map[string]any{"stage": "contacted", "version": version}
		}},
		{"POST", "/api/v1/matches/{id}/delivery", [6]int{403, 403, 403, 200, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			id, version := e.newHubMatch("交付 "+roleName(role), "signed")
			return fmt.Sprintf("/api/v1/matches/%d/delivery", id), map[string]any{"version": version, "summary": "完成", "evidence": "合同 1", "delivered_on": "2026-09-01"}
		}},
		{"POST", "/api/v1/matches/{id}/rating", [6]int{403, 403, 200, 403, 403, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			id, version := e.newHubMatch("评价 "+roleName(role), "delivered")
			return fmt.Sprintf("/api/v1/matches/%d/rating", id), map[string]any{"version": version, "score": 5}
		}},
		{"GET", "/api/v1/trainings", [6]int{200, 200, 200, 200, 200, 401}, fixed("/api/v1/trainings?year=2026&level=inclusive", nil)},
		{"GET", "/api/v1/trainings/coverage", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/trainings/coverage?years=3", nil)},
		{"POST", "/api/v1/trainings/{id}/signups", [6]int{403, 403, 201, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/trainings/%d/signups", e.invitedTraining(id.own)), map[string]any{"attendee": "李四", "attendee_role": "finance"}
		}},
		{"GET", "/api/v1/audit", [6]int{200, 403, 403, 403, 403, 401}, fixed("/api/v1/audit", nil)},
		{"GET", "/api/v1/users", [6]int{200, 403, 403, 403, 403, 401}, fixed("/api/v1/users?role=district", nil)},
		{"POST", "/api/v1/users", [6]int{201, 403, 403, 403, 403, 401}, func(_ *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/users", map[string]any{"username": "new." + roleName(role), "name": "新账号", "role": "district",
				"region": "410105", "password": "Lotus-Pond-2026"}
		}},
		{"GET", "/api/v1/users/{id}", [6]int{200, 403, 403, 403, 403, 401}, target("", nil)},
		{"PUT", "/api/v1/users/{id}", [6]int{200, 403, 403, 403, 403, 401}, target("", map[string]any{"version": 1, "disabled": true})},
		{"PUT", "/api/v1/users/{id}/password", [6]int{200, 403, 403, 403, 403, 401}, target("/password", map[string]any{"version": 1, "password": "Lotus-Pond-2026"})},
		{"POST", "/api/v1/users/{id}/unlock", [6]int{200, 403, 403, 403, 403, 401}, target("/unlock", map[string]any{"version": 1})},
		{"GET", "/api/v1/account", [6]int{200, 200, 200, 200, 200, 401}, fixed("/api/v1/account", nil)},
		{"PUT", "/api/v1/account/password", [6]int{204, 204, 204, 204, 204, 401}, fixed("/api/v1/account/password",
			map[string]string{"current_password": demo.Password, "password": "Lotus-Pond-2026"})},
		{"GET", "/api/v1/account/tokens", [6]int{200, 200, 200, 200, 200, 401}, fixed("/api/v1/account/tokens", nil)},
		{"POST", "/api/v1/account/tokens", [6]int{201, 201, 201, 201, 201, 401}, fixed("/api/v1/account/tokens", map[string]string{"name": "对接"})},
		{"DELETE", "/api/v1/account/tokens/{id}", [6]int{204, 204, 204, 204, 204, 401}, func(e *env, _ ids, _ int64, role string) (string, any) {
			return fmt.Sprintf("/api/v1/account/tokens/%d", e.apiToken(role)), nil
		}},
	}
	rows = append(rows, financeMatrixRows()...)

	rows = append(rows, rewardRows(t)...)

	e := newEnv(t, "sqlite")
	t.Run("EveryRouteHasARow", func(t *testing.T) {
		for _, rt := range e.app.API.Routes() {
			if !slices.ContainsFunc(rows, func(r matrixRow) bool { return r.method == rt.Method && r.pattern == rt.Pattern }) {
				t.Errorf("route %s %s has no row in the matrix", rt.Method, rt.Pattern)
			}
		}
		if got, want := len(rows), len(e.app.API.Routes()); got != want {
			t.Errorf("matrix has %d rows, the API %d routes", got, want)
		}
	})
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			for _, row := range rows {
				t.Run(row.method+" "+row.pattern, func(t *testing.T) {
					e := newEnv(t, eng)
					id := e.ids()
					res := e.do("city", "POST", fmt.Sprintf("/api/v1/enterprises/%d/assessments", id.jinshui), map[string]any{"tier": "srdi"})
					var created struct {
						Assessments []struct {
							ID int64 `json:"id"`
						} `json:"assessments"`
					}
					res.json(t, &created)
					aid := created.Assessments[0].ID
					for i, role := range roles {
						path, body := row.req(e, id, aid, role)
						var header []string
						if row.method == "PUT" {
							// Updates say which version they were made from.
							header = []string{"If-Match", e.etag(id.jinshui)}
						}
						res := e.do(role, row.method, path, body, header...)
						if res.status != row.want[i] {
							t.Errorf("%s %s as %s: %d, want %d: %.300s", row.method, path, roleName(role), res.status, row.want[i], res.body)
						}
						if res.status >= 400 {
							var eb struct {
								Error struct {
									Code    string `json:"code"`
									Message string `json:"message"`
								} `json:"error"`
							}
							if err := json.Unmarshal(res.body, &eb); err != nil || eb.Error.Code == "" || eb.Error.Message == "" {
								t.Errorf("%s %s as %s: error body %s is not {error: {code, message}}", row.method, path, roleName(role), res.body)
							}
						}
						if row.method == http.MethodDelete && row.pattern == "/api/v1/session" && role != "" {
							delete(e.tokens, role) // the session has ended
						}
					}
				})
			}
		})
	}
}

func roleName(role string) string {
	if role == "" {
		return "anonymous"
	}
	return role
}

// TestOpenAPIMatchesRoutes checks the OpenAPI document against the route
// table the mux is built from, both ways, and that the document marks
// exactly the public routes as needing no credentials.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	e := newEnv(t, "sqlite")
	inRoutes := map[string]bool{}
	for _, rt := range e.app.API.Routes() {
		key := rt.Method + " " + rt.Pattern
		inRoutes[key] = true
		raw, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("route %s is not in the OpenAPI document", key)
			continue
		}
		var op struct {
			Security  *[]any `json:"security"`
			Responses map[string]any
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(err)
		}
		documentedPublic := op.Security != nil && len(*op.Security) == 0
		if documentedPublic != rt.Access.Public {
			t.Errorf("%s: public %v in the document, %v in the route table", key, documentedPublic, rt.Access.Public)
		}
		if !rt.Access.Public && op.Responses["401"] == nil {
			t.Errorf("%s: needs login but documents no 401", key)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if key := strings.ToUpper(method) + " " + path; !inRoutes[key] {
				t.Errorf("the OpenAPI document has %s, which no route serves", key)
			}
		}
	}
}
