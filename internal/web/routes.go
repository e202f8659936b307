package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// routeTable is every page of the surface. Access is the coarse gate per
// route; which enterprises a caller sees is the store's district scope, so a
// district official asking for another district's enterprise gets the
// store's "not found" and a 404 page.
func (w *Web) routeTable() []httpx.Route {
	officials := httpx.Only(auth.RoleCity, auth.RoleDistrict)
	city := httpx.Only(auth.RoleCity)
	return []httpx.Route{
		rt("GET", "/login", httpx.Public, "登录页", w.loginShow),
		rt("POST", "/login", httpx.Public, "登录", w.loginSubmit),
		rt("POST", "/logout", httpx.Self, "退出登录", w.logoutSubmit),
		rt("GET", "/{$}", httpx.LoggedIn, "首页：梯度培育概况", w.homeShow),
		rt("GET", "/enterprises", httpx.LoggedIn, "企业档案列表", w.enterpriseList),
		rt("GET", "/enterprises/template.xlsx", officials, "下载企业批量导入模板", w.enterpriseTemplate),
		rt("GET", "/enterprises/export.xlsx", httpx.LoggedIn, "导出企业名单（Excel）", w.enterpriseExport),
		rt("GET", "/enterprises/import", officials, "批量导入企业", w.enterpriseImportForm),
		upload(rt("POST", "/enterprises/import", officials, "批量导入企业：上传", w.enterpriseImport)),
		rt("POST", "/enterprises/assess", officials, "批量评价（后台任务）", w.assessmentBulk),
		rt("GET", "/jobs/{id}", httpx.LoggedIn, "后台任务进度", w.jobShow),
		rt("POST", "/jobs/{id}/rerun", officials, "重新运行失败的后台任务", w.jobRerun),
		rt("GET", "/impact", officials, "规则变化影响分析", w.impactShow),
		rt("GET", "/discovery", officials, "候选企业发现（选种）", w.discoveryList),
		rt("GET", "/discovery/export.xlsx", officials, "导出候选企业（Excel）", w.discoveryExport),
		rt("POST", "/discovery/backup-list", officials, "勾选的候选企业批量纳入后备清单", w.discoveryBackup),
		rt("GET", "/populations", officials, "企业总体", w.populationList),
		populationUpload(rt("POST", "/populations", officials, "导入企业总体（后台任务）", w.populationImport)),
		rt("POST", "/populations/{id}/evaluate", officials, "重新评价企业总体（后台任务）", w.populationEvaluate),
		rt("GET", "/populations/{id}/errors", officials, "下载企业总体导入的错误标注文件", w.populationErrors),
		rt("GET", "/enterprises/{id}", httpx.LoggedIn, "企业档案", w.enterpriseShow),
		rt("POST", "/enterprises/{id}/years/{year}", httpx.LoggedIn, "修改年度数据", w.yearUpdate),
		rt("POST", "/enterprises/{id}/items/{list}", httpx.LoggedIn, "新增档案明细（知识产权、资质、研发机构、奖励、标准）", w.itemCreate),
		rt("POST", "/enterprises/{id}/items/{list}/{index}", httpx.LoggedIn, "修改档案明细", w.itemUpdate),
		rt("POST", "/enterprises/{id}/items/{list}/{index}/delete", httpx.LoggedIn, "删除档案明细", w.itemDelete),
		rt("POST", "/enterprises/{id}/assessments", httpx.LoggedIn, "评价并保存", w.assessmentCreate),
		rt("GET", "/enterprises/{id}/report", httpx.LoggedIn, "评价报告（打印）", w.enterpriseReport),
		rt("GET", "/recognitions", officials, "认定名单", w.recognitionList),
		rt("GET", "/recognitions/template.xlsx", officials, "下载认定名单导入模板", w.recognitionTemplate),
		upload(rt("POST", "/recognitions/import", officials, "导入官方公布的认定名单", w.recognitionImport)),
		rt("POST", "/recognitions/{id}/delete", officials, "删除认定记录", w.recognitionDelete),
		rt("GET", "/enterprises/{id}/recognitions", officials, "企业认定记录", w.enterpriseRecognitions),
		rt("POST", "/enterprises/{id}/recognitions", officials, "登记认定", w.recognitionCreate),
		rt("GET", "/calendar", officials, "动态管理日历", w.calendarShow),
		rt("GET", "/calendar/export.xlsx", officials, "导出动态管理日历（Excel）", w.calendarExport),
		rt("GET", "/risks", officials, "风险雷达", w.riskList),
		rt("GET", "/backup-lists/{tier}", officials, "后备清单", w.backupList),
		rt("GET", "/backup-lists/{tier}/export.xlsx", officials, "导出后备清单（Excel）", w.backupListExport),
		rt("POST", "/backup-lists/{tier}/status", officials, "批量修改后备清单状态", w.backupListStatus),
		rt("POST", "/backup-lists/add", officials, "手工纳入后备清单", w.backupListAdd),
		rt("POST", "/backup-lists/refresh", officials, "按纳入规则刷新后备清单（后台任务）", w.backupListRefresh),
		// Trainings, 创客中国 and events (spec/workflows.md §7).
		rt("GET", "/trainings", httpx.LoggedIn, "培训", w.trainingList),
		rt("POST", "/trainings", city, "安排培训", w.trainingCreate),
		rt("GET", "/trainings/coverage", officials, "培训轮训覆盖与轮训计划", w.trainingCoverage),
		rt("GET", "/trainings/{id}", httpx.LoggedIn, "培训详情、报名与签到", w.trainingShow),
		rt("POST", "/trainings/{id}/signups", httpx.Only(auth.RoleEnterprise), "企业报名培训", w.trainingSignup),
		rt("POST", "/trainings/{id}/cancel", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "取消培训报名", w.trainingCancel),
		rt("GET", "/trainings/{id}/checkin", httpx.Only(auth.RoleEnterprise), "扫码签到", w.trainingCheckinForm),
		rt("POST", "/trainings/{id}/checkin", httpx.Only(auth.RoleEnterprise), "培训签到", w.trainingCheckin),
		rt("POST", "/trainings/{id}/invitations", officials, "按梯度、区县或轮训计划邀请企业", w.trainingInvite),
		rt("POST", "/trainings/{id}/attendance", officials, "登记培训出勤", w.trainingAttendance),
		rt("GET", "/trainings/{id}/door", officials, "培训签到屏（签到码与二维码）", w.trainingDoor),
		rt("GET", "/trainings/{id}/qr.png", officials, "培训签到二维码", w.trainingQR),
		rt("GET", "/contests", officials, "“创客中国”大赛", w.contestList),
		rt("POST", "/contests", city, "登记赛事", w.contestCreate),
		rt("GET", "/contests/{id}", officials, "赛事参赛名单与结果", w.contestShow),
		rt("POST", "/contests/{id}/entries", officials, "登记参赛企业或创客团队", w.contestEntryCreate),
		rt("POST", "/contests/{id}/entries/{entry}", officials, "登记赛程与获奖名次", w.contestResult),
		rt("GET", "/events", officials, "展会与专题活动", w.eventList),
		rt("POST", "/events", city, "登记展会或活动", w.eventCreate),
		rt("GET", "/events/{id}", officials, "展会或活动的参展企业与成效", w.eventShow),
		rt("POST", "/events/{id}/participants", officials, "登记参展或受邀企业", w.eventParticipantCreate),
		rt("POST", "/events/{id}/participants/{participant}", officials, "登记出席与成效", w.eventParticipantUpdate),
		rt("GET", "/audit", httpx.Only(auth.RoleCity), "操作日志", w.auditList),
		rt("GET", "/audit/export.xlsx", httpx.Only(auth.RoleCity), "导出操作日志（Excel）", w.auditExport),
		rt("GET", "/users", city, "账号管理", w.userList),
		rt("GET", "/users/new", city, "创建账号", w.userNew),
		rt("POST", "/users", city, "创建账号：提交", w.userCreate),
		rt("GET", "/users/{id}", city, "账号详情", w.userShow),
		rt("POST", "/users/{id}", city, "修改账号", w.userUpdate),
		rt("POST", "/users/{id}/password", city, "重置密码", w.userPassword),
		rt("POST", "/users/{id}/unlock", city, "解锁账号", w.userUnlock),
		rt("GET", "/account", httpx.Self, "账号设置", w.accountShow),
		rt("POST", "/account/password", httpx.Self, "修改密码", w.accountPassword),
		rt("POST", "/account/tokens", httpx.LoggedIn, "签发 API 令牌", w.tokenCreate),
		rt("POST", "/account/tokens/{id}/revoke", httpx.LoggedIn, "吊销 API 令牌", w.tokenRevoke),
		rt("GET", "/selftest", httpx.Public, "企业自测", w.selftestShow),
		// The form's limit: a self-test upload is one enterprise (xlsx.SelfTestLimits).
		rt("POST", "/selftest", httpx.Public, "企业自测：测算", w.selftestEvaluate),
		rt("POST", "/selftest/whatif", httpx.Public, "企业自测：假设分析", w.selftestWhatIf),
		rt("GET", "/selftest/print", httpx.Public, "自测报告（打印）", w.selftestPrint),
		rt("POST", "/selftest/print", httpx.Public, "自测报告（打印）", w.selftestPrint),
		rt("POST", "/selftest/save", httpx.Only(auth.RoleEnterprise), "自测数据保存到本企业档案", w.selftestSave),
		rt("GET", "/static/{hash}/{file...}", httpx.Public, "静态文件", w.static),
		rt("GET", "/favicon.ico", httpx.Public, "网站图标", w.favicon),
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

// populationUpload lets a route take a population upload: a CSV of up to
// xlsx.MaxCSVSize, and the form around it.
func populationUpload(r httpx.Route) httpx.Route {
	r.MaxBody = xlsx.MaxCSVSize + 1<<20
	return r
}

// notFound answers every path no route serves with the Chinese 404 page.
func (w *Web) notFound(rw http.ResponseWriter, r *http.Request) {
	httpx.Error(rw, r, apperr.Errorf(apperr.ENOTFOUND, "页面不存在：%s", r.URL.Path))
}
