package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// routeTable is every page of the surface. Access is the coarse gate per
// route; which enterprises a caller sees is the store's district scope, so a
// district official asking for another district's enterprise gets the
// store's "not found" and a 404 page.
func (w *Web) routeTable() []httpx.Route {
	officials := httpx.Only(auth.RoleCity, auth.RoleDistrict)
	return []httpx.Route{
		rt("GET", "/login", httpx.Public, "登录页", w.loginShow),
		rt("POST", "/login", httpx.Public, "登录", w.loginSubmit),
		rt("POST", "/logout", httpx.LoggedIn, "退出登录", w.logoutSubmit),
		rt("GET", "/{$}", httpx.LoggedIn, "首页：梯度培育概况", w.homeShow),
		rt("GET", "/enterprises", httpx.LoggedIn, "企业档案列表", w.enterpriseList),
		rt("GET", "/enterprises/template.xlsx", officials, "下载企业批量导入模板", w.enterpriseTemplate),
		rt("GET", "/enterprises/export.xlsx", httpx.LoggedIn, "导出企业名单（Excel）", w.enterpriseExport),
		rt("GET", "/enterprises/import", officials, "批量导入企业", w.enterpriseImportForm),
		upload(rt("POST", "/enterprises/import", officials, "批量导入企业：上传", w.enterpriseImport)),
		rt("GET", "/enterprises/{id}", httpx.LoggedIn, "企业档案", w.enterpriseShow),
		rt("POST", "/enterprises/{id}/years/{year}", httpx.LoggedIn, "修改年度数据", w.yearUpdate),
		rt("POST", "/enterprises/{id}/assessments", httpx.LoggedIn, "评价并保存", w.assessmentCreate),
		rt("GET", "/enterprises/{id}/report", httpx.LoggedIn, "评价报告（打印）", w.enterpriseReport),
		rt("GET", "/audit", httpx.Only(auth.RoleCity), "操作日志", w.auditList),
		rt("GET", "/selftest", httpx.Public, "企业自测", w.selftestShow),
		// The form's limit: a self-test upload is one enterprise (xlsx.SelfTestLimits).
		rt("POST", "/selftest", httpx.Public, "企业自测：测算", w.selftestEvaluate),
		rt("POST", "/selftest/whatif", httpx.Public, "企业自测：假设分析", w.selftestWhatIf),
		rt("GET", "/selftest/print", httpx.Public, "自测报告（打印）", w.selftestPrint),
		rt("POST", "/selftest/print", httpx.Public, "自测报告（打印）", w.selftestPrint),
		rt("POST", "/selftest/save", httpx.Only(auth.RoleEnterprise), "自测数据保存到本企业档案", w.selftestSave),
		rt("GET", "/static/{hash}/{file...}", httpx.Public, "静态文件", w.static),
	}
}

// rt is a route table entry.
func rt(method, pattern string, access httpx.Access, summary string, h http.HandlerFunc) httpx.Route {
	return httpx.Route{Method: method, Pattern: pattern, Access: access, Summary: summary, Handler: h}
}

// upload gives a route the upload body limit instead of the form limit.
func upload(r httpx.Route) httpx.Route {
	r.MaxBody = httpx.MaxUploadBody
	return r
}

// notFound answers every path no route serves with the Chinese 404 page.
func (w *Web) notFound(rw http.ResponseWriter, r *http.Request) {
	httpx.Error(rw, r, apperr.Errorf(apperr.ENOTFOUND, "页面不存在：%s", r.URL.Path))
}
