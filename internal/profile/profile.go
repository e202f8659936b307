// Package profile holds the enterprise profile (企业画像): the facts the
// criteria engine reads, in the JSON interchange format of spec/profile.md.
//
// A fact that is absent is unknown, never zero: every optional scalar is a
// pointer, and a nil pointer or nil list means "not provided" (缺数据). An empty
// list ("ip": []) means "provided, and there are none".
package profile

import (
	"fmt"
	"time"
)

// Profile is one enterprise's facts for one evaluation.
type Profile struct {
	USCC        string `json:"uscc"`               // 统一社会信用代码
	Name        string `json:"name"`               // 企业名称
	Region      string `json:"region,omitempty"`   // 注册地行政区划代码 (6 digits)
	Industry    string `json:"industry,omitempty"` // 国民经济行业分类 GB/T 4754-2017, e.g. C3484
	LegalPerson *bool  `json:"legal_person,omitempty"`
	Established *Date  `json:"established,omitempty"` // 成立日期
	NicheSince  *Date  `json:"niche_since,omitempty"` // 从事特定细分市场起始日

	Flags *Flags `json:"flags,omitempty"`

	// Years maps a calendar (fiscal) year to that year's figures.
	Years map[int]*Year `json:"years,omitempty"`

	IP             []IP            `json:"ip"`
	Honors         []Honor         `json:"honors"`
	Titles         []Title         `json:"titles"`
	Awards         []Award         `json:"awards"`
	RDInstitutions []RDInstitution `json:"rd_institutions"`
	Standards      []Standard      `json:"standards"`
	MakerChina     []MakerChina    `json:"maker_china"`

	Quality          *Quality `json:"quality,omitempty"`
	DigitalLevel     *int     `json:"digital_level,omitempty"`       // 中小企业数字化水平等级 1–4
	CoreBusinessOnIS *bool    `json:"core_business_on_is,omitempty"` // 至少1项核心业务采用信息系统支撑
	Product          *Product `json:"product,omitempty"`
	LocalScore       *Dec     `json:"local_score,omitempty"` // 省级特色化指标得分 0–15 (R2022 only)
	RDMethod         string   `json:"rd_method,omitempty"`   // 科技型研发投入口径: sales | cost
}

// R&D scoring bases of 科技型中小企业 (rd_method).
const (
	RDMethodSales = "sales" // 研发费用占销售收入
	RDMethodCost  = "cost"  // 研发费用占成本费用支出总额
)

// Flags are the eligibility facts (负面清单). Each is unknown when nil.
type Flags struct {
	AbnormalList       *bool   `json:"abnormal_list,omitempty"`       // 经营异常名录
	SeriousDishonesty  *bool   `json:"serious_dishonesty,omitempty"`  // 严重失信主体名单
	ProhibitedProduct  *bool   `json:"prohibited_product,omitempty"`  // 禁止/限制/淘汰类产品
	MajorIncident3y    *bool   `json:"major_incident_3y,omitempty"`   // 近三年重大安全、质量、环境事件
	TaxViolation3y     *bool   `json:"tax_violation_3y,omitempty"`    // 近三年偷漏税
	ResearchMisconduct *bool   `json:"research_misconduct,omitempty"` // 严重科研失信 (科技型)
	DataFraudBanUntil  BanDate `json:"data_fraud_ban_until,omitzero"` // 数据造假禁报截止日
	SingleChampion     *bool   `json:"single_champion,omitempty"`     // 已是制造业单项冠军
	GroupConflict      *bool   `json:"group_conflict,omitempty"`      // 与已认定小巨人控股/同集团
}

// Year holds one fiscal year's figures; money in 万元.
type Year struct {
	Revenue          *Dec   `json:"revenue,omitempty"`            // 营业收入
	MainRevenue      *Dec   `json:"main_revenue,omitempty"`       // 主营业务收入
	RDExpense        *Dec   `json:"rd_expense,omitempty"`         // 研发费用
	TotalAssets      *Dec   `json:"total_assets,omitempty"`       // 资产总额 (31 Dec)
	TotalLiabilities *Dec   `json:"total_liabilities,omitempty"`  // 负债总额 (31 Dec)
	NetProfit        *Dec   `json:"net_profit,omitempty"`         // 净利润
	Employees        *int64 `json:"employees,omitempty"`          // 从业人员 / 职工总数
	RDStaff          *int64 `json:"rd_staff,omitempty"`           // 研发人员
	TechStaff        *int64 `json:"tech_staff,omitempty"`         // 科技人员
	EquityFinancing  *Dec   `json:"equity_financing,omitempty"`   // 新增股权融资（合格机构投资者实缴额）
	SalesRevenue     *Dec   `json:"sales_revenue,omitempty"`      // 销售收入 (科技型口径)
	CostExpenseTotal *Dec   `json:"cost_expense_total,omitempty"` // 成本费用支出总额
	PlatformScore    *Dec   `json:"platform_score,omitempty"`     // 专精特新发展评价得分, keyed by assessment year
}

// IP kinds (知识产权类别). Class Ⅰ kinds first.
const (
	InventionPatent   = "invention_patent"
	DefensePatent     = "defense_patent"
	PlantVariety      = "plant_variety"
	CropVariety       = "crop_variety"
	NewDrug           = "new_drug"
	TCMProtected      = "tcm_protected"
	ICLayout          = "ic_layout"
	SoftwareCopyright = "software_copyright"
	UtilityModel      = "utility_model"
	DesignPatent      = "design_patent"
)

// IPClass returns 1 for Ⅰ类, 2 for Ⅱ类 and 0 for an unknown kind.
func IPClass(kind string) int {
	switch kind {
	case InventionPatent, DefensePatent, PlantVariety, CropVariety, NewDrug, TCMProtected, ICLayout:
		return 1
	case SoftwareCopyright, UtilityModel, DesignPatent:
		return 2
	}
	return 0
}

// IP is one item of intellectual property (知识产权).
type IP struct {
	Kind          string `json:"kind"`
	Granted       *Date  `json:"granted,omitempty"`
	Related       bool   `json:"related"`        // 与主导产品相关
	SelfDeveloped bool   `json:"self_developed"` // 自主研发
	HighValue     bool   `json:"high_value"`     // Ⅰ类高价值
	TransferredIn bool   `json:"transferred_in"` // 受让取得
	TransferDate  *Date  `json:"transfer_date,omitempty"`
	HolderRank    int    `json:"holder_rank,omitempty"` // 权利人排名; 0 = not stated (taken as 1)
	Applied       bool   `json:"applied"`               // 已实际应用并产生经济效益 (needs an official's confirmation)
	// Pending marks an application not yet granted (申请中): it is listed
	// with the enterprise's IP but is not 有效知识产权, so no count takes it.
	Pending bool `json:"pending,omitempty"`
}

// Honor kinds (资质荣誉).
const (
	HighTechEnterprise = "high_tech_enterprise"
	TechInnovationDemo = "tech_innovation_demo"
	IPAdvantage        = "ip_advantage"
	IPDemo             = "ip_demo"
	TechSMEHonor       = "tech_sme"
)

// Honor is a qualification with a validity window.
type Honor struct {
	Kind      string `json:"kind"`
	ValidFrom *Date  `json:"valid_from,omitempty"`
	ValidTo   *Date  `json:"valid_to,omitempty"`
}

// Tier names (梯度称号), used by titles and by the engine.
const (
	TierTechSME        = "tech_sme"
	TierInnovative     = "innovative"
	TierSRDI           = "srdi"
	TierLittleGiant    = "little_giant"
	TierKeyLittleGiant = "key_little_giant"
	TierSingleChampion = "single_champion"
)

// Title is a tier title held by the enterprise.
type Title struct {
	Tier       string `json:"tier"`
	Recognized *Date  `json:"recognized,omitempty"`
	ValidTo    *Date  `json:"valid_to,omitempty"`
}

// Levels of awards, R&D institutions and standards. Each list uses the
// subset that spec/profile.md allows for it.
const (
	LevelInternational = "international" // 国际
	LevelNational      = "national"      // 国家级
	LevelProvincial    = "provincial"    // 省部级
	LevelMunicipal     = "municipal"     // 市级
	LevelIndustry      = "industry"      // 行业标准
	LevelGroup         = "group"         // 团体标准
	LevelOther         = "other"         // 其他
)

// Roles in drafting a standard (标准制修订).
const (
	RoleLead        = "lead"        // 主导
	RoleParticipant = "participant" // 参与
)

// Results in the 创客中国 contest.
const (
	MakerNationalTop500 = "national_top500" // 全国500强
	MakerNationalTop50  = "national_top50"  // 全国50强
	MakerRegionalPrize  = "regional_prize"  // 赛区获奖
)

// Award is a science and technology award (科技奖励).
type Award struct {
	Level string `json:"level"` // national | provincial | other
	Year  int    `json:"year"`  // certificate year
	Rank  int    `json:"rank"`  // 单位排名
}

// RDInstitution is a recognised R&D institution (研发机构).
type RDInstitution struct {
	Level string `json:"level"` // national | provincial | municipal | other
	Kind  string `json:"kind,omitempty"`
}

// Standard is a standard the enterprise drafted or revised (标准制修订).
type Standard struct {
	Level string `json:"level"` // international | national | industry | group
	Role  string `json:"role"`  // lead | participant
	Year  int    `json:"year"`
}

// MakerChina is a placing in the 创客中国 contest.
type MakerChina struct {
	Year   int    `json:"year"`
	Result string `json:"result"` // national_top500 | national_top50 | regional_prize
}

// Quality holds the quality and management facts; each unknown when nil.
type Quality struct {
	QualityAward          *bool `json:"quality_award,omitempty"`          // 省级以上质量奖
	QualitySystemCert     *bool `json:"quality_system_cert,omitempty"`    // 质量管理体系认证
	OwnBrand              *bool `json:"own_brand,omitempty"`              // 自主品牌
	StandardParticipation *bool `json:"standard_participation,omitempty"` // 参与制修订标准
	MgmtSystemCert        *bool `json:"mgmt_system_cert,omitempty"`       // 管理体系认证
	DevelopedMarketCert   *bool `json:"developed_market_cert,omitempty"`  // 发达国家和地区产品认证
}

// Product describes the main product (主导产品).
type Product struct {
	Name              string   `json:"name,omitempty"`
	StrategicEmerging *bool    `json:"strategic_emerging,omitempty"` // 属于《战略性新兴产业分类》
	Domains           []string `json:"domains"`                      // nil = unknown
	MarketShare       *Dec     `json:"market_share,omitempty"`       // 全国细分市场占有率 0–1
	MarketRank        *int     `json:"market_rank,omitempty"`        // 国内细分市场排名
}

// Product domains (主导产品所属领域).
const (
	DomainChainKeyLink       = "chain_key_link"
	DomainSixBasics          = "six_basics"
	DomainTimeHonored        = "time_honored"
	DomainServesChainLeader  = "serves_chain_leader"
	DomainManufacturingPower = "manufacturing_power"
	DomainNetworkPower       = "network_power"
	DomainTraditionalUpgrade = "traditional_upgrade"
	DomainEmerging           = "emerging"
	DomainFuture             = "future"
)

// Date is a calendar date without time zone.
type Date struct {
	Y int
	M time.Month
	D int
}

// ParseDate parses YYYY-MM-DD and refuses impossible dates such as 2025-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("not a date in the form YYYY-MM-DD: %q", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// MustDate is ParseDate for constants in tests and examples.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D) }

// Key returns the date as the integer YYYYMMDD, which orders like the date.
func (d Date) Key() int { return d.Y*10000 + int(d.M)*100 + d.D }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Key() < e.Key() }

// IsZero reports whether d is the zero date.
func (d Date) IsZero() bool { return d.Y == 0 }

// MarshalJSON writes the date as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("not a date string: %s", b)
	}
	v, err := ParseDate(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// BanDate is a date that may be explicitly null: absent means unknown, null
// means "no ban" (known), a date means banned until that day.
type BanDate struct {
	Known bool  // the field was present
	Until *Date // nil with Known: no ban
}

// IsZero reports whether the field was absent, for omitzero.
func (b BanDate) IsZero() bool { return !b.Known }

// MarshalJSON writes null or the date.
func (b BanDate) MarshalJSON() ([]byte, error) {
	if b.Until == nil {
		return []byte("null"), nil
	}
	return b.Until.MarshalJSON()
}

// UnmarshalJSON reads null or a date; encoding/json calls it for null too
// because BanDate is not a pointer.
func (b *BanDate) UnmarshalJSON(data []byte) error {
	b.Known = true
	if string(data) == "null" {
		b.Until = nil
		return nil
	}
	var d Date
	if err := d.UnmarshalJSON(data); err != nil {
		return err
	}
	b.Until = &d
	return nil
}
