package carrier

import (
	"cmp"
	"fmt"
	"io/fs"
	"math/big"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/rules"
)

// Park is a 专精特新产业园 round: land and places to give.
type Park struct {
	ID        int64       `json:"id"`
	Name      string      `json:"name"`
	Region    string      `json:"region"`
	LandMu    profile.Dec `json:"land_mu"` // 亩 for enterprises this round
	Places    int         `json:"places"`
	Year      int         `json:"year"`
	Version   int64       `json:"version"`
	CreatedAt time.Time   `json:"created_at,omitzero"`
	UpdatedAt time.Time   `json:"updated_at,omitzero"`
}

// Validate reports every bad field (none: nil).
func (p *Park) Validate() []cultivation.Problem {
	var ps problems
	ps.name(&p.Name)
	if p.Region == "" {
		ps.bad("region", "所在区县：必填", "region: required")
	}
	if p.LandMu <= 0 || p.LandMu > 100_000*profile.DecScale {
		ps.bad("land_mu", "可供土地：应为大于 0 且不超过 10 万亩", "land_mu: above 0, at most 100,000")
	}
	if p.Places <= 0 || p.Places > 10_000 {
		ps.bad("places", "入园名额：应为 1 到 10000", "places: 1 to 10,000")
	}
	if p.Year < 2020 || p.Year > 2100 {
		ps.bad("year", "年度：应为 2020 到 2100", "year: 2020 to 2100")
	}
	return ps
}

// Application statuses.
const (
	AppApplied   = "applied"   // 已申请
	AppGranted   = "granted"   // 已入园
	AppRefused   = "refused"   // 未入园
	AppWithdrawn = "withdrawn" // 已撤回
)

// AppStatusZH names the statuses.
var AppStatusZH = map[string]string{AppApplied: "已申请", AppGranted: "已入园", AppRefused: "未入园", AppWithdrawn: "已撤回"}

// Application is an enterprise's expansion land need (用地需求) for a park,
// with the figures its 亩均效益 is evaluated on (last full year).
type Application struct {
	ID           int64       `json:"id"`
	ParkID       int64       `json:"park_id"`
	EnterpriseID int64       `json:"enterprise_id"`
	NeedMu       profile.Dec `json:"need_mu"`    // 亩 asked for
	UsedMu       profile.Dec `json:"used_mu"`    // 亩 used now
	Revenue      profile.Dec `json:"revenue"`    // 营业收入, 万元
	Tax          profile.Dec `json:"tax"`        // 实缴税金, 万元
	RDExpense    profile.Dec `json:"rd_expense"` // 研发费用, 万元
	Employees    int64       `json:"employees"`
	Purpose      string      `json:"purpose"`
	Status       string      `json:"status"`
	Version      int64       `json:"version"`
	CreatedAt    time.Time   `json:"created_at,omitzero"`
	UpdatedAt    time.Time   `json:"updated_at,omitzero"`

	// Read with the record.
	EnterpriseName string `json:"enterprise_name,omitempty"`
	USCC           string `json:"uscc,omitempty"`
	Region         string `json:"region,omitempty"`
}

// Validate reports every bad field (none: nil).
func (a *Application) Validate() []cultivation.Problem {
	var p problems
	if a.ParkID <= 0 {
		p.bad("park_id", "产业园：必填", "park_id: required")
	}
	if a.EnterpriseID <= 0 {
		p.bad("enterprise_id", "企业：必填", "enterprise_id: required")
	}
	maxMu := profile.Dec(10_000 * profile.DecScale)
	if a.NeedMu <= 0 || a.NeedMu > maxMu {
		p.bad("need_mu", "用地需求：应为大于 0 且不超过 1 万亩", "need_mu: above 0, at most 10,000")
	}
	if a.UsedMu <= 0 || a.UsedMu > maxMu {
		p.bad("used_mu", "现有用地：应为大于 0 且不超过 1 万亩（亩均效益按现有用地计算）", "used_mu: above 0, at most 10,000")
	}
	for _, f := range []struct {
		path, zh string
		v        profile.Dec
	}{{"revenue", "营业收入", a.Revenue}, {"tax", "实缴税金", a.Tax}, {"rd_expense", "研发费用", a.RDExpense}} {
		if f.v < 0 {
			p.bad(f.path, f.zh+"：不能为负数", f.path+": negative")
		}
	}
	if a.Employees < 0 || a.Employees > 1_000_000 {
		p.bad("employees", "从业人员：应为 0 到 100 万", "employees: 0 to 1,000,000")
	}
	a.Purpose = strings.TrimSpace(a.Purpose)
	if len([]rune(a.Purpose)) > 500 {
		p.bad("purpose", "用途：不超过 500 字", "purpose: at most 500 characters")
	}
	if a.Status != "" && AppStatusZH[a.Status] == "" {
		p.bad("status", "状态：应为已申请、已入园、未入园或已撤回", "status: one of applied, granted, refused, withdrawn")
	}
	return p
}

// Indicator is one 亩均效益 indicator of the settings.
type Indicator struct {
	ID        string  `yaml:"id"`
	Label     string  `yaml:"label"`
	Unit      string  `yaml:"unit"`
	Weight    float64 `yaml:"weight"`
	Benchmark float64 `yaml:"benchmark"` // the value that earns the full weight
	Cap       float64 `yaml:"cap"`       // at most Cap × weight
}

// Mujun is a year's 亩均效益 settings (rules/mujun/<year>.yaml).
type Mujun struct {
	Year       int         `yaml:"year"`
	Source     string      `yaml:"source"`
	Indicators []Indicator `yaml:"indicators"`
	Classes    []Class     `yaml:"classes"`
	Eligible   []string    `yaml:"eligible"`
}

// Class is a class's lower bound of the total score.
type Class struct {
	Class string  `yaml:"class"`
	Min   float64 `yaml:"min"`
}

// indicatorValues are the figures the known indicators read; a settings
// file naming another indicator is refused at load.
var indicatorValues = map[string]func(a *Application) *big.Rat{
	"tax_per_mu":         func(a *Application) *big.Rat { return ratio(int64(a.Tax), int64(a.UsedMu)) },
	"revenue_per_mu":     func(a *Application) *big.Rat { return ratio(int64(a.Revenue), int64(a.UsedMu)) },
	"rd_intensity":       func(a *Application) *big.Rat { return percent(int64(a.RDExpense), int64(a.Revenue)) },
	"labor_productivity": func(a *Application) *big.Rat { return ratio(int64(a.Revenue), a.Employees*profile.DecScale) },
}

func ratio(num, den int64) *big.Rat {
	if den <= 0 {
		return new(big.Rat)
	}
	return big.NewRat(num, den)
}

func percent(num, den int64) *big.Rat {
	return new(big.Rat).Mul(ratio(num, den), big.NewRat(100, 1))
}

// LoadMujun reads the settings of year from the embedded files.
func LoadMujun(year int) (*Mujun, error) {
	b, err := fs.ReadFile(rules.MujunFS, fmt.Sprintf("mujun/%d.yaml", year))
	if err != nil {
		return nil, fmt.Errorf("亩均效益评价：没有 %d 年度的设定 (no settings for %d)", year, year)
	}
	return ParseMujun(b)
}

// LatestMujun reads the settings of the latest year up to year: a round
// uses the last settings published.
func LatestMujun(year int) (*Mujun, error) {
	for y := year; y >= 2020; y-- {
		if m, err := LoadMujun(y); err == nil {
			return m, nil
		}
	}
	return nil, fmt.Errorf("亩均效益评价：没有 %d 年及以前的设定 (no settings up to %d)", year, year)
}

// ParseMujun parses and checks a settings file.
func ParseMujun(b []byte) (*Mujun, error) {
	var m Mujun
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if len(m.Indicators) == 0 || len(m.Classes) == 0 {
		return nil, fmt.Errorf("mujun %d: indicators and classes are required", m.Year)
	}
	for _, in := range m.Indicators {
		if indicatorValues[in.ID] == nil {
			return nil, fmt.Errorf("mujun %d: unknown indicator %q", m.Year, in.ID)
		}
		if in.Weight <= 0 || in.Benchmark <= 0 || in.Cap < 1 {
			return nil, fmt.Errorf("mujun %d: %s needs a weight and benchmark above 0 and a cap of at least 1", m.Year, in.ID)
		}
	}
	if !slices.IsSortedFunc(m.Classes, func(a, b Class) int { return cmp.Compare(b.Min, a.Min) }) || m.Classes[len(m.Classes)-1].Min != 0 {
		return nil, fmt.Errorf("mujun %d: classes must go from the highest bound down to 0", m.Year)
	}
	return &m, nil
}

// Score is one indicator's part of an evaluation.
type Score struct {
	ID     string  `json:"id"`
	Label  string  `json:"label"`
	Unit   string  `json:"unit"`
	Value  float64 `json:"value"`  // the figure, rounded to 2 decimals
	Points float64 `json:"points"` // rounded to 2 decimals
	Weight float64 `json:"weight"`
}

// Evaluation is an application's 亩均效益 result.
type Evaluation struct {
	Scores   []Score `json:"scores"`
	Total    float64 `json:"total"`
	Class    string  `json:"class"`
	Eligible bool    `json:"eligible"`
}

// Evaluate scores an application. The figures are exact rationals until
// the points are rounded to 2 decimals, so two applications with the same
// figures always get the same score on any machine.
func (m *Mujun) Evaluate(a *Application) Evaluation {
	var ev Evaluation
	total := new(big.Rat)
	for _, in := range m.Indicators {
		v := indicatorValues[in.ID](a)
		bench, _ := new(big.Rat).SetString(fmt.Sprint(in.Benchmark))
		capR, _ := new(big.Rat).SetString(fmt.Sprint(in.Cap))
		weight, _ := new(big.Rat).SetString(fmt.Sprint(in.Weight))
		part := new(big.Rat).Quo(v, bench)
		if part.Cmp(capR) > 0 {
			part = capR
		}
		pts := new(big.Rat).Mul(part, weight)
		total.Add(total, pts)
		ev.Scores = append(ev.Scores, Score{ID: in.ID, Label: in.Label, Unit: in.Unit, Value: round2(v), Points: round2(pts), Weight: in.Weight})
	}
	ev.Total = round2(total)
	for _, c := range m.Classes {
		if ev.Total >= c.Min {
			ev.Class = c.Class
			break
		}
	}
	ev.Eligible = slices.Contains(m.Eligible, ev.Class)
	return ev
}

func round2(r *big.Rat) float64 {
	f, _ := new(big.Rat).Mul(r, big.NewRat(100, 1)).Float64()
	if f < 0 {
		return -float64(int64(-f+0.5)) / 100
	}
	return float64(int64(f+0.5)) / 100
}

// Ranked is an application in the ranking, with its evaluation and whether
// it falls within the park's places and land.
type Ranked struct {
	*Application
	Evaluation
	Rank   int  `json:"rank"`
	Within bool `json:"within_places"` // 拟入园: eligible, within the places and the land left
}

// Rank orders the live applications (applied or granted) by class, then
// score, then the smaller land need, then the earlier application; and
// marks those the park's places and land can take, in that order. An
// application needing more land than is left is passed over for the next.
func (m *Mujun) Rank(p *Park, apps []*Application) []Ranked {
	var out []Ranked
	for _, a := range apps {
		if a.Status == AppApplied || a.Status == AppGranted {
			out = append(out, Ranked{Application: a, Evaluation: m.Evaluate(a)})
		}
	}
	classRank := map[string]int{}
	for i, c := range m.Classes {
		classRank[c.Class] = i
	}
	slices.SortStableFunc(out, func(x, y Ranked) int {
		return cmp.Or(cmp.Compare(classRank[x.Class], classRank[y.Class]), cmp.Compare(y.Total, x.Total),
			cmp.Compare(x.NeedMu, y.NeedMu), x.CreatedAt.Compare(y.CreatedAt), cmp.Compare(x.ID, y.ID))
	})
	places, land := p.Places, p.LandMu
	for i := range out {
		out[i].Rank = i + 1
		if out[i].Eligible && places > 0 && out[i].NeedMu <= land {
			out[i].Within = true
			places--
			land -= out[i].NeedMu
		}
	}
	return out
}
