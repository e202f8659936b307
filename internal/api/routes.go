package api

import (
	"net/http"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
	"zjtx/internal/reward"
	"zjtx/internal/xlsx"
)

// routeTable is every route of the API. Access is the coarse gate; which
// enterprises a caller sees is the store's district scope.
func (a *API) routeTable() []httpx.Route {
	const p = Prefix
	officials := httpx.Only(auth.RoleCity, auth.RoleDistrict)
	city := httpx.Only(auth.RoleCity)
	baolianReaders := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise)
	// Banks take no part in the service hub.
	hubRoles := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleInstitution, auth.RoleEnterprise)
	hubManagers := httpx.Only(auth.RoleCity, auth.RoleInstitution)
	demandPosters := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise)
	outcomeRoles := httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleInstitution)
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
		rt("GET", p+"/review", officials, "回头看：各区县未明确主包、未制定计划、任务/走访/诉求逾期、称号到期、风险预警的企业数（全市 4101 及区县）", a.reviewList),
		rt("GET", p+"/jobs/{id}", httpx.LoggedIn, "后台任务进度", a.jobGet),
		rt("POST", p+"/backup-lists/refresh", officials, "按纳入规则刷新后备清单（后台任务）", a.backupListRefresh),
		rt("GET", p+"/backup-lists/{tier}", officials, "后备清单", a.backupListList),
		rt("POST", p+"/backup-lists/{tier}", officials, "手工纳入后备清单", a.backupListAdd),
		rt("POST", p+"/backup-lists/{tier}/bulk", officials, "按统一社会信用代码批量纳入后备清单", a.backupListBulk),
		rt("PATCH", p+"/backup-lists/{tier}/{enterprise_id}", officials, "修改后备清单状态", a.backupListUpdate),
		// Targets, forecast and quotas (培育目标): see internal/targets.
		rt("GET", p+"/targets", officials, "年度培育目标：目标数、已认定、预测（全市 4101 及区县）", a.targetList),
		rt("PUT", p+"/targets", city, "设定或修改年度培育目标（按版本）", a.targetSet),
		rt("GET", p+"/targets/quota", officials, "强化结果运用：省级专精特新申报推荐名额分配", a.targetQuota),
		// Cultivation plans (培育辅导计划).
		rt("GET", p+"/enterprises/{id}/plans", httpx.LoggedIn, "企业的培育辅导计划", a.planList),
		rt("POST", p+"/enterprises/{id}/plans", officials, "按差距生成培育辅导计划", a.planCreate),
		{Method: "POST", Pattern: p + "/plans/{plan}/tasks/{task}/close", Access: officials, Summary: "上传证明材料并办结培育任务（重新评价）",
			Handler: a.planTaskClose, MaxBody: plan.MaxEvidence + 1<<20},
		rt("GET", p+"/evidence/{id}", httpx.LoggedIn, "下载证明材料", a.evidenceGet),
		rt("GET", p+"/plan-tasks", httpx.Only(auth.RoleInstitution), "本机构承担的培育任务", a.planTaskOwned),
		// 包联帮扶: officials beside enterprises, visits, the issue ledger (诉求台账).
		rt("GET", p+"/assignments", baolianReaders, "包联干部安排列表", a.assignmentList),
		rt("POST", p+"/assignments", officials, "指定包联干部（主包/协包）", a.assignmentCreate),
		rt("POST", p+"/assignments/bulk", officials, "按后备清单及筛选条件批量指定包联干部", a.assignmentBulk),
		rt("GET", p+"/assignments/workload", officials, "包联工作量与诉求办结率、按期办结率、满意率", a.assignmentWorkload),
		rt("PATCH", p+"/assignments/{id}", officials, "结束包联", a.assignmentUpdate),
		rt("GET", p+"/visits", baolianReaders, "走访记录列表", a.visitList),
		rt("POST", p+"/visits", officials, "登记走访（可同时登记诉求）", a.visitCreate),
		rt("GET", p+"/appeals", baolianReaders, "诉求台账", a.appealList),
		rt("POST", p+"/appeals", baolianReaders, "登记诉求（企业账号：本企业诉求）", a.appealCreate),
		rt("GET", p+"/appeals/{id}", baolianReaders, "诉求详情及办理记录", a.appealGet),
		rt("POST", p+"/appeals/{id}/actions", officials, "办理诉求：交办、反馈、延期、办结、回访、销号、升级", a.appealAct),
		rt("GET", p+"/populations", officials, "企业总体列表", a.populationList),
		{Method: "POST", Pattern: p + "/populations", Access: officials, Summary: "导入企业总体（Excel 或 CSV，后台任务）",
			Handler: a.populationCreate, MaxBody: xlsx.MaxCSVSize},
		rt("GET", p+"/discovery", officials, "候选企业发现：按差距工作量排序", a.discoveryList),
		rt("GET", p+"/impact", officials, "规则变化影响分析（两个规则集下的企业总体）", a.impactGet),
		rt("GET", p+"/policies", officials, "政策文件库检索", a.policyList),
		rt("POST", p+"/policies", city, "新增政策文件", a.policySave),
		rt("GET", p+"/policies/{id}", officials, "政策文件（含全文）", a.policyGet),
		rt("PUT", p+"/policies/{id}", city, "修改政策文件", a.policySave),
		rt("GET", p+"/carriers", officials, "创新载体列表", a.carrierList),
		rt("GET", p+"/clusters", officials, "特色产业集群及梯度覆盖", a.clusterList),
		rt("GET", p+"/parks/{id}/ranking", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "产业园用地需求的亩均效益排序", a.parkRanking),
		rt("POST", p+"/parks/{id}/applications", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "提交扩产用地需求", a.parkApply),
		rt("GET", p+"/cases", officials, "典型案例（含草稿）", a.caseList),
		rt("GET", p+"/showcase", httpx.Public, "已发布的典型案例（公开）", a.showcaseList),
		// The service hub (一张网): supply, demands and the funnel; scope in the store.
		rt("GET", p+"/institutions", hubRoles, "服务机构列表", a.institutionList),
		rt("GET", p+"/institutions/outcomes", outcomeRoles, "服务机构年度服务成效（考核）", a.outcomeList),
		rt("GET", p+"/institutions/{id}", hubRoles, "服务机构详情（服务产业链、优质服务机构清单、专家团）", a.institutionGet),
		rt("PUT", p+"/institutions/{id}/chains", hubManagers, "设置服务产业链（市工信局另设优质服务机构清单）", a.institutionChains),
		rt("POST", p+"/institutions/{id}/review", city, "机构入驻审核（通过、暂停）", a.institutionReview),
		rt("POST", p+"/institutions/{id}/experts", hubManagers, "添加志愿服务专家", a.expertCreate),
		rt("GET", p+"/products", hubRoles, "服务产品列表", a.productList),
		rt("POST", p+"/products", hubManagers, "发布服务产品", a.productCreate),
		rt("GET", p+"/products/{id}", hubRoles, "服务产品详情", a.productGet),
		rt("PUT", p+"/products/{id}", hubManagers, "修改服务产品", a.productUpdate),
		rt("GET", p+"/packages", hubRoles, "培育服务包列表", a.packageList),
		rt("POST", p+"/packages", city, "组建培育服务包", a.packageCreate),
		rt("GET", p+"/packages/products", hubRoles, "某梯度、产业链的服务包中的服务产品", a.packageProducts),
		rt("GET", p+"/demands", hubRoles, "服务需求列表", a.demandList),
		rt("POST", p+"/demands", demandPosters, "发布服务需求（企业；部门代为发布）", a.demandCreate),
		rt("POST", p+"/demands/from-gaps", demandPosters, "按最近一次评价的差距项生成待确认需求", a.demandPropose),
		rt("GET", p+"/demands/{id}", hubRoles, "服务需求详情（对接记录、推荐产品）", a.demandGet),
		rt("POST", p+"/demands/{id}/decision", httpx.Only(auth.RoleEnterprise), "企业确认或拒绝差距项推荐的需求", a.demandDecide),
		rt("POST", p+"/match", hubRoles, "按需求描述匹配服务产品（附匹配理由）", a.matchQuery),
		rt("GET", p+"/matches", hubRoles, "对接记录列表", a.matchList),
		rt("POST", p+"/matches", hubRoles, "为需求推荐服务产品", a.matchCreate),
		rt("GET", p+"/matches/{id}", hubRoles, "对接记录详情（交付记录）", a.matchGet),
		rt("POST", p+"/matches/{id}/stage", hubRoles, "对接进入下一阶段（已联系、已签约）", a.matchStage),
		rt("POST", p+"/matches/{id}/delivery", httpx.Only(auth.RoleInstitution), "登记服务交付及佐证", a.matchDeliver),
		rt("POST", p+"/matches/{id}/rating", httpx.Only(auth.RoleEnterprise), "企业评价服务", a.matchRate),
		// 免申即享 rewards: the city prepares and a different city official
		// approves; scope and the roles of each step are the store's.
		rt("GET", p+"/reward-policies", httpx.LoggedIn, "免申即享奖励政策", a.rewardPolicyList),
		rt("POST", p+"/reward-policies", officials, "登记奖励政策（区县自有政策等）", a.rewardPolicyCreate),
		rt("GET", p+"/reward-runs", officials, "兑现批次列表", a.rewardRunList),
		rt("POST", p+"/reward-runs", city, "试算：按政策生成兑现名单（含不予兑付原因）", a.rewardRunCreate),
		rt("GET", p+"/reward-runs/{id}", officials, "兑现批次及名单", a.rewardRunGet),
		rt("POST", p+"/reward-runs/{id}/submit", city, "提交审核", a.rewardRunChange(reward.ActSubmit)),
		rt("POST", p+"/reward-runs/{id}/approve", city, "审核通过（审核人不能是试算人）", a.rewardRunChange(reward.ActApprove)),
		rt("POST", p+"/reward-runs/{id}/return", city, "退回试算人", a.rewardRunChange(reward.ActReturn)),
		rt("POST", p+"/reward-runs/{id}/publicize", city, "发布公示（5–7 个工作日）", a.rewardRunChange(reward.ActPublicize)),
		rt("POST", p+"/reward-runs/{id}/close-publicity", city, "公示期满，结束公示", a.rewardRunChange(reward.ActClose)),
		rt("POST", p+"/reward-runs/{id}/start-confirmation", city, "开始企业账户确认", a.rewardRunChange(reward.ActConfirming)),
		rt("POST", p+"/reward-runs/{id}/export", city, "生成拨付清单（未确认的逾期）", a.rewardRunChange(reward.ActExport)),
		rt("POST", p+"/reward-runs/{id}/cancel", city, "撤销兑现批次（出清单前）", a.rewardRunChange(reward.ActCancel)),
		rt("GET", p+"/reward-runs/{id}/payments.xlsx", officials, "下载拨付清单（Excel）", a.rewardRunPayments),
		rt("POST", p+"/reward-runs/{id}/payments", city, "登记拨付结果（成功或失败）", a.rewardPaymentRecord),
		rt("GET", p+"/reward-runs/{id}/objections", officials, "公示异议列表", a.rewardObjectionList),
		rt("GET", p+"/reward-items", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "奖励名单条目（企业：本企业的全部记录及原因）", a.rewardItemList),
		rt("POST", p+"/reward-items/{id}/objections", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "登记公示异议", a.rewardObjectionCreate),
		rt("POST", p+"/reward-items/{id}/confirm", httpx.Only(auth.RoleEnterprise), "企业确认领取（收款账户、承诺书）", a.rewardItemChange("confirm")),
		rt("POST", p+"/reward-items/{id}/waive", httpx.Only(auth.RoleEnterprise), "企业声明放弃", a.rewardItemChange("waive")),
		rt("POST", p+"/reward-objections/{id}/decide", city, "处理异议（维持或撤销）", a.rewardObjectionDecide),
		rt("GET", p+"/enterprises/{id}/reward-account", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "收款账户（脱敏）", a.rewardAccountGet),
		rt("PUT", p+"/enterprises/{id}/reward-account", httpx.Only(auth.RoleEnterprise), "企业确认收款账户（户名须为企业名称）", a.rewardAccountPut),
		{Method: "POST", Pattern: p + "/reward-payments/import", Access: city, Summary: "导入历史兑付记录（Excel）",
			Handler: a.rewardPaymentImport, MaxBody: httpx.MaxUploadBody},
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
