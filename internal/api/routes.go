package api

import (
	"net/http"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// routeTable is every route of the API. Access is the coarse gate; which
// enterprises a caller sees is the store's district scope.
func (a *API) routeTable() []httpx.Route {
	const p = Prefix
	officials := httpx.Only(auth.RoleCity, auth.RoleDistrict)
	city := httpx.Only(auth.RoleCity)
	return []httpx.Route{
		rt("GET", p+"/openapi.json", httpx.Public, "OpenAPI 接口文档", a.openAPI),
		rt("POST", p+"/session", httpx.Public, "登录，取得令牌", a.sessionCreate),
		rt("DELETE", p+"/session", httpx.Self, "退出登录", a.sessionDelete),
		rt("POST", p+"/evaluate", httpx.Public, "企业自测评价（不保存）", a.evaluate),
		rt("POST", p+"/sweep", httpx.Public, "单项指标敏感性分析", a.sweep),
		rt("GET", p+"/regions", httpx.Public, "区县（市）及开发区列表", a.regionList),
		rt("GET", p+"/enterprises", httpx.LoggedIn, "企业列表", a.enterpriseList),
		rt("POST", p+"/enterprises", officials, "登记企业", a.enterpriseCreate),
		rt("GET", p+"/enterprises/export.xlsx", httpx.LoggedIn, "导出企业名单（Excel）", a.enterpriseExport),
		{Method: "POST", Pattern: p + "/enterprises/import", Access: officials, Summary: "批量导入企业（Excel）",
			Handler: a.enterpriseImport, MaxBody: httpx.MaxUploadBody},
		rt("GET", p+"/enterprises/{id}", httpx.LoggedIn, "企业档案", a.enterpriseGet),
		rt("PUT", p+"/enterprises/{id}", httpx.LoggedIn, "修改企业档案", a.enterpriseUpdate),
		rt("GET", p+"/enterprises/{id}/years", httpx.LoggedIn, "企业年度数据", a.yearList),
		rt("PUT", p+"/enterprises/{id}/years/{year}", httpx.LoggedIn, "修改某一年度数据", a.yearUpdate),
		rt("GET", p+"/enterprises/{id}/assessments", httpx.LoggedIn, "评价记录列表", a.assessmentList),
		rt("POST", p+"/enterprises/{id}/assessments", httpx.LoggedIn, "评价并保存", a.assessmentCreate),
		rt("GET", p+"/enterprises/{id}/assessments/{aid}", httpx.LoggedIn, "评价记录（可复算）", a.assessmentGet),
		rt("POST", p+"/assessments/bulk", officials, "批量评价筛选结果（后台任务）", a.assessmentBulk),
		rt("GET", p+"/recognitions", httpx.LoggedIn, "认定记录列表", a.recognitionList),
		rt("POST", p+"/recognitions", officials, "登记认定（同一企业、梯度、批次则更新）", a.recognitionCreate),
		rt("PUT", p+"/recognitions/{id}", officials, "修改认定记录（复核结果、变更事项等）", a.recognitionUpdate),
		rt("DELETE", p+"/recognitions/{id}", officials, "删除认定记录", a.recognitionDelete),
		{Method: "POST", Pattern: p + "/recognitions/import", Access: officials, Summary: "导入官方公布的认定名单（Excel）",
			Handler: a.recognitionImport, MaxBody: httpx.MaxUploadBody},
		rt("GET", p+"/calendar", officials, "动态管理日历：到期、复核、变更报告、年度更新", a.calendarList),
		rt("GET", p+"/risks", officials, "风险雷达：按复核标准不达标或信用标记异常的已认定企业", a.riskList),
		rt("GET", p+"/jobs/{id}", httpx.LoggedIn, "后台任务进度", a.jobGet),
		rt("POST", p+"/backup-lists/refresh", officials, "按纳入规则刷新后备清单（后台任务）", a.backupListRefresh),
		rt("GET", p+"/backup-lists/{tier}", officials, "后备清单", a.backupListList),
		rt("POST", p+"/backup-lists/{tier}", officials, "手工纳入后备清单", a.backupListAdd),
		rt("POST", p+"/backup-lists/{tier}/bulk", officials, "按统一社会信用代码批量纳入后备清单", a.backupListBulk),
		rt("PATCH", p+"/backup-lists/{tier}/{enterprise_id}", officials, "修改后备清单状态", a.backupListUpdate),
		rt("GET", p+"/populations", officials, "企业总体列表", a.populationList),
		{Method: "POST", Pattern: p + "/populations", Access: officials, Summary: "导入企业总体（Excel 或 CSV，后台任务）",
			Handler: a.populationCreate, MaxBody: xlsx.MaxCSVSize},
		rt("GET", p+"/discovery", officials, "候选企业发现：按差距工作量排序", a.discoveryList),
		rt("GET", p+"/impact", officials, "规则变化影响分析（两个规则集下的企业总体）", a.impactGet),
		// Trainings (spec/workflows.md §7).
		rt("GET", p+"/trainings", httpx.LoggedIn, "培训列表（按年度、层次）", a.trainingList),
		rt("GET", p+"/trainings/coverage", officials, "培训轮训覆盖率（按区县）", a.trainingCoverage),
		rt("POST", p+"/trainings/{id}/signups", httpx.Only(auth.RoleEnterprise), "企业报名培训（满员转候补）", a.trainingSignup),
		rt("GET", p+"/audit", httpx.Only(auth.RoleCity), "操作日志", a.auditList),
		rt("GET", p+"/users", city, "账号列表", a.userList),
		rt("POST", p+"/users", city, "创建账号", a.userCreate),
		rt("GET", p+"/users/{id}", city, "账号详情", a.userGet),
		rt("PUT", p+"/users/{id}", city, "修改账号（姓名、机构、停用）", a.userUpdate),
		rt("PUT", p+"/users/{id}/password", city, "重置账号密码", a.userPassword),
		rt("POST", p+"/users/{id}/unlock", city, "解锁账号", a.userUnlock),
		rt("GET", p+"/account", httpx.Self, "本人账号", a.accountGet),
		rt("PUT", p+"/account/password", httpx.Self, "修改本人密码", a.accountPassword),
		rt("GET", p+"/account/tokens", httpx.LoggedIn, "本人的 API 令牌", a.tokenList),
		rt("POST", p+"/account/tokens", httpx.LoggedIn, "签发 API 令牌", a.tokenCreate),
		rt("DELETE", p+"/account/tokens/{id}", httpx.LoggedIn, "吊销 API 令牌", a.tokenDelete),
	}
}

// rt is a route table entry.
func rt(method, pattern string, access httpx.Access, summary string, h http.HandlerFunc) httpx.Route {
	return httpx.Route{Method: method, Pattern: pattern, Access: access, Summary: summary, Handler: h}
}

// notFound answers paths under the prefix that no route serves: 405 with
// Allow when the path exists under other methods, 404 otherwise.
func (a *API) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, route := range a.routes {
		probe := http.NewServeMux()
		probe.HandleFunc(route.Pattern, func(http.ResponseWriter, *http.Request) {})
		if _, pat := probe.Handler(r); pat == route.Pattern && route.Method != r.Method {
			allow = append(allow, route.Method)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		httpx.RenderJSONError(w, r, http.StatusMethodNotAllowed, "method_not_allowed", "不支持该请求方法："+r.Method, nil)
		return
	}
	httpx.Error(w, r, apperr.Errorf(apperr.ENOTFOUND, "接口不存在：%s", r.URL.Path))
}
