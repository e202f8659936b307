package criteria

import (
	"fmt"
	"math/big"
	"slices"
	"sort"

	"zjtx/internal/profile"
)

// metric is one word of the closed vocabulary that rule files may use. Each
// metric is a small Go function with a Chinese name, a unit and its formula;
// the vocabulary grows by code review, never by a rule file inventing an
// expression (spec/engine-notes.md §8.1).
type metric struct {
	id     string
	name   string // 中文名
	unit   unit
	doc    string // formula, as the official text defines it
	yearly bool   // reads one data year (accepts year and each_year)
	lower  bool   // lower values are better (资产负债率, 排名)
	params bool   // the value depends on the rule set's params (memo key)
	costly bool   // worth memoising across rule sets (a lookup or a loop over a list)
	build  func(b bind) (evalFn, solveFn, error)
}

// bind is what a rule node fixes when it uses a metric.
type bind struct {
	arg    Arg
	year   int
	params Params
}

type evalFn func(c *Ctx) Value

// solveFn proposes moves that bring the metric to the threshold t from the
// good side (≥ t, or ≤ t for lower-is-better metrics; strictly when strict).
type solveFn func(c *Ctx, t Rat, strict bool) solution

// solution holds its moves inline, so solving a threshold allocates nothing.
type solution struct {
	mv        [4]move
	n         int8
	ok        bool
	notBefore int // earliest data year in which the threshold can be met (time-bound facts)
}

// moves returns the solution's moves.
func (s *solution) moves() []move { return s.mv[:s.n] }

var vocabulary = map[string]*metric{}

func register(ms ...*metric) {
	for _, m := range ms {
		if vocabulary[m.id] != nil {
			panic("criteria: metric registered twice: " + m.id)
		}
		vocabulary[m.id] = m
	}
}

// Metrics lists the vocabulary, sorted by id, for documentation.
func Metrics() []MetricDoc {
	out := make([]MetricDoc, 0, len(vocabulary))
	for _, m := range vocabulary {
		out = append(out, MetricDoc{ID: m.id, Name: m.name, Unit: unitName(m.unit), Formula: m.doc})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// MetricDoc describes one metric of the vocabulary.
type MetricDoc struct {
	ID, Name, Unit, Formula string
}

func unitName(u unit) string {
	return [...]string{"万元", "比率", "项", "人", "年", "级", "是/否", "分", "名"}[u]
}

// ---- yearly figures -------------------------------------------------------

func figureMetric(f *field, doc string) *metric {
	return &metric{id: f.name, name: f.zh, unit: f.unit, doc: doc, yearly: true, lower: f == fLiabilities,
		build: func(b bind) (evalFn, solveFn, error) {
			off := b.year
			eval := func(c *Ctx) Value { return f.value(c, off) }
			solve := func(c *Ctx, t Rat, strict bool) solution {
				if off < 0 {
					return solution{notBefore: c.Y - off}
				}
				var to int64
				if f == fLiabilities {
					to = mulDivFloor(t.N, f.scale(), t.D)
				} else {
					to = mulDivCeil(t.N, f.scale(), t.D)
				}
				if strict {
					to += step(f == fLiabilities)
				}
				return one(move{kind: lvFigure, field: f, year: c.Y + off, to: to})
			}
			if f == fAssets || f == fEmployees || f == fSales || f == fCost {
				solve = nil // not a lever: growing assets or headcount is no way to qualify
			}
			return eval, solve, nil
		}}
}

func step(lower bool) int64 {
	if lower {
		return -1
	}
	return 1
}

// one is a solution of one move. A money figure is rounded to 0.01 万元 on
// the side that still meets the threshold, as forms take it.
func one(m move) solution {
	if m.kind == lvFigure && m.field.unit == uMoney {
		m.to = roundCents(m.to, m.lower())
	}
	return solution{ok: true, mv: [4]move{m}, n: 1}
}

// ratio is num/den of the same year; the lever is the numerator.
func ratioMetric(id, name, doc string, num, den *field) *metric {
	return &metric{id: id, name: name, unit: uRatio, doc: doc, yearly: true, lower: num == fLiabilities,
		build: func(b bind) (evalFn, solveFn, error) {
			off := b.year
			eval := func(c *Ctx) Value {
				y := c.year(off)
				n, ok1 := num.get(y)
				d, ok2 := den.get(y)
				if !ok1 || !ok2 || d <= 0 {
					return Value{}
				}
				return Num(n, d)
			}
			solve := func(c *Ctx, t Rat, strict bool) solution {
				if off < 0 {
					return solution{notBefore: c.Y - off}
				}
				d, ok := den.get(c.year(off))
				if !ok || d <= 0 {
					return solution{}
				}
				var to int64
				if num == fLiabilities {
					to = mulDivFloor(d, t.N, t.D)
					if strict && cmpProd(to, t.D, t.N, d) == 0 {
						to--
					}
				} else {
					to = mulDivCeil(d, t.N, t.D)
					if strict && cmpProd(to, t.D, t.N, d) == 0 {
						to++
					}
				}
				if num == fMainRevenue && to > d {
					return solution{} // a share above 100 % cannot be reached
				}
				return one(move{kind: lvFigure, field: num, year: c.Y + off, to: to})
			}
			return eval, solve, nil
		}}
}

// rdCostRatio is R&D over total costs; more R&D is also more cost, so the
// target solves rd' ≥ t·(cost + rd' − rd).
var rdCostRatio = &metric{id: "rd_cost_ratio", name: "研发费用占成本费用支出总额比例", unit: uRatio, yearly: true,
	doc: "研发费用 ÷ 成本费用支出总额（科技型中小企业口径二）；企业按销售收入口径申报时不适用",
	build: func(b bind) (evalFn, solveFn, error) {
		off := b.year
		eval := func(c *Ctx) Value {
			if c.P.RDMethod == "sales" {
				return Value{State: NotApplicable}
			}
			y := c.year(off)
			n, ok1 := fRD.get(y)
			d, ok2 := fCost.get(y)
			if !ok1 || !ok2 || d <= 0 {
				return Value{}
			}
			return Num(n, d)
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			y := c.year(off)
			rd, ok1 := fRD.get(y)
			cost, ok2 := fCost.get(y)
			if off < 0 || !ok1 || !ok2 || t.N >= t.D {
				return solution{}
			}
			// rd' ≥ t·(cost − rd)/(1 − t) = N·(cost − rd)/(D − N)
			to := rd
			if cost > rd {
				to = max(mulDivCeil(cost-rd, t.N, t.D-t.N), rd)
			}
			if strict {
				to++
			}
			return one(move{kind: lvFigure, field: fRD, year: c.Y + off, to: to})
		}
		return eval, solve, nil
	}}

var rdSalesRatio = &metric{id: "rd_sales_ratio", name: "研发费用占销售收入比例", unit: uRatio, yearly: true,
	doc: "研发费用 ÷ 销售收入（科技型中小企业口径一）；企业按成本费用口径申报时不适用",
	build: func(b bind) (evalFn, solveFn, error) {
		eval, solve, err := ratioMetric("", "", "", fRD, fSales).build(b)
		return func(c *Ctx) Value {
			if c.P.RDMethod == "cost" {
				return Value{State: NotApplicable}
			}
			return eval(c)
		}, solve, err
	}}

// ---- growth ---------------------------------------------------------------

// growth is this year's figure over last year's, minus one.
func growthMetric(id, name, doc string, f *field) *metric {
	return &metric{id: id, name: name, unit: uRatio, doc: doc, yearly: true,
		build: func(b bind) (evalFn, solveFn, error) {
			off := b.year
			eval := func(c *Ctx) Value {
				a, ok1 := f.get(c.year(off))
				p, ok2 := f.get(c.year(off - 1))
				if !ok1 || !ok2 || p <= 0 {
					return Value{}
				}
				return Num(a-p, p)
			}
			solve := func(c *Ctx, t Rat, strict bool) solution {
				p, ok := f.get(c.year(off - 1))
				if off < 0 || !ok || p <= 0 {
					return solution{}
				}
				to := mulDivCeil(p, t.D+t.N, t.D)
				if strict {
					to++
				}
				return one(move{kind: lvFigure, field: f, year: c.Y + off, to: to})
			}
			return eval, solve, nil
		}}
}

// growth2y is 近2年平均增长率: the mean of the two yearly rates, or the
// compound rate √(x_Y / x_{Y−2}) − 1, as the rule set's params say.
func growth2yMetric(id, name string, f *field, forceCAGR bool) *metric {
	return &metric{id: id, name: name, unit: uRatio, yearly: true, params: true,
		doc: fmt.Sprintf("%s近2年增长率：算术平均 ((Y−1 增长率 + Y 增长率) ÷ 2) 或复合增长率 √(Y ÷ (Y−2)) − 1，由规则集参数 growth_2y 决定", f.zh),
		build: func(b bind) (evalFn, solveFn, error) {
			cagr := forceCAGR || b.params.Growth2y == "cagr"
			if !cagr && b.params.Growth2y != "mean" {
				return nil, nil, fmt.Errorf("params.growth_2y must be mean or cagr, not %q", b.params.Growth2y)
			}
			off := b.year
			eval := func(c *Ctx) Value {
				x0, ok0 := f.get(c.year(off))
				x1, ok1 := f.get(c.year(off - 1))
				x2, ok2 := f.get(c.year(off - 2))
				if !ok0 || !ok2 || x2 <= 0 {
					return Value{}
				}
				if cagr {
					if x0 < 0 {
						return Value{}
					}
					return Value{State: knownSqrt, N: x0, D: x2}
				}
				if !ok1 || x1 <= 0 {
					return Value{}
				}
				return Value{State: knownMean, N: x1, D: x2, E: x0}
			}
			solve := func(c *Ctx, t Rat, strict bool) solution {
				x1, ok1 := f.get(c.year(off - 1))
				x2, ok2 := f.get(c.year(off - 2))
				if off < 0 || !ok2 || x2 <= 0 {
					return solution{}
				}
				if cagr && t.D < 1<<31 && t.D+t.N < 1<<31 && t.D+t.N >= 0 {
					// x0 ≥ x2·(1+t)², in 128-bit integers.
					a := t.D + t.N
					to := mulDivCeil(x2, a*a, t.D*t.D)
					if strict {
						to++
					}
					return one(move{kind: lvFigure, field: f, year: c.Y + off, to: max(to, 0)})
				}
				var need *big.Rat
				if cagr {
					a := big.NewRat(t.D+t.N, t.D)
					need = new(big.Rat).Mul(a, a)
					need.Mul(need, big.NewRat(x2, 1))
				} else {
					if !ok1 || x1 <= 0 {
						return solution{}
					}
					// (x1/x2 + x0/x1)/2 − 1 ≥ t  ⇔  x0 ≥ x1·(2 + 2t − x1/x2)
					k := new(big.Rat).Mul(big.NewRat(2, 1), new(big.Rat).Add(big.NewRat(1, 1), t.Big()))
					k.Sub(k, big.NewRat(x1, x2))
					need = k.Mul(k, big.NewRat(x1, 1))
				}
				to := ratCeil(need)
				if strict {
					to++
				}
				return one(move{kind: lvFigure, field: f, year: c.Y + off, to: max(to, 0)})
			}
			return eval, solve, nil
		}}
}

// ---- sums over recent years ---------------------------------------------

// sumMetric adds a figure over the last n data years (arg n, default 2);
// with avg it divides by n. The lever is the latest year.
func sumMetric(id, name string, f *field, avg bool, defaultN int) *metric {
	what := "合计"
	if avg {
		what = "平均值"
	}
	return &metric{id: id, name: name, unit: f.unit,
		doc: fmt.Sprintf("近 n 年（Y−n+1 … Y，n 由 arg 给出，默认 %d）%s%s；缺任一年为缺数据", defaultN, f.zh, what),
		build: func(b bind) (evalFn, solveFn, error) {
			n := defaultN
			if !b.arg.IsZero() {
				if _, err := fmt.Sscan(b.arg.Value, &n); err != nil || n < 1 || n > 5 {
					return nil, nil, fmt.Errorf("arg must be a number of years 1–5")
				}
			}
			sum := func(c *Ctx, skipLatest bool) (int64, bool) {
				var s int64
				for i := 0; i < n; i++ {
					if skipLatest && i == 0 {
						continue
					}
					v, ok := f.get(c.year(-i))
					if !ok {
						return 0, false
					}
					s += v
				}
				return s, true
			}
			eval := func(c *Ctx) Value {
				s, ok := sum(c, false)
				if !ok {
					return Value{}
				}
				if avg {
					return Num(s, f.scale()*int64(n))
				}
				return Num(s, f.scale())
			}
			solve := func(c *Ctx, t Rat, strict bool) solution {
				rest, ok := sum(c, true)
				if !ok {
					return solution{}
				}
				total := mulDivCeil(t.N, f.scale(), t.D)
				if avg {
					total = mulDivCeil(t.N, f.scale()*int64(n), t.D)
				}
				if strict {
					total++
				}
				return one(move{kind: lvFigure, field: f, year: c.Y, to: max(total-rest, 0)})
			}
			return eval, solve, nil
		}}
}

// ---- time -------------------------------------------------------------------

var nicheYears = &metric{id: "niche_years", name: "从事特定细分市场年限", unit: uYears,
	doc: "自 niche_since 起至数据年度 Y 末（即 Y+1 年 1 月 1 日）的完整年数",
	build: func(b bind) (evalFn, solveFn, error) {
		full := func(c *Ctx, y int) int64 {
			d := c.P.NicheSince
			n := y + 1 - d.Y
			if d.M != 1 || d.D != 1 {
				n--
			}
			return int64(max(n, 0))
		}
		eval := func(c *Ctx) Value {
			if c.P.NicheSince == nil {
				return Value{}
			}
			return Int(full(c, c.Y))
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			if c.P.NicheSince == nil {
				return solution{}
			}
			need := mulDivCeil(t.N, 1, t.D)
			if strict {
				need++
			}
			y := c.Y
			for full(c, y) < need {
				y++
			}
			return solution{notBefore: y}
		}
		return eval, solve, nil
	}}

// ---- titles, honours, flags ------------------------------------------------

func validOn(from, to *profile.Date, d profile.Date) bool {
	return (from == nil || !d.Before(*from)) && (to == nil || !to.Before(d))
}

var titleValid = &metric{id: "title_valid", costly: true, name: "持有有效期内的梯度称号", unit: uBool,
	doc: "titles 中有 arg 所列称号之一，且评估日 as_of 在认定日与有效期截止日之间；arg 含 tech_sme 时，有效期内的科技型中小企业入库（honors: tech_sme）也算",
	build: func(b bind) (evalFn, solveFn, error) {
		tiers := b.arg.Words()
		if len(tiers) == 0 {
			return nil, nil, fmt.Errorf("arg must name the tiers")
		}
		eval := func(c *Ctx) Value {
			if c.P.Titles == nil {
				return Value{}
			}
			for _, t := range c.P.Titles {
				if slices.Contains(tiers, t.Tier) && validOn(t.Recognized, t.ValidTo, c.AsOf) {
					return Int(1)
				}
			}
			if slices.Contains(tiers, profile.TierTechSME) {
				for _, h := range c.P.Honors {
					if h.Kind == profile.TechSMEHonor && validOn(h.ValidFrom, h.ValidTo, c.AsOf) {
						return Int(1)
					}
				}
			}
			return Int(0)
		}
		return eval, nil, nil
	}}

var honorValid = &metric{id: "honor_valid", costly: true, name: "持有有效期内的资质荣誉", unit: uBool,
	doc: "honors 中有 arg 所列资质之一，且评估日 as_of 在有效期内",
	build: func(b bind) (evalFn, solveFn, error) {
		kinds := b.arg.Words()
		if len(kinds) == 0 {
			return nil, nil, fmt.Errorf("arg must name the honours")
		}
		eval := func(c *Ctx) Value {
			if c.P.Honors == nil {
				return Value{}
			}
			for _, h := range c.P.Honors {
				if slices.Contains(kinds, h.Kind) && validOn(h.ValidFrom, h.ValidTo, c.AsOf) {
					return Int(1)
				}
			}
			return Int(0)
		}
		var solve solveFn
		if slices.Contains(kinds, profile.HighTechEnterprise) {
			solve = func(c *Ctx, t Rat, strict bool) solution { return one(move{kind: lvHighTech, to: 1}) }
		}
		return eval, solve, nil
	}}

// flagNames are the yes/no facts of flags, by JSON name.
var flagNames = []string{"abnormal_list", "serious_dishonesty", "prohibited_product", "major_incident_3y",
	"tax_violation_3y", "research_misconduct", "single_champion", "group_conflict"}

// flagValue reads flag i of flagNames; a switch keeps the hot path free of
// indirect calls.
func flagValue(f *profile.Flags, i int) *bool {
	switch i {
	case 0:
		return f.AbnormalList
	case 1:
		return f.SeriousDishonesty
	case 2:
		return f.ProhibitedProduct
	case 3:
		return f.MajorIncident3y
	case 4:
		return f.TaxViolation3y
	case 5:
		return f.ResearchMisconduct
	case 6:
		return f.SingleChampion
	}
	return f.GroupConflict
}

var flagMetric = &metric{id: "flag", name: "负面清单事项", unit: uBool,
	doc: "flags.<arg>：经营异常名录、严重失信、禁止/限制/淘汰类产品、近三年重大事件、偷漏税、科研失信、单项冠军、同集团关系",
	build: func(b bind) (evalFn, solveFn, error) {
		i := slices.Index(flagNames, b.arg.Value)
		if i < 0 {
			return nil, nil, fmt.Errorf("unknown flag %q", b.arg.Value)
		}
		return func(c *Ctx) Value {
			if c.P.Flags == nil {
				return Value{}
			}
			v := flagValue(c.P.Flags, i)
			if v == nil {
				return Value{}
			}
			return Bool(*v)
		}, nil, nil
	}}

var fraudBan = &metric{id: "fraud_ban", name: "处于数据造假禁报期", unit: uBool,
	doc: "flags.data_fraud_ban_until 不早于评估日 as_of（null 表示无禁报）",
	build: func(b bind) (evalFn, solveFn, error) {
		return func(c *Ctx) Value {
			if c.P.Flags == nil || !c.P.Flags.DataFraudBanUntil.Known {
				return Value{}
			}
			u := c.P.Flags.DataFraudBanUntil.Until
			return Bool(u != nil && !u.Before(c.AsOf))
		}, nil, nil
	}}

func boolMetric(id, name, doc string, get func(p *profile.Profile) *bool, lever leverKind) *metric {
	return &metric{id: id, name: name, unit: uBool, doc: doc,
		build: func(b bind) (evalFn, solveFn, error) {
			eval := func(c *Ctx) Value {
				v := get(c.P)
				if v == nil {
					return Value{}
				}
				return Bool(*v)
			}
			var solve solveFn
			if lever == lvCoreIS {
				solve = func(c *Ctx, t Rat, strict bool) solution { return one(move{kind: lvCoreIS, to: 1}) }
			}
			return eval, solve, nil
		}}
}

// registeredCN reads the registration region: a six-digit administrative
// code of the PRC (mainland) means a resident enterprise registered there.
var registeredCN = &metric{id: "registered_cn", name: "在中国境内注册", unit: uBool,
	doc: "region 为六位境内行政区划代码（港、澳、台代码 71/81/82 开头的除外）",
	build: func(b bind) (evalFn, solveFn, error) {
		return func(c *Ctx) Value {
			r := c.P.Region
			if len(r) != 6 {
				return Value{}
			}
			return Bool(r[:2] != "71" && r[:2] != "81" && r[:2] != "82")
		}, nil, nil
	}}

var smeMetric = &metric{id: "sme", costly: true, name: "符合中小企业划型标准", unit: uBool,
	doc: "《中小企业划型标准规定》（工信部联企业〔2011〕300号）按行业以从业人员、营业收入、资产总额判定，数据年度 Y",
	build: func(b bind) (evalFn, solveFn, error) {
		return smeOf, nil, nil
	}}

func smeOf(c *Ctx) Value {
	var emp *int64
	var rev, assets *profile.Dec
	if y := c.year(0); y != nil {
		emp, rev, assets = y.Employees, y.Revenue, y.TotalAssets
	}
	sme, known := profile.IsSME(c.P.Industry, emp, rev, assets)
	if !known {
		return Value{}
	}
	return Bool(sme)
}

// ---- intellectual property ------------------------------------------------

// ipTally counts related IP by what the metrics ask of it.
type ipTally struct {
	class1, class1Own, class1High, class2, class1Applied int64
}

// ipCounts holds what the IP metrics need, counted once per call: lo counts
// only the items known to count, hi also the items whose eligibility turns
// on an unknown date (a transfer date, a grant date). A metric whose value is
// the same from both is known; otherwise it is unknown (缺数据), never a
// silent exclusion.
type ipCounts struct{ lo, hi ipTally }

// ipValue is a metric of the tallies: known when the unknown dates cannot
// change it.
func ipValue(n ipCounts, f func(t *ipTally) int64) Value {
	lo, hi := f(&n.lo), f(&n.hi)
	if lo != hi {
		return Value{}
	}
	return Int(lo)
}

// countIP counts related IP that the rule set lets count: transferred-in IP
// is excluded for TransferExcludeMonths (−1: always), the holder rank must be
// within MaxHolderRank, and utility-model and design patents count only when
// held more than Class2HeldYears after grant.
func countIP(c *Ctx, p Params) ipCounts {
	// Three metrics of up to three rule sets count the same list with one
	// of two parameter sets: remember the last counts per parameter set.
	key := ipKey{p.TransferExcludeMonths, p.MaxHolderRank, p.Class2HeldYears}
	for i := range c.ipMemo {
		if m := &c.ipMemo[i]; m.gen == c.gen && m.key == key {
			return m.n
		}
	}
	n := countIPOnce(c, p)
	m := &c.ipMemo[c.ipNext%len(c.ipMemo)]
	c.ipNext++
	m.gen, m.key, m.n = c.gen, key, n
	return n
}

func countIPOnce(c *Ctx, p Params) ipCounts {
	var n ipCounts
	for i := range c.P.IP {
		ip := &c.P.IP[i]
		if !ip.Related || ip.Pending {
			continue
		}
		switch ipEligible(c, ip, p) {
		case tNo:
			continue
		case tYes:
			n.lo.add(ip)
		}
		n.hi.add(ip)
	}
	return n
}

func (t *ipTally) add(ip *profile.IP) {
	switch profile.IPClass(ip.Kind) {
	case 1:
		t.class1++
		if ip.SelfDeveloped && !ip.TransferredIn {
			t.class1Own++
		}
		// 高价值 is a quality of invention patents only (spec §3.3); a
		// 国防专利 is an invention patent kept secret.
		if ip.HighValue && (ip.Kind == profile.InventionPatent || ip.Kind == profile.DefensePatent) {
			t.class1High++
		}
		if ip.Applied {
			t.class1Applied++
		}
	case 2:
		t.class2++
	}
}

// tri is a yes/no answer that may be unknown.
type tri uint8

const (
	tNo tri = iota
	tYes
	tUnknown
)

// ipEligible says whether an item may count under the rule set's params.
func ipEligible(c *Ctx, ip *profile.IP, p Params) tri {
	if p.MaxHolderRank > 0 && ip.HolderRank > p.MaxHolderRank {
		return tNo
	}
	out := tYes
	if p.Class2HeldYears > 0 && (ip.Kind == profile.UtilityModel || ip.Kind == profile.DesignPatent) {
		switch g := ip.Granted; {
		case g == nil:
			out = tUnknown
		case !(profile.Date{Y: g.Y + p.Class2HeldYears, M: g.M, D: g.D}).Before(c.AsOf):
			return tNo // held for no more than the years asked (超过 is strict)
		}
	}
	if !ip.TransferredIn {
		return out
	}
	switch {
	case p.TransferExcludeMonths < 0:
		return tNo
	case p.TransferExcludeMonths == 0:
		return out
	case ip.TransferDate == nil:
		return tUnknown
	}
	d := *ip.TransferDate
	months := (c.AsOf.Y-d.Y)*12 + int(c.AsOf.M) - int(d.M)
	if c.AsOf.D < d.D {
		months--
	}
	if months < p.TransferExcludeMonths {
		return tNo
	}
	return out
}

var ipLevel = &metric{id: "ip_level", costly: true, params: true, name: "与主导产品相关的有效知识产权等级", unit: uLevel,
	doc: "4 = Ⅰ类高价值知识产权（仅发明专利）；3 = 自主研发的Ⅰ类；2 = Ⅰ类；1 = Ⅱ类（实用新型、外观设计专利须授权后维持超过 class2_held_years 年）；0 = 无（取最高一档）；受让日期或授权日期未知而影响结果的为缺数据",
	build: func(b bind) (evalFn, solveFn, error) {
		eval := func(c *Ctx) Value {
			if c.P.IP == nil {
				return Value{}
			}
			return ipValue(countIP(c, b.params), func(t *ipTally) int64 {
				switch {
				case t.class1High > 0:
					return 4
				case t.class1Own > 0:
					return 3
				case t.class1 > 0:
					return 2
				case t.class2 > 0:
					return 1
				}
				return 0
			})
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			need := mulDivCeil(t.N, 1, t.D)
			if strict {
				need++
			}
			switch {
			case need >= 4:
				return one(move{kind: lvIP, variant: ipClass1High, to: 1})
			case need >= 2:
				return one(move{kind: lvIP, variant: ipClass1, to: 1})
			}
			return one(move{kind: lvIP, variant: ipClass2, to: 1})
		}
		return eval, solve, nil
	}}

var ipCount = &metric{id: "ip_count", costly: true, params: true, name: "与主导产品相关的Ⅰ类知识产权数量", unit: uCount,
	doc: "与主导产品相关的Ⅰ类知识产权项数；arg applied 只计已实际应用并产生经济效益的（需官员核实）；受让与权利人排名按规则集参数排除，受让日期未知而影响项数的为缺数据",
	build: func(b bind) (evalFn, solveFn, error) {
		applied := slices.Contains(b.arg.Words(), "applied")
		eval := func(c *Ctx) Value {
			if c.P.IP == nil {
				return Value{}
			}
			return ipValue(countIP(c, b.params), func(t *ipTally) int64 {
				if applied {
					return t.class1Applied
				}
				return t.class1
			})
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			if c.P.IP == nil {
				return solution{}
			}
			have := eval(c).N
			need := mulDivCeil(t.N, 1, t.D)
			if strict {
				need++
			}
			return one(move{kind: lvIP, variant: ipClass1, to: max(need-have, 0)})
		}
		return eval, solve, nil
	}}

var ipTechSME = &metric{id: "ip_k3", costly: true, params: true, name: "科技成果（知识产权）等级", unit: uLevel,
	doc: "5 = 拥有Ⅰ类知识产权；否则为Ⅱ类知识产权项数（最多计 4；实用新型、外观设计专利须授权后维持超过 class2_held_years 年，授权日期未知而影响结果的为缺数据）",
	build: func(b bind) (evalFn, solveFn, error) {
		eval := func(c *Ctx) Value {
			if c.P.IP == nil {
				return Value{}
			}
			return ipValue(countIP(c, b.params), func(t *ipTally) int64 {
				if t.class1 > 0 {
					return 5
				}
				return min(t.class2, 4)
			})
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			if c.P.IP == nil {
				return solution{}
			}
			need := mulDivCeil(t.N, 1, t.D)
			if need >= 5 {
				return one(move{kind: lvIP, variant: ipClass1, to: 1})
			}
			return one(move{kind: lvIP, variant: ipClass2, to: max(need-eval(c).N, 0)})
		}
		return eval, solve, nil
	}}

// ---- awards, institutions, standards, contests -----------------------------

// listArg reads {levels: [...], max_rank: n, years: n, results: [...], role: x}.
type listArg struct {
	Levels  []string `yaml:"levels"`
	MaxRank int      `yaml:"max_rank"`
	Years   int      `yaml:"years"`
	Results []string `yaml:"results"`
	Role    string   `yaml:"role"`
}

func decodeListArg(a Arg) (listArg, error) {
	var la listArg
	if a.IsZero() {
		return la, nil
	}
	if err := a.Decode(&la); err != nil {
		return la, fmt.Errorf("arg: %w", err)
	}
	return la, nil
}

// inWindow reports whether year lies in the last n data years (Y−n+1 … Y).
func inWindow(c *Ctx, year, n int) bool { return n == 0 || (year <= c.Y && year > c.Y-n) }

var awardCount = &metric{id: "award_count", costly: true, name: "科技奖励数量", unit: uCount,
	doc: "awards 中级别属 arg.levels、单位排名不超过 arg.max_rank、证书年度在近 arg.years 年内的项数",
	build: func(b bind) (evalFn, solveFn, error) {
		la, err := decodeListArg(b.arg)
		if err != nil {
			return nil, nil, err
		}
		return func(c *Ctx) Value {
			if c.P.Awards == nil {
				return Value{}
			}
			var n int64
			for _, a := range c.P.Awards {
				if (len(la.Levels) == 0 || slices.Contains(la.Levels, a.Level)) &&
					(la.MaxRank == 0 || (a.Rank > 0 && a.Rank <= la.MaxRank)) && inWindow(c, a.Year, la.Years) {
					n++
				}
			}
			return Int(n)
		}, nil, nil
	}}

// instRank grades an R&D institution level: 4 national … 1 other, 0 none.
func instRank(level string) int64 {
	switch level {
	case "national":
		return 4
	case "provincial":
		return 3
	case "municipal":
		return 2
	case "other":
		return 1
	}
	return 0
}

var rdInstLevel = &metric{id: "rd_institution_level", name: "研发机构级别", unit: uLevel,
	doc: "4 = 国家级；3 = 省级；2 = 市级；1 = 市级以下；0 = 无（取最高）",
	build: func(b bind) (evalFn, solveFn, error) {
		eval := func(c *Ctx) Value {
			if c.P.RDInstitutions == nil {
				return Value{}
			}
			var best int64
			for _, r := range c.P.RDInstitutions {
				best = max(best, instRank(r.Level))
			}
			return Int(best)
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			need := min(mulDivCeil(t.N, 1, t.D), 4)
			return one(move{kind: lvRDInst, to: max(need, 1)})
		}
		return eval, solve, nil
	}}

var rdInstCount = &metric{id: "rd_institution_count", name: "研发机构数量", unit: uCount,
	doc: "rd_institutions 中级别属 arg.levels（缺省为任意级别）的机构数",
	build: func(b bind) (evalFn, solveFn, error) {
		la, err := decodeListArg(b.arg)
		if err != nil {
			return nil, nil, err
		}
		eval := func(c *Ctx) Value {
			if c.P.RDInstitutions == nil {
				return Value{}
			}
			var n int64
			for _, r := range c.P.RDInstitutions {
				if len(la.Levels) == 0 || slices.Contains(la.Levels, r.Level) {
					n++
				}
			}
			return Int(n)
		}
		lowest := int64(1)
		if len(la.Levels) > 0 {
			lowest = 4
			for _, l := range la.Levels {
				lowest = min(lowest, instRank(l))
			}
		}
		solve := func(c *Ctx, t Rat, strict bool) solution { return one(move{kind: lvRDInst, to: lowest}) }
		return eval, solve, nil
	}}

var standardCount = &metric{id: "standard_count", name: "主导或参与制修订标准数量", unit: uCount,
	doc: "standards 中级别属 arg.levels、角色为 arg.role、年度在近 arg.years 年内的项数",
	build: func(b bind) (evalFn, solveFn, error) {
		la, err := decodeListArg(b.arg)
		if err != nil {
			return nil, nil, err
		}
		return func(c *Ctx) Value {
			if c.P.Standards == nil {
				return Value{}
			}
			var n int64
			for _, s := range c.P.Standards {
				if (len(la.Levels) == 0 || slices.Contains(la.Levels, s.Level)) && (la.Role == "" || s.Role == la.Role) && inWindow(c, s.Year, la.Years) {
					n++
				}
			}
			return Int(n)
		}, nil, nil
	}}

var makerChina = &metric{id: "maker_china_count", name: "“创客中国”大赛名次", unit: uCount,
	doc: "maker_china 中结果属 arg.results、年度在近 arg.years 年内的次数",
	build: func(b bind) (evalFn, solveFn, error) {
		la, err := decodeListArg(b.arg)
		if err != nil {
			return nil, nil, err
		}
		return func(c *Ctx) Value {
			if c.P.MakerChina == nil {
				return Value{}
			}
			var n int64
			for _, m := range c.P.MakerChina {
				if slices.Contains(la.Results, m.Result) && inWindow(c, m.Year, la.Years) {
					n++
				}
			}
			return Int(n)
		}, nil, nil
	}}

// ---- quality, digital, product ------------------------------------------------

var qualityCount = &metric{id: "quality_count", name: "质量管理水平项数", unit: uCount,
	doc: "省级以上质量奖、质量管理体系认证、自主品牌、参与制修订标准四项中满足的项数",
	build: func(b bind) (evalFn, solveFn, error) {
		idx := []int{qualityIndex("quality_award"), qualityIndex("quality_system_cert"), qualityIndex("own_brand"), qualityIndex("standard_participation")}
		eval := func(c *Ctx) Value {
			q := c.P.Quality
			if q == nil {
				return Value{}
			}
			var n int64
			for _, i := range idx {
				v := *qualityFacts[i].ptr(q)
				if v == nil {
					return Value{}
				}
				if *v {
					n++
				}
			}
			return Int(n)
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			v := eval(c)
			if !v.Known() {
				return solution{}
			}
			need := mulDivCeil(t.N, 1, t.D) - v.N
			var moves []move
			for i := range qualityFacts { // cheapest first
				if need <= 0 {
					break
				}
				if !slices.Contains(idx, i) {
					continue
				}
				if p := *qualityFacts[i].ptr(c.P.Quality); p != nil && !*p {
					moves = append(moves, move{kind: lvQuality, variant: uint8(i), to: 1})
					need--
				}
			}
			sol := solution{ok: need <= 0}
			sol.n = int8(copy(sol.mv[:], moves))
			return sol
		}
		return eval, solve, nil
	}}

var qualityFact = &metric{id: "quality", name: "质量与管理事项", unit: uBool,
	doc: "quality.<arg>：质量奖、质量管理体系认证、自主品牌、参与标准、管理体系认证、发达国家和地区产品认证",
	build: func(b bind) (evalFn, solveFn, error) {
		i := qualityIndex(b.arg.Value)
		if i < 0 {
			return nil, nil, fmt.Errorf("unknown quality fact %q", b.arg.Value)
		}
		eval := func(c *Ctx) Value {
			if c.P.Quality == nil {
				return Value{}
			}
			v := *qualityFacts[i].ptr(c.P.Quality)
			if v == nil {
				return Value{}
			}
			return Bool(*v)
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			return one(move{kind: lvQuality, variant: uint8(i), to: 1})
		}
		return eval, solve, nil
	}}

var digitalLevel = &metric{id: "digital_level", name: "数字化水平等级", unit: uLevel,
	doc: "中小企业数字化水平评测等级 1–4",
	build: func(b bind) (evalFn, solveFn, error) {
		eval := func(c *Ctx) Value {
			if c.P.DigitalLevel == nil {
				return Value{}
			}
			return Int(int64(*c.P.DigitalLevel))
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			need := mulDivCeil(t.N, 1, t.D)
			if need > 4 {
				return solution{}
			}
			return one(move{kind: lvDigital, to: need})
		}
		return eval, solve, nil
	}}

var domainLevel = &metric{id: "domain_level", name: "主导产品所属领域档次", unit: uLevel,
	doc: "2 = 在产业链供应链关键环节补短板、锻长板、填空白取得实际成效；1 = 属于工业“六基”领域、中华老字号名录或为重点产业链龙头企业配套；0 = 其他",
	build: func(b bind) (evalFn, solveFn, error) {
		return func(c *Ctx) Value {
			if c.P.Product == nil || c.P.Product.Domains == nil {
				return Value{}
			}
			d := c.P.Product.Domains
			switch {
			case slices.Contains(d, profile.DomainChainKeyLink):
				return Int(2)
			case slices.Contains(d, profile.DomainSixBasics), slices.Contains(d, profile.DomainTimeHonored), slices.Contains(d, profile.DomainServesChainLeader):
				return Int(1)
			}
			return Int(0)
		}, nil, nil
	}}

var domainIn = &metric{id: "domain_in", name: "主导产品属于所列领域", unit: uBool,
	doc: "product.domains 含 arg 所列领域之一",
	build: func(b bind) (evalFn, solveFn, error) {
		want := b.arg.Words()
		if len(want) == 0 {
			return nil, nil, fmt.Errorf("arg must list domains")
		}
		return func(c *Ctx) Value {
			if c.P.Product == nil || c.P.Product.Domains == nil {
				return Value{}
			}
			for _, d := range c.P.Product.Domains {
				if slices.Contains(want, d) {
					return Int(1)
				}
			}
			return Int(0)
		}, nil, nil
	}}

var strategicEmerging = boolMetric("strategic_emerging", "主导产品属于《战略性新兴产业分类》",
	"product.strategic_emerging", func(p *profile.Profile) *bool {
		if p.Product == nil {
			return nil
		}
		return p.Product.StrategicEmerging
	}, 0)

var marketShare = &metric{id: "market_share", name: "主导产品全国细分市场占有率", unit: uRatio,
	doc: "product.market_share（0–1）",
	build: func(b bind) (evalFn, solveFn, error) {
		eval := func(c *Ctx) Value {
			if c.P.Product == nil || c.P.Product.MarketShare == nil {
				return Value{}
			}
			return Num(int64(*c.P.Product.MarketShare), profile.DecScale)
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			to := mulDivCeil(t.N, profile.DecScale, t.D)
			if strict {
				to++
			}
			return one(move{kind: lvMarketShare, to: to})
		}
		return eval, solve, nil
	}}

var marketRank = &metric{id: "market_rank", name: "主导产品国内细分市场排名", unit: uRank, lower: true,
	doc: "product.market_rank（1 为第一）",
	build: func(b bind) (evalFn, solveFn, error) {
		eval := func(c *Ctx) Value {
			if c.P.Product == nil || c.P.Product.MarketRank == nil {
				return Value{}
			}
			return Int(int64(*c.P.Product.MarketRank))
		}
		solve := func(c *Ctx, t Rat, strict bool) solution {
			to := mulDivFloor(t.N, 1, t.D)
			if strict {
				to--
			}
			if to < 1 {
				return solution{}
			}
			return one(move{kind: lvMarketRank, to: to})
		}
		return eval, solve, nil
	}}

var localScore = &metric{id: "local_score", name: "省级特色化指标得分", unit: uPoints,
	doc: "local_score：省级中小企业主管部门自定特色化指标的得分（0–15），作为输入",
	build: func(b bind) (evalFn, solveFn, error) {
		return func(c *Ctx) Value {
			if c.P.LocalScore == nil {
				return Value{}
			}
			return Num(int64(*c.P.LocalScore), profile.DecScale)
		}, nil, nil
	}}

// platformScore is read for the assessment year A = Y+1, the year in which
// the national platform computes it (year offsets are relative to A). The
// 复核 rule "近两年任一年" is written in the rule file as review_any_year.
var platformScore = &metric{id: "platform_score", name: "专精特新发展评价得分", unit: uPoints, yearly: true,
	doc: "years.A.platform_score（A = 评估年度 = Y+1，由优质中小企业梯度培育平台计算）",
	build: func(b bind) (evalFn, solveFn, error) {
		off := b.year + 1
		eval := func(c *Ctx) Value { return fPlatform.value(c, off) }
		solve := func(c *Ctx, t Rat, strict bool) solution {
			if off < 1 {
				return solution{notBefore: c.Y + 1 - off}
			}
			to := mulDivCeil(t.N, profile.DecScale, t.D)
			if strict {
				to++
			}
			return one(move{kind: lvFigure, field: fPlatform, year: c.Y + off, to: to})
		}
		return eval, solve, nil
	}}

// qualitative is a requirement with no fact to check: it is always put to an
// official (review), never passed automatically.
var qualitative = &metric{id: "qualitative", name: "定性要求", unit: uBool,
	doc: "无可核验数据的定性要求，恒为“是”，须配合 review: true 由官员或专家认定",
	build: func(b bind) (evalFn, solveFn, error) {
		return func(c *Ctx) Value { return Int(1) }, nil, nil
	}}

func init() {
	register(
		figureMetric(fRevenue, "营业收入 years.Y.revenue"),
		figureMetric(fMainRevenue, "主营业务收入 years.Y.main_revenue"),
		figureMetric(fRD, "研发费用 years.Y.rd_expense"),
		figureMetric(fAssets, "资产总额 years.Y.total_assets"),
		figureMetric(fLiabilities, "负债总额 years.Y.total_liabilities"),
		figureMetric(fNetProfit, "净利润 years.Y.net_profit"),
		figureMetric(fEmployees, "从业人员（职工总数） years.Y.employees"),
		figureMetric(fEquity, "新增股权融资（合格机构投资者实缴额） years.Y.equity_financing"),
		figureMetric(fSales, "销售收入（科技型中小企业口径） years.Y.sales_revenue"),
		figureMetric(fRDStaff, "研发人员 years.Y.rd_staff"),
		figureMetric(fTechStaff, "科技人员 years.Y.tech_staff"),
		ratioMetric("rd_ratio", "研发费用占营业收入比重", "研发费用 ÷ 营业收入（同一年度）", fRD, fRevenue),
		ratioMetric("main_share", "主营业务收入占营业收入比重", "主营业务收入 ÷ 营业收入", fMainRevenue, fRevenue),
		ratioMetric("debt_ratio", "资产负债率", "负债总额 ÷ 资产总额（年末）", fLiabilities, fAssets),
		ratioMetric("net_margin", "净利润率", "净利润 ÷ 营业收入", fNetProfit, fRevenue),
		ratioMetric("rd_staff_share", "研发人员占比", "研发人员 ÷ 从业人员（职工总数）", fRDStaff, fEmployees),
		ratioMetric("tech_staff_share", "科技人员占比", "科技人员 ÷ 职工总数", fTechStaff, fEmployees),
		rdSalesRatio, rdCostRatio,
		growthMetric("main_growth", "主营业务收入增长率", "主营业务收入_Y ÷ 主营业务收入_{Y−1} − 1", fMainRevenue),
		growth2yMetric("main_growth_2y", "近2年主营业务收入平均增长率", fMainRevenue, false),
		growth2yMetric("revenue_cagr_2y", "近两年营业收入复合增长率", fRevenue, true),
		sumMetric("rd_sum", "近年研发费用合计", fRD, false, 2),
		sumMetric("rd_avg", "近年研发费用均值", fRD, true, 2),
		sumMetric("equity_sum", "近年新增股权融资合计", fEquity, false, 2),
		nicheYears, titleValid, honorValid, flagMetric, fraudBan, smeMetric, registeredCN,
		boolMetric("legal_person", "独立法人资格", "legal_person", func(p *profile.Profile) *bool { return p.LegalPerson }, 0),
		boolMetric("core_business_on_is", "至少1项核心业务采用信息系统支撑", "core_business_on_is", func(p *profile.Profile) *bool { return p.CoreBusinessOnIS }, lvCoreIS),
		ipLevel, ipCount, ipTechSME, awardCount, rdInstLevel, rdInstCount, standardCount, makerChina,
		qualityCount, qualityFact, digitalLevel, domainLevel, domainIn, strategicEmerging, marketShare, marketRank,
		localScore, platformScore, qualitative,
	)
}
