package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
	"zjtx/internal/xlsx"
)

// routeTable is every page of the surface. Access is the coarse gate per
// route; which enterprises a caller sees is the store's district scope, so a
// district official asking for another district's enterprise gets the
// store's "not found" and a 404 page.
func (w *Web) routeTable() []httpx.Route {
	officials := httpx.Only(auth.RoleCity, auth.RoleDistrict)
	city := httpx.Only(auth.RoleCity)
	// A park's places are open to enterprises of every district, which
	// apply themselves.
	parkUsers := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise)
	baolianReaders := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise)
	hubRoles := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleInstitution, auth.RoleEnterprise)
	demandPosters := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise)
	outcomeRoles := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleInstitution)
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
		// Programmes: policy library, carriers, parks, clusters, typical cases.
		rt("GET", "/policies", officials, "政策文件库", w.policyList),
		rt("POST", "/policies", city, "新增政策文件", w.policySave),
		rt("GET", "/policies/{id}", officials, "政策文件详情", w.policyShow),
		rt("POST", "/policies/{id}", city, "修改政策文件", w.policySave),
		rt("GET", "/carriers", officials, "创新载体", w.carrierList),
		rt("POST", "/carriers", city, "登记创新载体", w.carrierCreate),
		rt("GET", "/carriers/{id}", officials, "创新载体详情与入驻企业", w.carrierShow),
		rt("POST", "/carriers/{id}/tenants", officials, "登记入驻企业", w.memberAdd("carrier")),
		rt("POST", "/carriers/{id}/tenants/{enterprise}/delete", officials, "移除入驻企业", w.memberRemove("carrier")),
		rt("GET", "/clusters", officials, "特色产业集群", w.clusterList),
		rt("POST", "/clusters", city, "登记特色产业集群", w.clusterCreate),
		rt("GET", "/clusters/{id}", officials, "特色产业集群详情与成员", w.clusterShow),
		rt("POST", "/clusters/{id}/members", officials, "登记集群成员企业", w.memberAdd("cluster")),
		rt("POST", "/clusters/{id}/members/{enterprise}/delete", officials, "移除集群成员企业", w.memberRemove("cluster")),
		rt("GET", "/parks", parkUsers, "专精特新产业园", w.parkList),
		rt("POST", "/parks", city, "新增产业园入园批次", w.parkCreate),
		rt("GET", "/parks/{id}", parkUsers, "产业园用地需求与亩均效益排序", w.parkShow),
		rt("POST", "/parks/{id}/applications", parkUsers, "提交扩产用地需求", w.parkApply),
		rt("POST", "/parks/{id}/applications/{app}", parkUsers, "决定入园或撤回用地需求", w.parkDecide),
		rt("GET", "/cases", officials, "典型案例", w.caseList),
		rt("POST", "/cases", officials, "从企业档案起草典型案例", w.caseDraft),
		rt("POST", "/enterprises/{id}/cases", officials, "从企业档案起草典型案例", w.caseDraft),
		rt("GET", "/cases/{id}", officials, "编辑典型案例", w.caseEdit),
		rt("POST", "/cases/{id}", officials, "保存典型案例", w.caseSave),
		rt("GET", "/showcase", httpx.Public, "典型案例（公开）", w.showcase),
		rt("GET", "/showcase/{id}", httpx.Public, "典型案例（公开）", w.showcase),
		// Targets, forecast and quotas; the officials' dashboard export.
		rt("GET", "/targets", officials, "培育目标、完成与预测", w.targetList),
		rt("POST", "/targets", city, "设定或修改培育目标", w.targetSet),
		rt("GET", "/targets/export.xlsx", officials, "导出培育目标与推荐名额（Excel）", w.targetExport),
		rt("GET", "/dashboard/export.xlsx", officials, "导出首页统计（Excel）", w.dashboardExport),
		// Cultivation plans (培育辅导计划).
		rt("POST", "/enterprises/{id}/plans", officials, "按差距生成培育辅导计划", w.planCreate),
		rt("GET", "/plans/{id}", httpx.LoggedIn, "培育辅导计划", w.planShow),
		evidenceUpload(rt("POST", "/plans/{id}/tasks/{task}/close", officials, "上传证明材料并办结培育任务", w.planTaskClose)),
		rt("GET", "/evidence/{id}", httpx.LoggedIn, "下载证明材料", w.evidenceDownload),
		// 包联帮扶: officials beside enterprises, visits, the issue ledger (诉求台账).
		rt("GET", "/baolian", baolianReaders, "包联帮扶：工作量、办结率、走访逾期、未包联企业", w.baolianShow),
		rt("POST", "/baolian/assign", officials, "按后备清单批量指定包联干部", w.baolianAssign),
		rt("GET", "/baolian/enterprises/{id}", baolianReaders, "企业包联：干部、走访、诉求", w.baolianEnterprise),
		rt("POST", "/baolian/enterprises/{id}/assignments", officials, "指定包联干部", w.assignmentCreate),
		rt("POST", "/baolian/assignments/{id}/end", officials, "结束包联", w.assignmentEnd),
		rt("GET", "/visits", officials, "走访记录与走访逾期", w.visitList),
		rt("POST", "/visits", officials, "登记走访", w.visitCreate),
		rt("GET", "/appeals", baolianReaders, "诉求台账", w.appealList),
		rt("POST", "/appeals", baolianReaders, "登记诉求", w.appealCreate),
		rt("GET", "/appeals/{id}", baolianReaders, "诉求详情", w.appealShow),
		rt("POST", "/appeals/{id}/actions", officials, "办理诉求", w.appealAct),
		// 回头看 (review): what each district has left undone.
		rt("GET", "/review", officials, "回头看：各区县查漏补缺汇总", w.reviewShow),
		rt("GET", "/review/export.xlsx", officials, "导出回头看（Excel：汇总及各项名单）", w.reviewExport),
		rt("GET", "/review/{region}", officials, "区县回头看", w.reviewDistrict),
		rt("GET", "/review/{region}/{check}", officials, "回头看名单", w.reviewList),
		// The service hub (一张网); banks take no part, scope in the store.
		rt("GET", "/demands", hubRoles, "服务需求", w.demandList),
		rt("POST", "/demands", demandPosters, "发布服务需求（企业；部门代为发布）", w.demandCreate),
		rt("POST", "/demands/from-gaps", demandPosters, "按差距项生成待确认需求", w.demandPropose),
		rt("GET", "/demands/{id}", hubRoles, "服务需求详情与对接", w.demandShow),
		rt("POST", "/demands/{id}/decision", httpx.Only(auth.RoleEnterprise), "企业确认或拒绝差距项推荐的需求", w.demandDecide),
		rt("POST", "/demands/{id}/matches", hubRoles, "为需求推荐（选择）服务产品", w.matchCreate),
		rt("POST", "/matches/{id}/stage", hubRoles, "对接进入下一阶段", w.matchStage),
		rt("POST", "/matches/{id}/delivery", httpx.Only(auth.RoleInstitution), "登记服务交付", w.matchDeliver),
		rt("POST", "/matches/{id}/rating", httpx.Only(auth.RoleEnterprise), "企业评价服务", w.matchRate),
		rt("GET", "/products", hubRoles, "服务产品", w.productList),
		rt("POST", "/products", httpx.Only(auth.RoleInstitution), "发布服务产品", w.productCreate),
		rt("GET", "/packages", hubRoles, "培育服务包", w.packageList),
		rt("GET", "/institutions", hubRoles, "服务机构与年度服务成效", w.institutionList),
		rt("GET", "/institutions/outcomes.xlsx", outcomeRoles, "导出服务机构年度服务成效（Excel）", w.outcomeExport),
		rt("POST", "/institutions/{id}/review", city, "机构入驻审核", w.institutionReview),
		rt("GET", "/research", hubRoles, "科技成果与中试", w.researchList),
		rt("POST", "/research/pilots/{id}/finish", outcomeRoles, "登记中试结果", w.pilotFinish),
		rt("GET", "/bottlenecks", hubRoles, "技术攻关", w.bottleneckList),
		// 免申即享 rewards.
		rt("GET", "/rewards", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "免申即享奖励", w.rewardList),
		rt("POST", "/rewards/runs", city, "试算兑现名单", w.rewardRunCreate),
		rt("GET", "/rewards/runs/{id}", officials, "兑现批次", w.rewardRunShow),
		rt("POST", "/rewards/runs/{id}/{action}", city, "兑现批次操作（提交、审核、公示、确认、导出、撤销）", w.rewardRunAction),
		rt("POST", "/rewards/account", httpx.Only(auth.RoleEnterprise), "企业确认收款账户", w.rewardAccountSave),
		rt("POST", "/rewards/items/{id}/confirm", httpx.Only(auth.RoleEnterprise), "企业确认领取奖励", w.rewardItemConfirm),
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

// evidenceUpload lets a route take one evidence file (plan.MaxEvidence) and
// the form around it.
func evidenceUpload(r httpx.Route) httpx.Route {
	r.MaxBody = plan.MaxEvidence + 1<<20
	return r
}

// notFound answers every path no route serves with the Chinese 404 page.
func (w *Web) notFound(rw http.ResponseWriter, r *http.Request) {
	httpx.Error(rw, r, apperr.Errorf(apperr.ENOTFOUND, "页面不存在：%s", r.URL.Path))
}
