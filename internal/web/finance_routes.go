package web

import (
	"maps"
	"net/http"
	"net/url"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
	"zjtx/internal/httpx"
)

// financeRoutes are the pages of 专精特新贷: the bank's consenting
// enterprises and referrals, the enterprise's consents and demands, and
// the officials' finance overview.
func (w *Web) financeRoutes() []httpx.Route {
	bank := httpx.Only(auth.RoleBank)
	ent := httpx.Only(auth.RoleEnterprise)
	return []httpx.Route{
		rt("GET", "/bank/enterprises", bank, "授权企业（专精特新贷）", w.bankEnterpriseList),
		rt("GET", "/bank/enterprises/{id}", bank, "授权企业详情与授信登记", w.bankEnterpriseShow),
		rt("POST", "/bank/enterprises/{id}/lines", bank, "登记授信", w.bankLineCreate),
		rt("GET", "/bank/referrals", bank, "融资需求推送", w.bankReferralList),
		rt("POST", "/bank/referrals/{id}/answer", bank, "答复融资需求推送", w.bankReferralAnswer),
		rt("GET", "/finance/consents", ent, "融资授权与需求", w.consentList),
		rt("POST", "/finance/consents", ent, "授权合作银行（确认授权书）", w.consentCreate),
		rt("POST", "/finance/consents/{id}/revoke", ent, "撤回授权", w.consentRevoke),
		rt("POST", "/finance/demands", ent, "发布融资需求", w.financingDemandCreate),
		rt("GET", "/finance", httpx.Only(auth.RoleCity, auth.RoleDistrict), "金融服务：专精特新贷、对接会、基金、保险与补助", w.financeShow),
	}
}

func init() {
	maps.Copy(pageLayouts, map[string]string{"bank_enterprises": "layout", "bank_enterprise": "layout",
		"bank_referrals": "layout", "finance_consents": "layout", "finance_show": "layout"})
	maps.Copy(actionNames, map[string]string{
		"consent.grant": "授权银行查询", "consent.use": "银行查询授权企业", "consent.revoke": "撤回授权",
		"finance_demand.create": "发布融资需求", "referral.push": "推送融资需求", "referral.answer": "银行答复推送",
		"referral.lend": "推送已授信", "credit_line.create": "登记授信", "loan.create": "登记放款",
		"matchmaking.create": "组织政银企对接会", "matchmaking.record": "登记对接会成效",
		"insurance_product.create": "登记专精特新险产品", "insurance_policy.create": "登记保单",
		"fund_project.create": "纳入基金项目储备库", "fund_project.update": "更新基金项目",
		"bridge_request.create": "申请应急周转资金", "bridge_request.approved": "批准应急周转资金",
		"bridge_request.rejected": "不批准应急周转资金", "bridge_request.repaid": "应急周转资金归还",
		"central_fund.create": "登记中央财政资金项目", "central_fund.review": "中央资金分期评审", "central_fund.pay": "中央资金分期拨付",
		"equipment_subsidy.declare": "申报设备软件补助",
	})
}

// backWith sends the browser back to page after a form: a bad input is
// shown there (?error=) instead of an error page, so nothing typed in the
// other forms of the page is lost; other failures are the error page.
func backWith(rw http.ResponseWriter, r *http.Request, page string, err error) {
	if err != nil && !apperr.Is(err, apperr.EINVALID) && !apperr.Is(err, apperr.ECONFLICT) {
		httpx.Error(rw, r, err)
		return
	}
	if err != nil {
		page += "?error=" + url.QueryEscape(apperr.Message(err))
	}
	redirect(rw, r, page)
}

// modeOptions are the 专精特新贷 modes for a select.
func modeOptions() []option {
	out := make([]option, len(finance.Modes))
	for i, m := range finance.Modes {
		out[i] = option{Value: m, Label: finance.ModeZH[m]}
	}
	return out
}

func financeParams() *finance.Params { return finance.Default() }
