package criteria

import (
	"strconv"

	"zjtx/internal/profile"
)

// A lever is an input the enterprise can still influence before its next
// application (spec/profile.md: the latest data year's figures, IP, R&D
// institutions, certifications, digital level, honours, market facts). Gap
// plans are sets of moves on levers; earlier years, niche_since, established,
// titles and flags are never levers.
type leverKind uint8

const (
	lvFigure      leverKind = iota // a figure of year Y (or the platform score of year A)
	lvIP                           // add IP items of one variant
	lvRDInst                       // add an R&D institution of a level
	lvQuality                      // set one quality fact to true
	lvDigital                      // raise the digital level
	lvCoreIS                       // put a core business on an information system
	lvMarketShare                  // raise the niche market share
	lvMarketRank                   // improve the domestic rank
	lvHighTech                     // obtain the 高新技术企业 certificate
)

// IP variants a plan may add.
const (
	ipClass2     uint8 = iota // 与主导产品相关的软件著作权 (Ⅱ类)
	ipClass1                  // 自主研发的发明专利 (Ⅰ类)
	ipClass1High              // Ⅰ类高价值发明专利
)

// Quality facts a plan may set (order = cost order for quality_count).
var qualityFacts = []struct {
	name string
	zh   string
	cost float64
	ptr  func(*profile.Quality) **bool
}{
	{"quality_system_cert", "质量管理体系认证", 0.3, func(q *profile.Quality) **bool { return &q.QualitySystemCert }},
	{"own_brand", "自主品牌", 0.4, func(q *profile.Quality) **bool { return &q.OwnBrand }},
	{"mgmt_system_cert", "管理体系认证", 0.3, func(q *profile.Quality) **bool { return &q.MgmtSystemCert }},
	{"standard_participation", "参与制修订标准", 0.5, func(q *profile.Quality) **bool { return &q.StandardParticipation }},
	{"developed_market_cert", "发达国家和地区产品认证", 0.8, func(q *profile.Quality) **bool { return &q.DevelopedMarketCert }},
	{"quality_award", "省级以上质量奖", 2.0, func(q *profile.Quality) **bool { return &q.QualityAward }},
}

func qualityIndex(name string) int {
	for i, q := range qualityFacts {
		if q.name == name {
			return i
		}
	}
	return -1
}

// move sets one lever to a target: a raw figure (Dec units or persons), a
// number of items to add, a level, or 1 for a yes/no fact.
type move struct {
	kind    leverKind
	field   *field
	year    int
	variant uint8
	to      int64
}

type moveKey struct {
	kind    leverKind
	field   *field
	year    int
	variant uint8
}

func (m move) key() moveKey { return moveKey{m.kind, m.field, m.year, m.variant} }

// lower reports whether the lever improves by going down.
func (m move) lower() bool {
	return (m.kind == lvFigure && m.field == fLiabilities) || m.kind == lvMarketRank
}

// better reports whether target a is at least as demanding as b.
func (m move) better(a, b int64) bool {
	if m.lower() {
		return a <= b
	}
	return a >= b
}

// merge combines two sets of moves, keeping the more demanding target per lever.
func merge(a, b []move) []move {
	out := make([]move, 0, len(a)+len(b))
	out = append(out, a...)
next:
	for _, m := range b {
		for i := range out {
			if out[i].key() == m.key() {
				if m.better(m.to, out[i].to) {
					out[i].to = m.to
				}
				continue next
			}
		}
		out = append(out, m)
	}
	return out
}

// current returns the lever's present value in the profile.
func (m move) current(c *Ctx) (int64, bool) {
	p := c.P
	switch m.kind {
	case lvFigure:
		return m.field.get(p.Years[m.year])
	case lvIP, lvRDInst, lvHighTech:
		return 0, true
	case lvQuality:
		if p.Quality != nil {
			if v := *qualityFacts[m.variant].ptr(p.Quality); v != nil && *v {
				return 1, true
			}
		}
		return 0, true
	case lvDigital:
		if p.DigitalLevel != nil {
			return int64(*p.DigitalLevel), true
		}
	case lvCoreIS:
		if p.CoreBusinessOnIS != nil && *p.CoreBusinessOnIS {
			return 1, true
		}
		return 0, true
	case lvMarketShare:
		if p.Product != nil && p.Product.MarketShare != nil {
			return int64(*p.Product.MarketShare), true
		}
	case lvMarketRank:
		if p.Product != nil && p.Product.MarketRank != nil {
			return int64(*p.Product.MarketRank), true
		}
	}
	return 0, false
}

// Figure weights: how hard a relative change of the figure is, against a
// relative change of R&D expense (1.0). Growing revenue or raising equity
// takes more than spending more on R&D.
// Indexed by field id; figures that are no lever weigh 1.
var figureWeight = [...]float64{
	idRevenue: 2.0, idMainRevenue: 1.5, idRD: 1.0, idAssets: 1, idLiabilities: 1.0, idNetProfit: 1.5,
	idEquity: 2.0, idSales: 1, idCost: 1, idPlatform: 1.0, idEmployees: 1, idRDStaff: 1.0, idTechStaff: 1.0,
}

// rdInstCost is the effort of setting up an R&D institution, by grade
// (1 other … 4 national).
var rdInstCost = [...]float64{0, 0.3, 0.6, 1.5, 4.0}

// cost is the normalised effort of a move: the relative change of a figure
// times its weight, or a fixed effort per item for discrete facts.
func (m move) cost(c *Ctx) float64 {
	from, ok := m.current(c)
	switch m.kind {
	case lvFigure:
		base := from
		if !ok || base <= 0 {
			// A figure raised from nothing is measured against 5 % of revenue.
			base = 100 * profile.DecScale
			if rev, ok := fRevenue.get(c.P.Years[c.Y]); ok && rev > 0 {
				base = rev / 20
			}
			if m.field.unit == uPersons || m.field.unit == uPoints {
				base = max(from, 10*m.field.scale())
			}
		}
		d := m.to - from
		if d < 0 {
			d = -d
		}
		return figureWeight[m.field.id] * float64(d) / float64(base)
	case lvIP:
		return float64(m.to) * [...]float64{0.3, 1.0, 2.0}[m.variant]
	case lvRDInst:
		return rdInstCost[min(max(m.to, 0), 4)]
	case lvQuality:
		return qualityFacts[m.variant].cost
	case lvDigital:
		return 0.5 * float64(m.to-from)
	case lvCoreIS:
		return 0.3
	case lvMarketShare:
		base := max(from, profile.DecScale/100)
		return 1.5 * float64(m.to-from) / float64(base)
	case lvMarketRank:
		if !ok {
			return 2
		}
		return 0.5 * float64(from-m.to)
	case lvHighTech:
		return 1.5
	}
	return 1
}

// apply changes the profile p (a clone) as the move says. Figures that depend
// on each other move together: more revenue is main-business revenue, main
// revenue never exceeds revenue, and R&D spending is also a cost.
func (m move) apply(c *Ctx, p *profile.Profile) {
	switch m.kind {
	case lvFigure:
		y := ensureYear(p, m.year)
		from, known := m.field.get(y)
		m.field.set(y, m.to)
		delta := m.to - from
		switch m.field {
		case fRevenue:
			if v, ok := fMainRevenue.get(y); ok && known {
				fMainRevenue.set(y, v+delta)
			}
		case fMainRevenue:
			if rev, ok := fRevenue.get(y); ok && rev < m.to {
				fRevenue.set(y, m.to)
			}
		case fRD:
			if v, ok := fCost.get(y); ok && known {
				fCost.set(y, v+delta)
			}
		case fRDStaff, fTechStaff:
			if e, ok := fEmployees.get(y); ok && e < m.to {
				fEmployees.set(y, m.to)
			}
		}
	case lvIP:
		for range m.to {
			p.IP = append(p.IP, newIP(c, m.variant))
		}
	case lvRDInst:
		p.RDInstitutions = append(p.RDInstitutions, profile.RDInstitution{Level: levelNames[m.to], Kind: "企业技术中心"})
	case lvQuality:
		if p.Quality == nil {
			p.Quality = &profile.Quality{}
		}
		t := true
		*qualityFacts[m.variant].ptr(p.Quality) = &t
	case lvDigital:
		l := int(m.to)
		p.DigitalLevel = &l
	case lvCoreIS:
		t := true
		p.CoreBusinessOnIS = &t
	case lvMarketShare, lvMarketRank:
		if p.Product == nil {
			p.Product = &profile.Product{}
		}
		if m.kind == lvMarketShare {
			d := profile.Dec(m.to)
			p.Product.MarketShare = &d
		} else {
			r := int(m.to)
			p.Product.MarketRank = &r
		}
	case lvHighTech:
		from := c.AsOf
		to := profile.Date{Y: from.Y + 3, M: from.M, D: from.D}
		p.Honors = append(p.Honors, profile.Honor{Kind: profile.HighTechEnterprise, ValidFrom: &from, ValidTo: &to})
	}
}

func ensureYear(p *profile.Profile, year int) *profile.Year {
	if p.Years == nil {
		p.Years = map[int]*profile.Year{}
	}
	y := p.Years[year]
	if y == nil {
		y = &profile.Year{}
		p.Years[year] = y
	}
	return y
}

func newIP(c *Ctx, variant uint8) profile.IP {
	g := c.AsOf
	ip := profile.IP{Kind: profile.InventionPatent, Granted: &g, Related: true, SelfDeveloped: true, Applied: true, HolderRank: 1}
	switch variant {
	case ipClass2:
		ip.Kind = profile.SoftwareCopyright
	case ipClass1High:
		ip.HighValue = true
	}
	return ip
}

var levelNames = map[int64]string{1: "other", 2: "municipal", 3: "provincial", 4: "national"}
var levelZH = map[int64]string{1: "市级以下", 2: "市级", 3: "省级", 4: "国家级"}
var ipVariantZH = [...]string{"与主导产品相关的软件著作权（Ⅱ类）", "自主研发的发明专利（Ⅰ类）", "Ⅰ类高价值发明专利"}

// Change is one step of a gap plan, in the contract of spec/profile.md: a
// dotted path into the profile with its new value, or an element to add.
type Change struct {
	Path  string `json:"path"`
	From  any    `json:"from,omitempty"`
	To    any    `json:"to,omitempty"`
	Add   any    `json:"add,omitempty"`
	Count int    `json:"count,omitempty"` // how many elements to add, when more than one
	Unit  string `json:"unit,omitempty"`
	Text  string `json:"text"` // 研发费用增至 150 万元
}

// text words the move for an official: "2025 年研发费用增至 150 万元".
func (m move) text() string {
	n := strconv.FormatInt(m.to, 10)
	switch m.kind {
	case lvFigure:
		verb := "增至"
		if m.lower() {
			verb = "降至"
		}
		return strconv.Itoa(m.year) + " 年" + m.field.zh + verb + " " + fmtRaw(m.field, m.to) + spaceUnit(m.field.unit)
	case lvIP:
		return "新增 " + n + " 项" + ipVariantZH[m.variant]
	case lvRDInst:
		return "建立" + levelZH[m.to] + "研发机构（如企业技术中心）"
	case lvQuality:
		return "取得" + qualityFacts[m.variant].zh
	case lvDigital:
		return "数字化水平提升至 " + n + " 级"
	case lvCoreIS:
		return "至少 1 项核心业务采用信息系统支撑"
	case lvMarketShare:
		return "主导产品细分市场占有率提升至 " + pct(Num(m.to, profile.DecScale))
	case lvMarketRank:
		return "主导产品国内细分市场排名进入前 " + n
	case lvHighTech:
		return "取得高新技术企业认定"
	}
	return ""
}

// change renders the move in the contract form: the path, the value it has
// and the value it takes (or the element to add), and the words.
func (m move) change(c *Ctx) Change {
	from, known := m.current(c)
	ch := Change{Text: m.text()}
	switch m.kind {
	case lvFigure:
		ch.Path, ch.To, ch.Unit = m.field.path(m.year), rawValue(m.field, m.to), unitZH[m.field.unit]
		if known {
			ch.From = rawValue(m.field, from)
		}
	case lvIP:
		ch.Path, ch.Add = "ip", newIP(c, m.variant)
		if m.to > 1 {
			ch.Count = int(m.to)
		}
	case lvRDInst:
		ch.Path, ch.Add = "rd_institutions", profile.RDInstitution{Level: levelNames[m.to], Kind: "企业技术中心"}
	case lvQuality:
		ch.Path, ch.From, ch.To = "quality."+qualityFacts[m.variant].name, false, true
	case lvDigital:
		ch.Path, ch.To = "digital_level", m.to
		if known {
			ch.From = from
		}
	case lvCoreIS:
		ch.Path, ch.From, ch.To = "core_business_on_is", false, true
	case lvMarketShare:
		ch.Path, ch.To = "product.market_share", profile.Dec(m.to)
		if known {
			ch.From = profile.Dec(from)
		}
	case lvMarketRank:
		ch.Path, ch.To = "product.market_rank", m.to
		if known {
			ch.From = from
		}
	case lvHighTech:
		ch.Path, ch.Add = "honors", profile.Honor{Kind: profile.HighTechEnterprise}
	}
	return ch
}

func rawValue(f *field, v int64) any {
	if f.dec != nil {
		return profile.Dec(v)
	}
	return v
}

func fmtRaw(f *field, v int64) string {
	switch {
	case f.unit == uMoney:
		return Money(profile.Dec(v))
	case f.dec != nil:
		return groupDigits(profile.Dec(v).String())
	}
	return Grouped(v)
}

func spaceUnit(u unit) string {
	if unitZH[u] == "" {
		return ""
	}
	return " " + unitZH[u]
}
