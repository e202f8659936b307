package api

import (
	"context"
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// financeRoutes are the routes of 专精特新贷 and the other finance records:
// the consents, the bank's view of consenting enterprises, demands and
// referrals, lines and loans, 政银企对接会, and the bureau's funds.
func (a *API) financeRoutes() []httpx.Route {
	const p = Prefix
	officials := httpx.Only(auth.RoleCity, auth.RoleDistrict)
	bank := httpx.Only(auth.RoleBank)
	ent := httpx.Only(auth.RoleEnterprise)
	return []httpx.Route{
		rt("GET", p+"/bank/enterprises", bank, "本行可查询的授权企业（含额度上限与已用额度）", a.bankEnterpriseList),
		rt("GET", p+"/bank/enterprises/{id}", bank, "授权企业的授权范围内数据", a.bankEnterpriseGet),
		rt("GET", p+"/enterprises/{id}/consents", httpx.LoggedIn, "企业的授权记录", a.consentList),
		rt("POST", p+"/enterprises/{id}/consents", ent, "授权合作银行查询企业信息", a.consentCreate),
		rt("DELETE", p+"/consents/{id}", ent, "撤回授权（立即生效）", a.consentDelete),
		rt("POST", p+"/finance/demands", ent, "发布融资需求并推送所选银行", a.financingDemandCreate),
		rt("GET", p+"/finance/referrals", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise, auth.RoleBank), "融资需求推送记录（含答复、放款时限）", a.referralList),
		rt("POST", p+"/finance/referrals/{id}/answer", bank, "银行答复推送（受理或不予受理）", a.referralAnswer),
		rt("GET", p+"/finance/lines", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise, auth.RoleBank), "授信记录", a.lineList),
		rt("POST", p+"/finance/lines", bank, "登记授信", a.lineCreate),
		rt("GET", p+"/finance/loans", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise, auth.RoleBank), "贷款（借据）记录", a.loanList),
		rt("POST", p+"/finance/loans", bank, "登记放款（借据）", a.loanCreate),
		rt("GET", p+"/finance/totals", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleBank), "专精特新贷统计（按梯度、银行、区县）", a.totalsGet),
		rt("GET", p+"/finance/matchmakings", httpx.LoggedIn, "政银企对接会", a.matchmakingList),
		rt("POST", p+"/finance/matchmakings", officials, "组织政银企对接会（邀请企业与银行）", a.matchmakingCreate),
		rt("POST", p+"/finance/matchmakings/{id}/record", officials, "登记对接会出席与成效", a.matchmakingRecord),
		rt("GET", p+"/finance/overview", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "专精特新险、基金储备、应急周转、中央资金、设备补助", a.overviewGet),
		rt("POST", p+"/finance/insurance-policies", officials, "登记专精特新险保单", a.policyCreate),
		rt("POST", p+"/finance/fund-projects", officials, "纳入或更新基金项目储备库", a.fundProjectSave),
		rt("POST", p+"/finance/bridge-requests", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "申请应急周转资金", a.bridgeCreate),
		rt("POST", p+"/finance/bridge-requests/{id}/decide", officials, "审批应急周转资金申请", a.bridgeDecide),
		rt("POST", p+"/finance/central-projects", httpx.Only(auth.RoleCity), "登记重点小巨人中央财政资金项目（分期）", a.centralCreate),
		rt("POST", p+"/finance/central-projects/{id}/stages/{seq}", httpx.Only(auth.RoleCity), "分期评审或拨付", a.centralStage),
		rt("POST", p+"/finance/subsidies", httpx.Only(auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise), "申报设备软件投资补助（按发票计算）", a.subsidyDeclare),
	}
}

// items writes a list answer: {items, total}.
func items[T any](w http.ResponseWriter, list []T, total int) {
	if list == nil {
		list = []T{}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": list, "total": total})
}

// created writes a new record with 201.
func created(w http.ResponseWriter, v any) { httpx.JSON(w, http.StatusCreated, v) }

// createWith decodes the body into v, saves it through the store and
// answers 201 with the saved record: the create handlers of finance are
// this and nothing more.
func createWith[T any](w http.ResponseWriter, r *http.Request, v *T, save func(context.Context, *T) error) {
	if err := httpx.DecodeJSON(r, v); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := save(r.Context(), v); err != nil {
		httpx.Error(w, r, err)
		return
	}
	created(w, v)
}

// listWith writes what list returns for the optional enterprise_id filter.
func listWith[T any](w http.ResponseWriter, r *http.Request, list func(ctx context.Context, enterpriseID int64, limit, offset int) ([]T, int, error)) {
	q := query(r)
	id, limit, offset := int64(q.int("enterprise_id", 0, 0, 1<<62)), q.int("limit", 50, 1, 500), q.int("offset", 0, 0, 1<<30)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	out, total, err := list(r.Context(), id, limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items(w, out, total)
}
