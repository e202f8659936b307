package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"
	"zjtx/internal/targets"

	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/finance"
	"zjtx/internal/profile"
)

// tierNames are the titles (梯度称号) as the documents name them.
var tierNames = map[string]string{
	"":                         "无称号",
	profile.TierTechSME:        "科技型中小企业",
	profile.TierInnovative:     "创新型中小企业",
	profile.TierSRDI:           "专精特新中小企业",
	profile.TierLittleGiant:    "专精特新“小巨人”企业",
	profile.TierKeyLittleGiant: "重点“小巨人”企业",
	profile.TierSingleChampion: "制造业单项冠军企业",
}

// tierShort are short names for tables and the chart legend.
var tierShort = map[string]string{
	"":                         "无称号",
	profile.TierTechSME:        "科技型",
	profile.TierInnovative:     "创新型",
	profile.TierSRDI:           "专精特新",
	profile.TierLittleGiant:    "小巨人",
	profile.TierKeyLittleGiant: "重点小巨人",
	profile.TierSingleChampion: "单项冠军",
}

// regionShorts are the names the city's chart uses for districts whose
// official names do not fit under a bar: the names officials say.
var regionShorts = map[string]string{
	"410104": "管城区",
	"410171": "经开区",
	"410172": "高新区",
	"410173": "航空港区",
}

// regionShort is a district's short name, or its name.
func (w *Web) regionShort(code string) string {
	if s, ok := regionShorts[code]; ok {
		return s
	}
	return lookupOr(w.region, code)
}

// outcomeClass is the Bootstrap colour of an outcome badge.
var outcomeClass = map[string]string{"pass": "success", "fail": "danger", "missing": "secondary", "review": "warning"}

var honorNames = map[string]string{
	profile.HighTechEnterprise: "高新技术企业",
	profile.TechInnovationDemo: "技术创新示范企业",
	profile.IPAdvantage:        "知识产权优势企业",
	profile.IPDemo:             "知识产权示范企业",
	profile.TechSMEHonor:       "科技型中小企业入库",
}

var levelNames = map[string]string{
	profile.LevelInternational: "国际", profile.LevelNational: "国家级", profile.LevelProvincial: "省级",
	profile.LevelMunicipal: "市级", profile.LevelIndustry: "行业", profile.LevelGroup: "团体", profile.LevelOther: "其他",
}

var domainNames = map[string]string{
	profile.DomainChainKeyLink:       "产业链关键环节（补短板、锻长板、填空白）",
	profile.DomainSixBasics:          "工业“六基”",
	profile.DomainTimeHonored:        "中华老字号",
	profile.DomainServesChainLeader:  "为产业链龙头企业配套",
	profile.DomainManufacturingPower: "制造强国战略十大重点产业领域",
	profile.DomainNetworkPower:       "网络强国建设领域",
	profile.DomainTraditionalUpgrade: "传统产业转型升级",
	profile.DomainEmerging:           "战略性新兴产业",
	profile.DomainFuture:             "未来产业",
}

var actionNames = map[string]string{
	"enterprise.create":      "登记企业",
	"enterprise.update":      "修改企业档案",
	"enterprise.bulk_create": "批量登记企业",
	"assessment.create":      "评价并保存",
	"session.create":         "登录",
	"session.delete":         "退出登录",
	"login.success":          "登录成功",
	"login.failed":           "登录失败",
	"login.locked":           "登录失败，账号锁定",
	"user.create":            "创建账号",
	"user.lock":              "锁定账号",
	"user.unlock":            "解锁账号",
	"user.password":          "修改密码",
	"user.password_reset":    "重置密码",
	"user.update":            "修改账号",
	"user.disable":           "停用账号",
	"user.enable":            "启用账号",
	"api_token.create":       "创建 API 令牌",
	"api_token.revoke":       "吊销 API 令牌",

	"recognition.create":      "登记认定",
	"recognition.update":      "修改认定记录",
	"recognition.delete":      "删除认定记录",
	"recognition.bulk_create": "批量登记认定",
	"backup_list.add":         "纳入后备清单",
	"backup_list.status":      "修改后备清单状态",
	"backup_list.update":      "后备清单纳入规则变更",
	"backup_list.recognize":   "后备清单：已认定",
	"backup_list.drop":        "按规则移出后备清单",
	"population.create":       "上传企业总体",
	"population.import":       "企业总体导入完成",
	"population.evaluate":     "候选企业发现：评价企业总体",
	"impact.create":           "规则变化影响分析",
	"plan.create":             "生成培育辅导计划",
	"plan.task.close":         "办结培育任务（证明材料、重新评价）",
	// The service hub.
	"institution.chains":   "设置服务产业链、优质服务机构清单",
	"institution.review":   "机构入驻审核",
	"expert.create":        "添加志愿服务专家",
	"product.create":       "发布服务产品",
	"product.update":       "修改服务产品",
	"package.create":       "组建培育服务包",
	"research.create":      "发布科技成果",
	"pilot.create":         "登记中试",
	"pilot.finish":         "登记中试结果",
	"bottleneck.create":    "列入技术攻关清单",
	"joint_project.create": "登记联合攻关项目",
	"demand.create":        "发布服务需求",
	"demand.decide":        "企业确认差距项推荐的需求",
	"match.create":         "推荐服务产品",
	"match.contacted":      "对接：已联系",
	"match.signed":         "对接：已签约",
	"match.delivered":      "对接：已交付",
	"match.rated":          "对接：已评价",
}

func lookupOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

func (w *Web) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":        w.assets.url,
		"regionName":   func(code string) string { return lookupOr(w.region, code) },
		"navGroups":    navFor,
		"tierName":     func(t string) string { return lookupOr(tierNames, t) },
		"tierShort":    func(t string) string { return lookupOr(tierShort, t) },
		"outcomeName":  outcomeName,
		"effort":       effortText,
		"options":      optionsHTML,
		"regionSelect": regionSelect,
		"outcomeClass": func(o string) string { return lookupOr(outcomeClass, o) },
		// listOutcome words a stored status as lists show it (符合, 待核实…).
		"listOutcome":    func(st string) string { return enterprise.OutcomeLabel(enterprise.OutcomeOf(st)) },
		"routeName":      routeName,
		"honorName":      func(k string) string { return lookupOr(honorNames, k) },
		"levelName":      func(k string) string { return lookupOr(levelNames, k) },
		"actionName":     func(a string) string { return lookupOr(actionNames, a) },
		"statusName":     func(s enterprise.Status) string { return s.Label() },
		"dec":            fmtDec,
		"datep":          fmtDate,
		"datetime":       fmtTime,
		"intp":           fmtIntPtr,
		"int64p":         fmtInt64Ptr,
		"add":            func(a, b int) int { return a + b },
		"forecastStatus": targets.StatusName,
		"wan":            finance.WanText,  // 分 as 万元
		"yuan":           finance.YuanText, // 分 as 元
		"programmeZH":    programmeZH,      // programme_names.go
	}
}

// fmtDec words an amount in 万元 as the forms do ("1,093.50").
func fmtDec(d *profile.Dec) string {
	if d == nil {
		return "—"
	}
	return criteria.Money(*d)
}

func fmtDate(d *profile.Date) string {
	if d == nil {
		return "—"
	}
	return d.String()
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(cst).Format("2006-01-02 15:04")
}

func fmtIntPtr(n *int) string {
	if n == nil {
		return "—"
	}
	return strconv.Itoa(*n)
}

func fmtInt64Ptr(n *int64) string {
	if n == nil {
		return "—"
	}
	return strconv.FormatInt(*n, 10)
}

// outcomeName words an outcome as the engine's reports do; an unknown word
// is shown as it is.
func outcomeName(o string) string {
	if out, ok := criteria.ParseOutcome(o); ok {
		return criteria.OutcomeZH(out)
	}
	return o
}

// routeName words a route as the engine's reports do.
func routeName(r string) string {
	if zh := criteria.RouteZH(r); zh != "" {
		return zh
	}
	return r
}

// effortText is a gap plan's effort to two decimals, "—" without a plan.
func effortText(e *float64) string {
	if e == nil {
		return "—"
	}
	return strconv.FormatFloat(*e, 'f', 2, 64)
}

// optionsHTML writes the <option>s of a select, the one whose value is
// selected marked so; the filter forms of every list page share it.
func optionsHTML(opts []option, selected string) template.HTML {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(`<option value="` + template.HTMLEscapeString(o.Value) + `"`)
		if o.Value == selected {
			b.WriteString(" selected")
		}
		b.WriteString(">" + template.HTMLEscapeString(o.Label) + "</option>")
	}
	return template.HTML(b.String())
}

// regionSelect is the district filter of the list pages: its label and a
// select of opts with 全部 first and selected marked.
func regionSelect(opts []option, selected string) template.HTML {
	return `<label class="form-label small" for="region">区县（市）/开发区</label>` +
		`<select class="form-select" id="region" name="region"><option value="">全部</option>` +
		optionsHTML(opts, selected) + `</select>`
}
