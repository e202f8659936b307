package profile

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Size is an enterprise size class under the SME size standard (企业规模).
type Size string

// Sizes, largest first. SizeUnknown means a figure the size depends on is
// missing.
const (
	SizeUnknown Size = ""
	SizeLarge   Size = "large"  // 大型
	SizeMedium  Size = "medium" // 中型
	SizeSmall   Size = "small"  // 小型
	SizeMicro   Size = "micro"  // 微型
)

// ZH returns the Chinese name of s.
func (s Size) ZH() string {
	switch s {
	case SizeLarge:
		return "大型"
	case SizeMedium:
		return "中型"
	case SizeSmall:
		return "小型"
	case SizeMicro:
		return "微型"
	}
	return "未知"
}

// SizeResult is the outcome of the SME size test (中小企业划型).
type SizeResult struct {
	Row    string // the row of smesize.yaml applied ("industry", "software", "other"); "" if none
	RowZH  string // its Chinese name (工业)
	Clause string // its clause of the standard (第四条（二）)

	// SME reports a 中小微型企业; it means something only when Known.
	SME bool
	// Known is false when the industry cannot be classified or a figure the
	// SME line needs is missing: the criterion's outcome is then "missing".
	Known bool
	// Size is the size class, SizeUnknown when a figure it needs is missing
	// (an industrial firm of 500 people with unknown revenue is an SME, but
	// medium or small depends on the revenue).
	Size Size
	// Missing lists the figures the row reads that were not given:
	// "employees", "revenue", "total_assets".
	Missing []string
	// Reason says, in English and Chinese, why the industry could not be
	// classified; empty otherwise.
	Reason, ReasonZH string
}

//go:embed smesize.yaml
var sizeYAML []byte

// sizeTable is the parsed smesize.yaml. It is embedded data, so a broken
// file is a build defect: the tests load it, and the package panics at start
// rather than misclassify.
var sizeTable = mustLoadSizeTable(sizeYAML)

type sizeTableData struct {
	Source struct {
		Title, Number, Date, Clause string
	} `yaml:"source"`
	Rows       []*sizeRow `yaml:"rows"`
	NotCovered []struct {
		Codes    []string `yaml:"codes"`
		Reason   string   `yaml:"reason"`
		ReasonZH string   `yaml:"reason_zh"`
	} `yaml:"not_covered"`

	entries []sizeEntry // every code, longest first
	other   *sizeRow
}

type sizeRow struct {
	ID      string     `yaml:"id"`
	ZH      string     `yaml:"zh"`
	Clause  string     `yaml:"clause"`
	Text    string     `yaml:"text"`
	Codes   []string   `yaml:"codes"`
	Default bool       `yaml:"default"`
	Large   thresholds `yaml:"large"`
	Medium  thresholds `yaml:"medium"`
	Small   thresholds `yaml:"small"`
}

// thresholds are the lower bounds of one size; a nil bound is not read.
type thresholds struct {
	Employees *int64 `yaml:"employees"` // 人
	Revenue   *int64 `yaml:"revenue"`   // 万元
	Assets    *int64 `yaml:"assets"`    // 万元
}

// sizeEntry maps one code prefix to a row, or to a reason it is not covered.
type sizeEntry struct {
	code             string
	row              *sizeRow
	reason, reasonZH string
}

func mustLoadSizeTable(b []byte) *sizeTableData {
	t, err := loadSizeTable(b)
	if err != nil {
		panic(err)
	}
	return t
}

func loadSizeTable(b []byte) (*sizeTableData, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	t := new(sizeTableData)
	if err := dec.Decode(t); err != nil {
		return nil, fmt.Errorf("profile: smesize.yaml: %w", err)
	}
	seen := map[string]bool{}
	addCode := func(e sizeEntry) error {
		if !validCodePrefix(e.code) {
			return fmt.Errorf("profile: smesize.yaml: malformed industry code %q", e.code)
		}
		if seen[e.code] {
			return fmt.Errorf("profile: smesize.yaml: industry code %q listed twice", e.code)
		}
		seen[e.code] = true
		t.entries = append(t.entries, e)
		return nil
	}
	for _, r := range t.Rows {
		if err := r.check(); err != nil {
			return nil, err
		}
		if r.Default {
			if t.other != nil {
				return nil, fmt.Errorf("profile: smesize.yaml: two default rows")
			}
			t.other = r
		}
		for _, c := range r.Codes {
			if err := addCode(sizeEntry{code: c, row: r}); err != nil {
				return nil, err
			}
		}
	}
	for _, nc := range t.NotCovered {
		for _, c := range nc.Codes {
			if err := addCode(sizeEntry{code: c, reason: nc.Reason, reasonZH: nc.ReasonZH}); err != nil {
				return nil, err
			}
		}
	}
	if t.other == nil {
		return nil, fmt.Errorf("profile: smesize.yaml: no default row")
	}
	slices.SortStableFunc(t.entries, func(a, b sizeEntry) int { return len(b.code) - len(a.code) })
	return t, nil
}

// check refuses a row whose sizes read different figures or whose bounds do
// not shrink from large to small: either would make the size ambiguous.
func (r *sizeRow) check() error {
	bad := func(msg string) error { return fmt.Errorf("profile: smesize.yaml: row %q: %s", r.ID, msg) }
	if r.ID == "" || r.ZH == "" {
		return bad("id and zh are required")
	}
	if len(r.Codes) == 0 && !r.Default {
		return bad("no codes")
	}
	metrics := [3]func(thresholds) *int64{
		func(t thresholds) *int64 { return t.Employees },
		func(t thresholds) *int64 { return t.Revenue },
		func(t thresholds) *int64 { return t.Assets },
	}
	used := 0
	for _, m := range metrics {
		l, md, s := m(r.Large), m(r.Medium), m(r.Small)
		if (l == nil) != (md == nil) || (l == nil) != (s == nil) {
			return bad("large, medium and small must read the same figures")
		}
		if l == nil {
			continue
		}
		used++
		if !(0 < *s && *s <= *md && *md <= *l) {
			return bad("bounds must satisfy 0 < small <= medium <= large")
		}
	}
	if used == 0 {
		return bad("no thresholds")
	}
	return nil
}

// validCodePrefix accepts a section letter with 0–4 digits.
func validCodePrefix(c string) bool {
	return len(c) >= 1 && len(c) <= 5 && c[0] >= 'A' && c[0] <= 'T' && isDigits(c[1:], len(c)-1)
}

// find returns the entry for code: the longest listed prefix of it, or the
// default row. ok is false when code is too coarse to decide, i.e. a longer
// listed code starting with it leads elsewhere ("G59" holds both 装卸搬运
// G591, transport, and 仓储 G592–G599).
func (t *sizeTableData) find(code string) (e sizeEntry, ok bool) {
	e = sizeEntry{code: "", row: t.other}
	for _, x := range t.entries {
		if strings.HasPrefix(code, x.code) {
			e = x
			break
		}
	}
	for _, x := range t.entries {
		if len(x.code) > len(code) && strings.HasPrefix(x.code, code) && (x.row != e.row || x.reason != e.reason) {
			return e, false
		}
	}
	return e, true
}

// SizeClass applies the SME size standard (中小企业划型标准规定,
// 工信部联企业〔2011〕300号) to an enterprise of the GB/T 4754-2017 industry
// code with the given figures of one year: employees (从业人员), revenue
// (营业收入, 万元) and total assets (资产总额, 万元). A nil figure is unknown;
// the result is still known when the figures given decide it (an industrial
// firm of 999 people is an SME whatever its revenue).
func SizeClass(industry string, employees *int64, revenue, assets *Dec) SizeResult {
	code := strings.TrimSpace(industry)
	if code == "" {
		return SizeResult{Reason: "the industry code is missing", ReasonZH: "缺少国民经济行业分类代码"}
	}
	if !validCodePrefix(code) {
		return SizeResult{
			Reason:   fmt.Sprintf("%q is not a GB/T 4754-2017 code", code),
			ReasonZH: fmt.Sprintf("“%s”不是有效的国民经济行业分类代码", code),
		}
	}
	e, ok := sizeTable.find(code)
	if !ok {
		return SizeResult{
			Reason:   fmt.Sprintf("industry code %s is too coarse to choose a row of the standard; give the group or class", code),
			ReasonZH: fmt.Sprintf("行业代码 %s 不够细，无法确定划型行业，请填写到中类或小类", code),
		}
	}
	if e.row == nil {
		return SizeResult{Reason: e.reason, ReasonZH: e.reasonZH}
	}
	r := e.row
	res := SizeResult{Row: r.ID, RowZH: r.ZH, Clause: r.Clause}

	large := meets(r.Large, employees, revenue, assets)
	res.Known = large != triUnknown
	res.SME = large == triNo
	switch {
	case large == triYes:
		res.Size = SizeLarge
	case large == triNo:
		switch medium := meets(r.Medium, employees, revenue, assets); medium {
		case triYes:
			res.Size = SizeMedium
		case triNo:
			switch meets(r.Small, employees, revenue, assets) {
			case triYes:
				res.Size = SizeSmall
			case triNo:
				res.Size = SizeMicro
			}
		}
	}
	if !res.Known || res.Size == SizeUnknown {
		if r.Large.Employees != nil && employees == nil {
			res.Missing = append(res.Missing, "employees")
		}
		if r.Large.Revenue != nil && revenue == nil {
			res.Missing = append(res.Missing, "revenue")
		}
		if r.Large.Assets != nil && assets == nil {
			res.Missing = append(res.Missing, "total_assets")
		}
	}
	return res
}

// SizeClass applies the SME size test to the figures of year y.
func (p *Profile) SizeClass(y int) SizeResult {
	yr := p.Years[y]
	if yr == nil {
		yr = &Year{}
	}
	return SizeClass(p.Industry, yr.Employees, yr.Revenue, yr.TotalAssets)
}

// tri is a three-valued truth: a comparison with an unknown figure is
// unknown, and "all bounds met" is the Kleene conjunction, so one figure
// below its bound decides "no" even when another figure is unknown.
type tri int8

const (
	triNo tri = iota
	triYes
	triUnknown
)

// meets reports whether every bound of t is met (及以上: ≥).
func meets(t thresholds, employees *int64, revenue, assets *Dec) tri {
	out := triYes
	and := func(v tri) {
		switch {
		case v == triNo:
			out = triNo
		case v == triUnknown && out == triYes:
			out = triUnknown
		}
	}
	if t.Employees != nil {
		and(atLeastInt(employees, *t.Employees))
	}
	if t.Revenue != nil {
		and(atLeastDec(revenue, *t.Revenue))
	}
	if t.Assets != nil {
		and(atLeastDec(assets, *t.Assets))
	}
	return out
}

func atLeastInt(v *int64, bound int64) tri {
	switch {
	case v == nil:
		return triUnknown
	case *v >= bound:
		return triYes
	}
	return triNo
}

// atLeastDec compares exactly: the bound is whole 万元, and a revenue of
// 39999.9999 is below 40000.
func atLeastDec(v *Dec, bound int64) tri {
	switch {
	case v == nil:
		return triUnknown
	case *v >= DecFromInt(bound):
		return triYes
	}
	return triNo
}

// foundEntry is a cached result of sizeTableData.find.
type foundEntry struct {
	e  sizeEntry
	ok bool
}

// findCache remembers the row of each industry code seen: a population has
// a few hundred distinct codes, and the criteria engine asks for every
// enterprise and tier.
var findCache sync.Map // string → foundEntry

// IsSME is the SME test alone, for the criteria engine's hot path: whether
// the enterprise is a 中小微型企业, and whether the figures given decide it.
// It agrees with SizeClass(…).SME and .Known.
func IsSME(industry string, employees *int64, revenue, assets *Dec) (sme, known bool) {
	var fe foundEntry
	if v, ok := findCache.Load(industry); ok {
		fe = v.(foundEntry)
	} else {
		code := strings.TrimSpace(industry)
		if code != "" && validCodePrefix(code) {
			fe.e, fe.ok = sizeTable.find(code)
		}
		findCache.Store(industry, fe)
	}
	if !fe.ok || fe.e.row == nil {
		return false, false
	}
	large := meets(fe.e.row.Large, employees, revenue, assets)
	return large == triNo, large != triUnknown
}
