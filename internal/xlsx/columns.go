// Package xlsx is the Excel layer of ZJTX: the bulk-import template (导入模板),
// the import of a filled workbook with per-row errors (逐行校验), the
// annotated copy a user fixes and uploads again, and the streaming export of
// an enterprise list that can be imported back.
//
// The columns are described once, in the tables of this file. Template,
// Import, Annotate and Export all read them, so a new column is one line here.
//
// The package is pure: it reads and writes workbooks through io.Reader and
// io.Writer and knows nothing of HTTP or SQL.
package xlsx

import (
	"strings"

	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// Sheet names (工作表). The two data sheets are read by Import; the other two
// explain the template and list the region codes behind the drop-down.
const (
	SheetEnterprise   = "企业"
	SheetYears        = "年度数据"
	SheetInstructions = "填写说明"
	SheetRegions      = "区县代码"
)

// Kind is how a column's cells are read and written.
type Kind int

// Kinds of cells.
const (
	KindText    Kind = iota // free text, trimmed
	KindCode                // a code: trimmed, spaces removed, upper-case (统一社会信用代码, 行业代码)
	KindRegion              // a region name from the drop-down, or its 6-digit code; stored as the code
	KindEnum                // one of Options, by its Chinese label or its code
	KindBool                // 是/否
	KindDate                // an Excel date or YYYY-MM-DD
	KindBanDate             // 无 (no ban) or a date
	KindInt                 // a whole number
	KindYear                // a four-digit year
	KindMoney               // 万元, at most 4 decimals
	KindScore               // a plain decimal (scores), at most 4 decimals
	KindPercent             // a share: 12%, 0.12 or 12 all mean 12 %
	KindDomains             // a set of options separated by 、 or commas; 无 = none
)

// Option is one value of an enumerated column: the profile's code and the
// Chinese label shown in the drop-down.
type Option struct {
	Value string // what SetPath takes: "true", "srdi", "sales"
	Label string // what the user sees: 是, 专精特新中小企业
}

// Column is one column of a data sheet.
//
// Path is the profile path the column fills. Years are written "years.*.key"
// and filled with the 年度 of the row; list columns are written with "[]":
// "titles[].tier" is the enterprise's highest title, and with Elem set,
// "honors[].valid_to" is the honour of that kind. Two paths name fields of the
// record rather than of the profile: PathChain and PathStatus.
type Column struct {
	Header   string // 表头, the official term, with the unit in brackets
	Path     string
	Kind     Kind
	Options  []Option // for KindEnum, KindBool and KindDomains
	Elem     string   // for a list path: the kind of element ("high_tech_enterprise")
	Required bool     // an empty cell is an error
	Min, Max *float64 // the template's data validation; Validate has the final word
	Width    float64
	Note     string // the 填写说明 line
	// ExportOnly columns are written by Export for the reader and ignored
	// by Import: they repeat what other columns hold.
	ExportOnly bool
	// Hidden columns are written by Export as hidden columns and read by
	// Import; the template lacks them (see versionColumn).
	Hidden bool
}

// Paths of the record fields that are not part of the profile.
const (
	PathChain  = "record.chain"  // 产业链
	PathStatus = "record.status" // 企业状态
	// Export-only: the region's code and the highest title valid on the
	// record's last write (Record.Tier).
	PathRegionCode  = "record.region"
	PathCurrentTier = "record.tier"
)

func num(f float64) *float64 { return &f }

// Options of the enumerated columns.
var (
	boolOptions = []Option{{"true", "是"}, {"false", "否"}}

	// TierOptions are the tier titles (梯度称号), lowest first as in
	// enterprise.Tiers, with their official names.
	TierOptions = []Option{
		{profile.TierTechSME, "科技型中小企业"},
		{profile.TierInnovative, "创新型中小企业"},
		{profile.TierSRDI, "专精特新中小企业"},
		{profile.TierLittleGiant, "专精特新“小巨人”企业"},
		{profile.TierKeyLittleGiant, "重点“小巨人”企业"},
		{profile.TierSingleChampion, "制造业单项冠军企业"},
	}

	statusOptions = []Option{
		{string(enterprise.StatusActive), enterprise.StatusActive.Label()},
		{string(enterprise.StatusMovedOut), enterprise.StatusMovedOut.Label()},
		{string(enterprise.StatusClosed), enterprise.StatusClosed.Label()},
	}

	rdMethodOptions = []Option{
		{profile.RDMethodSales, "研发费用占销售收入"},
		{profile.RDMethodCost, "研发费用占成本费用支出总额"},
	}

	// domainOptions are the 主导产品所属领域 of spec/profile.md. The labels
	// contain no list separator (、，,；;).
	domainOptions = []Option{
		{profile.DomainChainKeyLink, "产业链补短板/锻长板/填空白"},
		{profile.DomainSixBasics, "工业六基"},
		{profile.DomainTimeHonored, "中华老字号"},
		{profile.DomainServesChainLeader, "为产业链龙头企业配套"},
		{profile.DomainManufacturingPower, "制造强国战略十大重点产业领域"},
		{profile.DomainNetworkPower, "网络强国建设领域"},
		{profile.DomainTraditionalUpgrade, "传统产业转型升级"},
		{profile.DomainEmerging, "战略性新兴产业"},
		{profile.DomainFuture, "未来产业"},
	}

	digitalLevels = []Option{{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}}
)

func flag(header, key string) Column {
	return Column{Header: header, Path: "flags." + key, Kind: KindBool, Options: boolOptions, Width: 14}
}

func quality(header, key string) Column {
	return Column{Header: header, Path: "quality." + key, Kind: KindBool, Options: boolOptions, Width: 12}
}

func money(header, key string) Column {
	c := Column{Header: header + "（万元）", Path: "years.*." + key, Kind: KindMoney, Min: num(0), Width: 14}
	if key == "net_profit" {
		c.Min = nil // a loss is a negative profit
		c.Note = "亏损填负数"
	}
	return c
}

func staff(header, key string) Column {
	return Column{Header: header + "（人）", Path: "years.*." + key, Kind: KindInt, Min: num(0), Width: 12}
}

// EnterpriseColumns are the columns of sheet 企业, one row per enterprise.
var EnterpriseColumns = []Column{
	{Header: "统一社会信用代码", Path: "uscc", Kind: KindCode, Required: true, Width: 22,
		Note: "18 位，字母大写；同一文件内不得重复"},
	{Header: "企业名称", Path: "name", Kind: KindText, Required: true, Width: 30},
	{Header: "所属区县（市）", Path: "region", Kind: KindRegion, Required: true, Width: 20,
		Note: "从下拉列表选择；也可填写 6 位代码（见「区县代码」表）"},
	{Header: "国民经济行业分类代码", Path: "industry", Kind: KindCode, Width: 14,
		Note: "GB/T 4754-2017，门类字母加 2–4 位数字，如 C3484"},
	{Header: "产业链", Path: PathChain, Kind: KindText, Width: 14},
	{Header: "企业状态", Path: PathStatus, Kind: KindEnum, Options: statusOptions, Width: 10,
		Note: "空白视为在营"},
	{Header: "独立法人资格", Path: "legal_person", Kind: KindBool, Options: boolOptions, Width: 10},
	{Header: "成立日期", Path: "established", Kind: KindDate, Width: 12},
	{Header: "从事特定细分市场起始日", Path: "niche_since", Kind: KindDate, Width: 14},
	flag("列入经营异常名录", "abnormal_list"),
	flag("列入严重失信主体名单", "serious_dishonesty"),
	flag("产品属禁止、限制或淘汰类", "prohibited_product"),
	flag("近三年发生重大安全、质量、环境事件", "major_incident_3y"),
	flag("近三年偷漏税等违法违规", "tax_violation_3y"),
	flag("严重科研失信", "research_misconduct"),
	{Header: "数据造假禁报截止日", Path: "flags.data_fraud_ban_until", Kind: KindBanDate, Width: 14,
		Note: "无禁报填“无”；有禁报填截止日期"},
	flag("已获制造业单项冠军", "single_champion"),
	flag("与已认定小巨人存在控股或同集团关系", "group_conflict"),
	{Header: "中小企业数字化水平等级", Path: "digital_level", Kind: KindInt, Options: digitalLevels,
		Min: num(1), Max: num(4), Width: 12, Note: "1–4 级"},
	{Header: "核心业务采用信息系统支撑", Path: "core_business_on_is", Kind: KindBool, Options: boolOptions, Width: 12},
	{Header: "主导产品名称", Path: "product.name", Kind: KindText, Width: 20},
	{Header: "主导产品属于《战略性新兴产业分类》", Path: "product.strategic_emerging", Kind: KindBool, Options: boolOptions, Width: 14},
	{Header: "主导产品所属领域", Path: "product.domains", Kind: KindDomains, Options: domainOptions, Width: 24,
		Note: "可填多项，用顿号“、”或逗号分隔；均不属于填“无”"},
	{Header: "全国细分市场占有率（%）", Path: "product.market_share", Kind: KindPercent, Min: num(0), Max: num(1), Width: 12,
		Note: "填 12%、0.12 或 12 均表示 12%：带 % 按百分数读；不大于 1 的数按比例读（0.5 即 50%，1 即 100%）；大于 1 的数按百分数读；1% 请填 1% 或 0.01"},
	{Header: "国内细分市场排名", Path: "product.market_rank", Kind: KindInt, Min: num(1), Width: 10},
	quality("省级以上质量奖", "quality_award"),
	quality("质量管理体系认证", "quality_system_cert"),
	quality("自主品牌", "own_brand"),
	quality("参与制修订标准", "standard_participation"),
	quality("管理体系认证", "mgmt_system_cert"),
	quality("发达国家和地区产品认证", "developed_market_cert"),
	{Header: "已获最高梯度称号", Path: "titles[].tier", Kind: KindEnum, Options: TierOptions, Width: 20,
		Note: "只填已获得的最高一级称号；未获得留空"},
	{Header: "称号认定日期", Path: "titles[].recognized", Kind: KindDate, Width: 12},
	{Header: "称号有效期至", Path: "titles[].valid_to", Kind: KindDate, Width: 12},
	{Header: "高新技术企业有效期至", Path: "honors[].valid_to", Elem: profile.HighTechEnterprise, Kind: KindDate, Width: 14,
		Note: "是高新技术企业的，填证书有效期截止日"},
	{Header: "省级特色化指标得分", Path: "local_score", Kind: KindScore, Min: num(0), Max: num(15), Width: 12,
		Note: "0–15 分，仅 2022 年版认定标准使用"},
	{Header: "研发投入评分口径", Path: "rd_method", Kind: KindEnum, Options: rdMethodOptions, Width: 16,
		Note: "科技型中小企业评价用；空白时两种口径都计算，取高者"},
	{Header: "区县代码", Path: PathRegionCode, Kind: KindCode, Width: 10, ExportOnly: true},
	{Header: "当前有效梯度称号", Path: PathCurrentTier, Kind: KindEnum, Options: TierOptions, Width: 20, ExportOnly: true},
}

// YearColumns are the columns of sheet 年度数据, one row per enterprise and
// year, joined to sheet 企业 by 统一社会信用代码.
var YearColumns = []Column{
	{Header: "统一社会信用代码", Path: "uscc", Kind: KindCode, Required: true, Width: 22,
		Note: "须与「企业」表中的代码一致"},
	{Header: "年度", Path: pathYear, Kind: KindYear, Required: true, Min: num(profile.MinYear), Max: num(profile.MaxYear), Width: 8,
		Note: "四位年份；同一企业同一年度只能一行"},
	{Header: "企业名称", Path: "name", Kind: KindText, Width: 30, ExportOnly: true},
	money("营业收入", "revenue"),
	money("主营业务收入", "main_revenue"),
	money("研发费用", "rd_expense"),
	money("资产总额", "total_assets"),
	money("负债总额", "total_liabilities"),
	money("净利润", "net_profit"),
	staff("从业人员", "employees"),
	staff("研发人员", "rd_staff"),
	staff("科技人员", "tech_staff"),
	money("新增股权融资", "equity_financing"),
	money("销售收入", "sales_revenue"),
	money("成本费用支出总额", "cost_expense_total"),
	{Header: "专精特新发展评价得分", Path: "years.*.platform_score", Kind: KindScore, Min: num(0), Max: num(100), Width: 14,
		Note: "国家平台计算的得分，填在计算它的评价年度那一行（不是数据年度）"},
}

// pathYear is the 年度 column of sheet 年度数据: the key of the year.
const pathYear = "years"

// ErrorHeader is the header of the column Annotate adds; Import ignores it.
const ErrorHeader = "错误原因"

// normHeader is the form in which headers are compared: without spaces and
// without a trailing unit in brackets, so "营业收入（万元）", "营业收入(万元)"
// and "营业收入" are the same column.
func normHeader(h string) string {
	h = strings.Join(strings.Fields(h), "")
	for _, open := range []string{"（", "("} {
		if i := strings.LastIndex(h, open); i > 0 && (strings.HasSuffix(h, "）") || strings.HasSuffix(h, ")")) {
			return h[:i]
		}
	}
	return h
}

// optionByText finds the option whose label or value is s.
func optionByText(opts []Option, s string) (Option, bool) {
	for _, o := range opts {
		if o.Label == s || o.Value == s {
			return o, true
		}
	}
	return Option{}, false
}

// optionLabel returns the label of value, or value itself when unknown.
func optionLabel(opts []Option, value string) string {
	for _, o := range opts {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

func labels(opts []Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Label
	}
	return out
}
