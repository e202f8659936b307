package web

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"zjtx/internal/profile"
)

// The self-test page's view: the form in groups, the year table, the
// results and the what-if sliders.

type selftestView struct {
	base
	Form      *selftestForm
	Groups    []fieldGroup
	YearRows  []yearInputRow
	Years     []int
	Report    *reportView
	Name      string
	DocJSON   string   // the document evaluated (without what-if), for the what-if and print forms
	Sliders   []slider // what-if
	Applied   []string // what-if changes applied, in words
	Upload    []string // problems of an uploaded file
	Summary   *errorSummary
	CanSave   bool
	OwnRecord bool // the form holds the enterprise user's own record
}

type fieldGroup struct {
	ID     string
	Title  string
	Hint   string
	Fields []formField
	Checks []formField // checkboxes, shown as a list
}

type yearInputRow struct {
	Label string
	Unit  string
	Cells []formField
}

type slider struct {
	Name  string
	Label string
	Unit  string
	Min   string
	Max   string
	Step  string
	Value string
	Orig  string
}

func (f *selftestForm) field(path, label, hint string) formField {
	info, _ := profile.Describe(path)
	if label == "" {
		label = info.Label
	}
	ff := formField{Name: path, Label: label, Unit: info.Unit, Kind: info.Kind, Value: f.Values[path],
		Error: f.Errors[path], Hint: hint}
	if ff.Kind == "bool" {
		ff.Checked = ff.Value == "true"
	}
	return ff
}

// tri is a yes/no question with 未填 as its third answer (see triState).
func (f *selftestForm) tri(name, label string) formField {
	return formField{Name: name, Label: label, Kind: "tristate", Value: f.Values[name], Error: f.Errors[name],
		Options: []option{{"true", "是"}, {"false", "否"}, {"", "未填"}}}
}

func (f *selftestForm) choice(name, label, hint string, opts []option) formField {
	return formField{Name: name, Label: label, Kind: "select", Value: f.Values[name], Error: f.Errors[name],
		Hint: hint, Options: opts}
}

func (f *selftestForm) count(name, label, hint string) formField {
	return formField{Name: name, Label: label, Unit: "项", Kind: "integer", Value: f.Values[name], Error: f.Errors[name], Hint: hint}
}

func (f *selftestForm) check(name, label string) formField {
	return formField{Name: name, Label: label, Kind: "bool", Checked: f.Values[name] == "true"}
}

// layout arranges the form for the page.
func (w *Web) layout(v *selftestView) {
	f := v.Form
	v.Years = f.Years
	regions := []option{{"", "请选择"}}
	for _, r := range w.regions {
		regions = append(regions, option{r.Code, r.Name})
	}
	v.Groups = append(v.Groups, fieldGroup{ID: "basic", Title: "一、基本信息",
		Fields: []formField{
			f.field("name", "企业名称", ""),
			f.field("uscc", "统一社会信用代码", "选填；不填不影响测算"),
			f.choice("region", "注册地（区县（市）/开发区）", "", regions),
			f.field("industry", "国民经济行业分类代码", "如 C3484，用于中小企业划型"),
			f.field("established", "成立日期", ""),
			f.field("niche_since", "从事特定细分市场起始日", ""),
			f.tri("legal_person", "具有独立法人资格"),
		},
	})
	for _, k := range selftestYearKeys {
		info, _ := profile.Describe("years.*." + k)
		row := yearInputRow{Label: info.Label, Unit: info.Unit}
		for _, y := range f.Years {
			row.Cells = append(row.Cells, f.field(fmt.Sprintf("years.%d.%s", y, k), info.Label, ""))
		}
		v.YearRows = append(v.YearRows, row)
	}
	tiers := []option{{"", "暂无"}, {profile.TierTechSME, tierNames[profile.TierTechSME]},
		{profile.TierInnovative, tierNames[profile.TierInnovative]}, {profile.TierSRDI, tierNames[profile.TierSRDI]},
		{profile.TierLittleGiant, tierNames[profile.TierLittleGiant]}}
	insts := []option{{"", "暂无"}, {profile.LevelMunicipal, "市级"}, {profile.LevelProvincial, "省级"}, {profile.LevelNational, "国家级"}}
	v.Groups = append(v.Groups, fieldGroup{ID: "innovation", Title: "三、创新能力与称号",
		Fields: []formField{
			f.count(inIP1, "Ⅰ类知识产权", "与主导产品相关：发明专利、集成电路布图设计、植物新品种等"),
			f.count(inIP2, "Ⅱ类知识产权", "与主导产品相关：实用新型、外观设计、软件著作权"),
			f.choice(inRDInst, "最高级别研发机构", "", insts),
			f.choice(inAward, "近三年科学技术奖励（单位排名前三）", "", []option{{"", "暂无"}, {profile.LevelProvincial, "省部级"}, {profile.LevelNational, "国家级"}}),
			f.choice(inTitle, "已获梯度称号（有效期内）", "", tiers),
			f.field(f.platformPath(), fmt.Sprintf("专精特新发展评价得分（%d 年）", f.AsOf.Y), "国家平台计算，0–100；2026 年起的标准使用"),
		},
		Checks: []formField{f.check(inApplied, "Ⅰ类知识产权已实际应用并产生经济效益"),
			f.check(inHighTech, "高新技术企业（有效期内）"), f.check(inTechSME, "科技型中小企业（已入库）")},
	})
	levels := []option{{"", "未评估"}, {"1", "一级"}, {"2", "二级"}, {"3", "三级"}, {"4", "四级"}}
	var quality []formField
	for _, k := range qualityKeys {
		quality = append(quality, f.field("quality."+k, "", ""))
	}
	quality = append(quality, f.field("core_business_on_is", "至少 1 项核心业务采用信息系统支撑", ""))
	v.Groups = append(v.Groups, fieldGroup{ID: "quality", Title: "四、质量、品牌与数字化",
		Fields: []formField{f.choice("digital_level", "中小企业数字化水平等级", "", levels)},
		Checks: quality})
	var domains []formField
	for _, d := range domainOrder {
		domains = append(domains, formField{Name: inDomains, Label: domainNames[d], Kind: "bool", Value: d, Checked: f.Domains[d]})
	}
	domains = append(domains, f.field("product.strategic_emerging", "主导产品属于《战略性新兴产业分类》", ""))
	v.Groups = append(v.Groups, fieldGroup{ID: "product", Title: "五、主导产品与市场",
		Fields: []formField{
			f.field("product.name", "主导产品名称", ""),
			f.field("product.market_share", "全国细分市场占有率", "0–1 之间的小数，如 0.12 即 12%"),
			f.field("product.market_rank", "国内细分市场排名", ""),
		},
		Checks: domains})
	var flags []formField
	for _, k := range flagKeys {
		flags = append(flags, f.field("flags."+k, "", ""))
	}
	v.Groups = append(v.Groups, fieldGroup{ID: "flags", Title: "六、负面清单", Hint: "存在以下情形的请勾选；均不存在则不勾选。",
		Checks: flags})
}

// summary lists the form's problems, in the order of the page, for the box
// at its top.
func (v *selftestView) summary() *errorSummary {
	f := v.Form
	s := &errorSummary{Heading: "未能测算，请修改以下内容："}
	listed := map[string]bool{}
	add := func(ff formField, label string) {
		if !listed[ff.Name] && ff.Error != "" {
			s.add(ff, label)
			listed[ff.Name] = true
		}
	}
	for i, g := range v.Groups {
		if i == 1 {
			for _, row := range v.YearRows {
				for _, c := range row.Cells {
					add(c, pathLabel(c.Name))
				}
			}
		}
		for _, ff := range append(g.Fields, g.Checks...) {
			add(ff, ff.Label)
		}
	}
	for _, in := range slices.Sorted(maps.Keys(f.Errors)) {
		if !listed[in] {
			s.addOther(pathLabel(in) + "：" + f.Errors[in])
		}
	}
	s.addOther(f.Other...)
	return s.orNil()
}

// sliders are the what-if inputs: R&D expense, revenue and Ⅰ类 IP of the
// data year, from 0 to a few times the current value.
func (w *Web) sliders(p *profile.Profile, y int, applied map[string]string) []slider {
	yr := p.Years[y]
	dec := func(d *profile.Dec) float64 {
		if yr == nil || d == nil {
			return 0
		}
		return d.Float()
	}
	var rd, rev *profile.Dec
	if yr != nil {
		rd, rev = yr.RDExpense, yr.Revenue
	}
	ip1 := 0
	for _, e := range p.IP {
		if e.Related && !e.Pending && profile.IPClass(e.Kind) == 1 {
			ip1++
		}
	}
	top := func(x, floor float64) string {
		m := max(floor, 3*x)
		return strconv.FormatFloat(niceCeil(m), 'f', -1, 64)
	}
	// The slider takes the plain number; 原值 is shown as the forms write it.
	raw := func(d *profile.Dec) string {
		if d == nil {
			return "0"
		}
		return d.String()
	}
	list := []slider{
		{Name: "wi_rd", Label: fmt.Sprintf("研发费用（%d 年）", y), Unit: "万元", Min: "0", Max: top(dec(rd), 300), Step: "0.01", Orig: fmtDec(rd), Value: raw(rd)},
		{Name: "wi_rev", Label: fmt.Sprintf("营业收入（%d 年）", y), Unit: "万元", Min: "0", Max: top(dec(rev), 3000), Step: "0.01", Orig: fmtDec(rev), Value: raw(rev)},
		{Name: "wi_ip1", Label: "Ⅰ类知识产权", Unit: "项", Min: "0", Max: top(float64(ip1), 10), Step: "1", Orig: strconv.Itoa(ip1), Value: strconv.Itoa(ip1)},
	}
	for i := range list {
		s := &list[i]
		if a := applied[s.Name]; a != "" {
			s.Value = a
		}
	}
	return list
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten.
func niceCeil(x float64) float64 {
	p := 1.0
	for p*10 <= x {
		p *= 10
	}
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}
