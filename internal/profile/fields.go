package profile

import (
	"strconv"
	"strings"
)

// The format is described once, as tables of fields. Decode, Validate, the
// path operations (SetPath, GetPath…) and the Chinese field names all read
// these tables, so a new field is one line here plus its struct field.

// field describes one scalar JSON field of the struct T.
//
// ref returns a pointer to the Go field; its type decides how the value is
// read from JSON and from SetPath text: *string, *bool, **bool, *int, **int,
// **int64, **Dec, **Date or *BanDate. A type switch over these few pointer
// types replaces reflection.
type field[T any] struct {
	key    string
	zh     string   // Chinese name, shown in messages and forms
	unit   string   // "万元", "人" or ""
	enum   []string // allowed values of a string field; nil means free text
	req    bool     // a string that must not be empty, or a whole number that must not be 0
	lo, hi *Dec     // inclusive bounds of a number; nil means unbounded
	ref    func(*T) any
}

func bound(n int64) *Dec { d := DecFromInt(n); return &d }

var (
	zero  = bound(0)
	one   = bound(1)
	minYr = bound(MinYear)
	maxYr = bound(MaxYear)
)

const (
	unitWY = "万元" // money
	unitP  = "人"  // headcounts
)

// Years, as JSON keys and as the year of an award or a standard, and the
// years of dates, must lie in this range: anything else is a typing error.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Enumerations of spec/profile.md.
var (
	ipKinds = []string{InventionPatent, DefensePatent, PlantVariety, CropVariety, NewDrug, TCMProtected,
		ICLayout, SoftwareCopyright, UtilityModel, DesignPatent}
	honorKinds      = []string{HighTechEnterprise, TechInnovationDemo, IPAdvantage, IPDemo, TechSMEHonor}
	tiers           = []string{TierTechSME, TierInnovative, TierSRDI, TierLittleGiant, TierKeyLittleGiant, TierSingleChampion}
	awardLevels     = []string{LevelNational, LevelProvincial, LevelOther}
	instLevels      = []string{LevelNational, LevelProvincial, LevelMunicipal, LevelOther}
	standardLevels  = []string{LevelInternational, LevelNational, LevelIndustry, LevelGroup}
	standardRoles   = []string{RoleLead, RoleParticipant}
	makerResults    = []string{MakerNationalTop500, MakerNationalTop50, MakerRegionalPrize}
	productDomains  = []string{DomainChainKeyLink, DomainSixBasics, DomainTimeHonored, DomainServesChainLeader, DomainManufacturingPower, DomainNetworkPower, DomainTraditionalUpgrade, DomainEmerging, DomainFuture}
	rdMethods       = []string{RDMethodSales, RDMethodCost}
	profileComposed = []string{"flags", "years", "quality", "product"}
)

var profileFields = []field[Profile]{
	{key: "uscc", zh: "统一社会信用代码", req: true, ref: func(p *Profile) any { return &p.USCC }},
	{key: "name", zh: "企业名称", req: true, ref: func(p *Profile) any { return &p.Name }},
	{key: "region", zh: "注册地行政区划代码", ref: func(p *Profile) any { return &p.Region }},
	{key: "industry", zh: "国民经济行业分类代码", ref: func(p *Profile) any { return &p.Industry }},
	{key: "legal_person", zh: "独立法人资格", ref: func(p *Profile) any { return &p.LegalPerson }},
	{key: "established", zh: "成立日期", ref: func(p *Profile) any { return &p.Established }},
	{key: "niche_since", zh: "从事特定细分市场起始日", ref: func(p *Profile) any { return &p.NicheSince }},
	{key: "digital_level", zh: "中小企业数字化水平等级", lo: one, hi: bound(4), ref: func(p *Profile) any { return &p.DigitalLevel }},
	{key: "core_business_on_is", zh: "核心业务采用信息系统支撑", ref: func(p *Profile) any { return &p.CoreBusinessOnIS }},
	{key: "local_score", zh: "省级特色化指标得分", lo: zero, hi: bound(15), ref: func(p *Profile) any { return &p.LocalScore }},
	{key: "rd_method", zh: "研发投入评分口径", enum: rdMethods, ref: func(p *Profile) any { return &p.RDMethod }},
}

var flagsFields = []field[Flags]{
	{key: "abnormal_list", zh: "列入经营异常名录", ref: func(f *Flags) any { return &f.AbnormalList }},
	{key: "serious_dishonesty", zh: "列入严重失信主体名单", ref: func(f *Flags) any { return &f.SeriousDishonesty }},
	{key: "prohibited_product", zh: "产品属禁止、限制或淘汰类", ref: func(f *Flags) any { return &f.ProhibitedProduct }},
	{key: "major_incident_3y", zh: "近三年发生重大安全、质量、环境事件", ref: func(f *Flags) any { return &f.MajorIncident3y }},
	{key: "tax_violation_3y", zh: "近三年偷漏税等违法违规", ref: func(f *Flags) any { return &f.TaxViolation3y }},
	{key: "research_misconduct", zh: "严重科研失信", ref: func(f *Flags) any { return &f.ResearchMisconduct }},
	{key: "data_fraud_ban_until", zh: "数据造假禁报截止日", ref: func(f *Flags) any { return &f.DataFraudBanUntil }},
	{key: "single_champion", zh: "已获制造业单项冠军", ref: func(f *Flags) any { return &f.SingleChampion }},
	{key: "group_conflict", zh: "与已认定小巨人存在控股或同集团关系", ref: func(f *Flags) any { return &f.GroupConflict }},
}

var yearFields = []field[Year]{
	{key: "revenue", zh: "营业收入", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.Revenue }},
	{key: "main_revenue", zh: "主营业务收入", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.MainRevenue }},
	{key: "rd_expense", zh: "研发费用", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.RDExpense }},
	{key: "total_assets", zh: "资产总额", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.TotalAssets }},
	{key: "total_liabilities", zh: "负债总额", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.TotalLiabilities }},
	// A loss is a negative net profit: no lower bound.
	{key: "net_profit", zh: "净利润", unit: unitWY, ref: func(y *Year) any { return &y.NetProfit }},
	{key: "employees", zh: "从业人员数", unit: unitP, lo: zero, ref: func(y *Year) any { return &y.Employees }},
	{key: "rd_staff", zh: "研发人员数", unit: unitP, lo: zero, ref: func(y *Year) any { return &y.RDStaff }},
	{key: "tech_staff", zh: "科技人员数", unit: unitP, lo: zero, ref: func(y *Year) any { return &y.TechStaff }},
	{key: "equity_financing", zh: "新增股权融资", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.EquityFinancing }},
	{key: "sales_revenue", zh: "销售收入", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.SalesRevenue }},
	{key: "cost_expense_total", zh: "成本费用支出总额", unit: unitWY, lo: zero, ref: func(y *Year) any { return &y.CostExpenseTotal }},
	{key: "platform_score", zh: "专精特新发展评价得分", lo: zero, hi: bound(100), ref: func(y *Year) any { return &y.PlatformScore }},
}

var qualityFields = []field[Quality]{
	{key: "quality_award", zh: "省级以上质量奖", ref: func(q *Quality) any { return &q.QualityAward }},
	{key: "quality_system_cert", zh: "质量管理体系认证", ref: func(q *Quality) any { return &q.QualitySystemCert }},
	{key: "own_brand", zh: "自主品牌", ref: func(q *Quality) any { return &q.OwnBrand }},
	{key: "standard_participation", zh: "参与制修订标准", ref: func(q *Quality) any { return &q.StandardParticipation }},
	{key: "mgmt_system_cert", zh: "管理体系认证", ref: func(q *Quality) any { return &q.MgmtSystemCert }},
	{key: "developed_market_cert", zh: "发达国家和地区产品认证", ref: func(q *Quality) any { return &q.DevelopedMarketCert }},
}

// productFields are the scalars of product; product.domains is a list.
var productFields = []field[Product]{
	{key: "name", zh: "主导产品名称", ref: func(p *Product) any { return &p.Name }},
	{key: "strategic_emerging", zh: "属于《战略性新兴产业分类》", ref: func(p *Product) any { return &p.StrategicEmerging }},
	{key: "market_share", zh: "全国细分市场占有率", lo: zero, hi: one, ref: func(p *Product) any { return &p.MarketShare }},
	{key: "market_rank", zh: "国内细分市场排名", lo: one, ref: func(p *Product) any { return &p.MarketRank }},
}

var ipFields = []field[IP]{
	{key: "kind", zh: "知识产权类别", enum: ipKinds, req: true, ref: func(e *IP) any { return &e.Kind }},
	{key: "granted", zh: "授权日期", ref: func(e *IP) any { return &e.Granted }},
	{key: "related", zh: "与主导产品相关", ref: func(e *IP) any { return &e.Related }},
	{key: "self_developed", zh: "自主研发", ref: func(e *IP) any { return &e.SelfDeveloped }},
	{key: "high_value", zh: "Ⅰ类高价值", ref: func(e *IP) any { return &e.HighValue }},
	{key: "transferred_in", zh: "受让取得", ref: func(e *IP) any { return &e.TransferredIn }},
	{key: "transfer_date", zh: "受让日期", ref: func(e *IP) any { return &e.TransferDate }},
	// 0 means "not stated"; the engine takes it as rank 1.
	{key: "holder_rank", zh: "权利人排名", lo: zero, ref: func(e *IP) any { return &e.HolderRank }},
	{key: "applied", zh: "已实际应用并产生经济效益", ref: func(e *IP) any { return &e.Applied }},
	{key: "pending", zh: "申请中（尚未授权）", ref: func(e *IP) any { return &e.Pending }},
}

var honorFields = []field[Honor]{
	{key: "kind", zh: "资质荣誉类别", enum: honorKinds, req: true, ref: func(e *Honor) any { return &e.Kind }},
	{key: "valid_from", zh: "有效期起", ref: func(e *Honor) any { return &e.ValidFrom }},
	{key: "valid_to", zh: "有效期止", ref: func(e *Honor) any { return &e.ValidTo }},
}

var titleFields = []field[Title]{
	{key: "tier", zh: "梯度称号", enum: tiers, req: true, ref: func(e *Title) any { return &e.Tier }},
	{key: "recognized", zh: "认定日期", ref: func(e *Title) any { return &e.Recognized }},
	{key: "valid_to", zh: "有效期止", ref: func(e *Title) any { return &e.ValidTo }},
}

var awardFields = []field[Award]{
	{key: "level", zh: "奖励级别", enum: awardLevels, req: true, ref: func(e *Award) any { return &e.Level }},
	{key: "year", zh: "获奖年份", req: true, lo: minYr, hi: maxYr, ref: func(e *Award) any { return &e.Year }},
	// 0 means "not stated".
	{key: "rank", zh: "单位排名", lo: zero, ref: func(e *Award) any { return &e.Rank }},
}

var instFields = []field[RDInstitution]{
	{key: "level", zh: "研发机构级别", enum: instLevels, req: true, ref: func(e *RDInstitution) any { return &e.Level }},
	{key: "kind", zh: "研发机构类型", ref: func(e *RDInstitution) any { return &e.Kind }},
}

var standardFields = []field[Standard]{
	{key: "level", zh: "标准级别", enum: standardLevels, req: true, ref: func(e *Standard) any { return &e.Level }},
	{key: "role", zh: "主导或参与", enum: standardRoles, req: true, ref: func(e *Standard) any { return &e.Role }},
	{key: "year", zh: "发布年份", req: true, lo: minYr, hi: maxYr, ref: func(e *Standard) any { return &e.Year }},
}

var makerFields = []field[MakerChina]{
	{key: "year", zh: "参赛年份", req: true, lo: minYr, hi: maxYr, ref: func(e *MakerChina) any { return &e.Year }},
	{key: "result", zh: "名次", enum: makerResults, req: true, ref: func(e *MakerChina) any { return &e.Result }},
}

func lookup[T any](fields []field[T], key string) (*field[T], bool) {
	for i := range fields {
		if fields[i].key == key {
			return &fields[i], true
		}
	}
	return nil, false
}

// FieldInfo describes one path of the format, for forms, reports and gap
// plans ("研发费用增至 150 万元").
type FieldInfo struct {
	Pattern string   // the path with years as "*" and list indexes as "[]": "years.*.rd_expense"
	Label   string   // Chinese name (中文名称)
	Unit    string   // "万元", "人" or ""
	Kind    string   // "string", "bool", "date", "date_or_null", "decimal", "integer", "object", "list"
	Enum    []string // allowed values; nil when free
}

var infos = map[string]FieldInfo{}

func addInfos[T any](prefix string, fields []field[T]) {
	var zeroT T
	for _, f := range fields {
		pat := join(prefix, f.key)
		infos[pat] = FieldInfo{Pattern: pat, Label: f.zh, Unit: f.unit, Kind: refKind(f.ref(&zeroT)), Enum: f.enum}
	}
}

func addInfo(pat, kind, label string) { infos[pat] = FieldInfo{Pattern: pat, Label: label, Kind: kind} }

func init() {
	addInfos("", profileFields)
	addInfo("flags", "object", "负面清单与资格情况")
	addInfos("flags", flagsFields)
	addInfo("years", "object", "年度数据")
	addInfo("years.*", "object", "年度数据")
	addInfos("years.*", yearFields)
	addInfo("quality", "object", "质量与管理")
	addInfos("quality", qualityFields)
	addInfo("product", "object", "主导产品")
	addInfos("product", productFields)
	addInfo("product.domains", "list", "主导产品所属领域")
	infos["product.domains[]"] = FieldInfo{Pattern: "product.domains[]", Label: "主导产品所属领域", Kind: "string", Enum: productDomains}
	for _, l := range lists {
		l.addInfos()
	}
}

// Describe returns what the format says about path, which may be concrete
// ("years.2025.rd_expense", "ip[2].kind") or a pattern ("years.*.rd_expense").
func Describe(path string) (FieldInfo, bool) {
	fi, ok := infos[pattern(path)]
	return fi, ok
}

// Label returns the Chinese name of the field at path, or "" for an unknown path.
func Label(path string) string { return infos[pattern(path)].Label }

// pattern turns a concrete path into its pattern: the segment after "years"
// becomes "*" and list indexes become "[]".
func pattern(path string) string {
	if !strings.ContainsAny(path, "[") && !strings.HasPrefix(path, "years.") {
		return path
	}
	segs := strings.Split(path, ".")
	for i, s := range segs {
		if i > 0 && segs[i-1] == "years" {
			segs[i] = "*"
			continue
		}
		if j := strings.IndexByte(s, '['); j >= 0 && strings.HasSuffix(s, "]") {
			segs[i] = s[:j] + "[]"
		}
	}
	return strings.Join(segs, ".")
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func refKind(ref any) string {
	switch ref.(type) {
	case *string:
		return "string"
	case *bool, **bool:
		return "bool"
	case **Date:
		return "date"
	case *BanDate:
		return "date_or_null"
	case **Dec:
		return "decimal"
	case *int, **int, **int64:
		return "integer"
	}
	panic("profile: field of unsupported type")
}
