package criteria

import (
	"strconv"

	"zjtx/internal/profile"
)

// Ctx is the context of one evaluation: the profile, the assessment date, the
// data year Y and the application type. The engine reads no clock: as_of is
// an argument.
type Ctx struct {
	P      *profile.Profile
	AsOf   profile.Date
	Y      int
	Review bool
	yrs    [5]*profile.Year // Y−3 … Y+1, resolved once per evaluation

	// Metric values shared by several rule sets (eligibility flags, the SME
	// test, revenue…) are computed once per enterprise: memo holds them, valid
	// while their gen equals gen, which changes whenever the profile, date,
	// data year or application type does.
	memoGen []uint32
	memoVal []Value
	gen     uint32
	ipMemo  [2]struct {
		gen uint32
		key ipKey
		n   ipCounts
	}
	ipNext int
}

// ipKey is the rule-set parameters IP counting depends on.
type ipKey struct{ transfer, rank, class2Years int }

// value returns the metric value of a memo slot (−1: not memoised).
func (c *Ctx) value(slot int32, f evalFn) Value {
	if slot < 0 {
		return f(c)
	}
	if int(slot) >= len(c.memoGen) {
		n := int(slot) + 1
		c.memoGen = append(c.memoGen, make([]uint32, n-len(c.memoGen))...)
		c.memoVal = append(c.memoVal, make([]Value, n-len(c.memoVal))...)
	} else if c.memoGen[slot] == c.gen {
		return c.memoVal[slot]
	}
	v := f(c)
	c.memoGen[slot], c.memoVal[slot] = c.gen, v
	return v
}

// NewCtx prepares an evaluation context.
func NewCtx(p *profile.Profile, asOf profile.Date, dataYear int, review bool) *Ctx {
	c := &Ctx{}
	c.Reset(p, asOf, dataYear, review)
	return c
}

// Reset reuses c for another evaluation without allocating. A profile is
// taken as unchanged while its pointer is the same: after changing a profile
// in place, evaluate it with a new Ctx.
func (c *Ctx) Reset(p *profile.Profile, asOf profile.Date, dataYear int, review bool) {
	if p == c.P && asOf == c.AsOf && dataYear == c.Y && review == c.Review && c.gen != 0 {
		return // the same evaluation context: keep the years and the memo
	}
	c.gen++
	c.P, c.AsOf, c.Y, c.Review = p, asOf, dataYear, review
	for i := range c.yrs {
		c.yrs[i] = p.Years[dataYear-3+i]
	}
}

// refresh forgets memoised values and re-reads the years: the profile was
// changed in place (a gap search's scratch copy).
func (c *Ctx) refresh() {
	c.gen++
	for i := range c.yrs {
		c.yrs[i] = c.P.Years[c.Y-3+i]
	}
}

// year returns the figures of year Y+off, or nil when the year is absent.
func (c *Ctx) year(off int) *profile.Year {
	if i := off + 3; i >= 0 && i < len(c.yrs) {
		return c.yrs[i]
	}
	return c.P.Years[c.Y+off]
}

// unit is the unit of a metric, used to check thresholds and to word needs.
type unit uint8

const (
	uMoney   unit = iota // 万元
	uRatio               // a share, written with % in rule files
	uCount               // 项
	uPersons             // 人
	uYears               // 年
	uLevel               // an ordinal grade
	uBool                // yes / no
	uPoints              // 分
	uRank                // 名
)

var unitZH = [...]string{uMoney: "万元", uRatio: "", uCount: "项", uPersons: "人", uYears: "年", uLevel: "级", uBool: "", uPoints: "分", uRank: "名"}

// field is one yearly figure of the profile (years.Y.<name>).
type field struct {
	id   uint8
	name string // JSON name
	zh   string // 中文名
	unit unit
	dec  func(*profile.Year) **profile.Dec
	cnt  func(*profile.Year) **int64
}

// scale is the number of raw units in 1 (Dec: 10,000; persons: 1).
func (f *field) scale() int64 {
	if f.dec != nil {
		return profile.DecScale
	}
	return 1
}

func (f *field) get(y *profile.Year) (int64, bool) {
	if y == nil {
		return 0, false
	}
	// A switch on a small integer beats an indirect call on the hot path.
	var d *profile.Dec
	var n *int64
	switch f.id {
	case idRevenue:
		d = y.Revenue
	case idMainRevenue:
		d = y.MainRevenue
	case idRD:
		d = y.RDExpense
	case idAssets:
		d = y.TotalAssets
	case idLiabilities:
		d = y.TotalLiabilities
	case idNetProfit:
		d = y.NetProfit
	case idEquity:
		d = y.EquityFinancing
	case idSales:
		d = y.SalesRevenue
	case idCost:
		d = y.CostExpenseTotal
	case idPlatform:
		d = y.PlatformScore
	case idEmployees:
		n = y.Employees
	case idRDStaff:
		n = y.RDStaff
	case idTechStaff:
		n = y.TechStaff
	}
	switch {
	case d != nil:
		return int64(*d), true
	case n != nil:
		return *n, true
	}
	return 0, false
}

func (f *field) set(y *profile.Year, v int64) {
	if f.dec != nil {
		d := profile.Dec(v)
		*f.dec(y) = &d
		return
	}
	*f.cnt(y) = &v
}

func (f *field) path(year int) string { return "years." + strconv.Itoa(year) + "." + f.name }

// value returns the figure of year Y+off as a Value.
func (f *field) value(c *Ctx, off int) Value {
	v, ok := f.get(c.year(off))
	if !ok {
		return Value{}
	}
	return Num(v, f.scale())
}

const (
	idRevenue uint8 = iota
	idMainRevenue
	idRD
	idAssets
	idLiabilities
	idNetProfit
	idEquity
	idSales
	idCost
	idPlatform
	idEmployees
	idRDStaff
	idTechStaff
)

var (
	fRevenue     = &field{idRevenue, "revenue", "营业收入", uMoney, func(y *profile.Year) **profile.Dec { return &y.Revenue }, nil}
	fMainRevenue = &field{idMainRevenue, "main_revenue", "主营业务收入", uMoney, func(y *profile.Year) **profile.Dec { return &y.MainRevenue }, nil}
	fRD          = &field{idRD, "rd_expense", "研发费用", uMoney, func(y *profile.Year) **profile.Dec { return &y.RDExpense }, nil}
	fAssets      = &field{idAssets, "total_assets", "资产总额", uMoney, func(y *profile.Year) **profile.Dec { return &y.TotalAssets }, nil}
	fLiabilities = &field{idLiabilities, "total_liabilities", "负债总额", uMoney, func(y *profile.Year) **profile.Dec { return &y.TotalLiabilities }, nil}
	fNetProfit   = &field{idNetProfit, "net_profit", "净利润", uMoney, func(y *profile.Year) **profile.Dec { return &y.NetProfit }, nil}
	fEquity      = &field{idEquity, "equity_financing", "新增股权融资", uMoney, func(y *profile.Year) **profile.Dec { return &y.EquityFinancing }, nil}
	fSales       = &field{idSales, "sales_revenue", "销售收入", uMoney, func(y *profile.Year) **profile.Dec { return &y.SalesRevenue }, nil}
	fCost        = &field{idCost, "cost_expense_total", "成本费用支出总额", uMoney, func(y *profile.Year) **profile.Dec { return &y.CostExpenseTotal }, nil}
	fPlatform    = &field{idPlatform, "platform_score", "专精特新发展评价得分", uPoints, func(y *profile.Year) **profile.Dec { return &y.PlatformScore }, nil}
	fEmployees   = &field{idEmployees, "employees", "从业人员", uPersons, nil, func(y *profile.Year) **int64 { return &y.Employees }}
	fRDStaff     = &field{idRDStaff, "rd_staff", "研发人员", uPersons, nil, func(y *profile.Year) **int64 { return &y.RDStaff }}
	fTechStaff   = &field{idTechStaff, "tech_staff", "科技人员", uPersons, nil, func(y *profile.Year) **int64 { return &y.TechStaff }}
)

// fields lists every yearly figure by JSON name.
var fields = map[string]*field{}

func init() {
	for _, f := range []*field{fRevenue, fMainRevenue, fRD, fAssets, fLiabilities, fNetProfit, fEquity, fSales, fCost, fPlatform, fEmployees, fRDStaff, fTechStaff} {
		fields[f.name] = f
	}
}
