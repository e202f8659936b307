package criteria

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// confidenceZH explains the tags of spec/criteria.md to an official.
var confidenceZH = map[string]string{
	"C1":          "官方原文：见于政府网站所载原文、本项目种子文件（郑州市官方文件），或两份以上独立的原文转载",
	"C2":          "二手材料：仅见于二手材料，且两份以上独立来源一致；上线前须与官方原文核对",
	"C3":          "单一来源：仅见于一份二手材料；以参数或开关实现，待官方确认",
	"UNCONFIRMED": "未确认：未见于任何来源（记忆或推断）；须取得官方原文",
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"}

func cnNum(n int) string {
	if n >= 0 && n < len(cnDigits) {
		return cnDigits[n]
	}
	return strconv.Itoa(n)
}

// Doc renders a rule set as a 规则说明书 in Markdown: the document it comes
// from, when it applies, how the open points of the text are read, every
// condition and points band with its clause and confidence, and the formula
// of every metric used — what an official checks against the PDF
// (spec/engine-notes.md §8.8).
func Doc(rs *RuleSet) string {
	d := &docWriter{rs: rs, used: map[string]bool{}}
	d.collectMetrics()
	d.title()
	d.source()
	d.windows()
	d.confidence()
	d.notes()
	d.params()
	d.overview()
	for _, s := range []struct {
		title string
		list  []*Node
		intro string
	}{
		{"前置条件", rs.Prerequisites, "申报的前提，须全部满足。"},
		{"必备条件", rs.Mandatory, "须全部满足。"},
		{"直通条件", rs.Direct, "满足其中任一项即可，不再要求评分达标。"},
	} {
		if len(s.list) > 0 {
			d.conditions(s.title, s.intro, s.list)
		}
	}
	if rs.Score != nil {
		d.score()
	}
	d.appendix()
	return d.b.String()
}

type docWriter struct {
	b    strings.Builder
	rs   *RuleSet
	used map[string]bool // metric ids
	h2n  int
}

func (d *docWriter) p(format string, args ...any) { fmt.Fprintf(&d.b, format, args...) }

func (d *docWriter) h2(title string) {
	d.h2n++
	d.p("\n## %s、%s\n\n", cnNum(d.h2n), title)
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

func (d *docWriter) row(cells ...string) {
	for i := range cells {
		cells[i] = cell(cells[i])
	}
	d.p("| %s |\n", strings.Join(cells, " | "))
}

func (d *docWriter) header(cols ...string) {
	d.row(cols...)
	seps := make([]string, len(cols))
	for i := range seps {
		seps[i] = "---"
	}
	d.p("|%s|\n", strings.Join(seps, "|"))
}

func (d *docWriter) collectMetrics() {
	var walk func(ns []*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			if n.Metric != "" {
				d.used[n.Metric] = true
			}
			walk(n.All)
			walk(n.Any)
		}
	}
	walk(d.rs.Prerequisites)
	walk(d.rs.Mandatory)
	walk(d.rs.Direct)
	if d.rs.Score != nil {
		for _, it := range d.rs.Score.Items {
			if it.Metric != "" {
				d.used[it.Metric] = true
			}
			for _, a := range it.BestOf {
				d.used[a.Metric] = true
			}
		}
	}
}

func (d *docWriter) usesAny(ids ...string) bool {
	for _, id := range ids {
		if d.used[id] {
			return true
		}
	}
	return false
}

func jurisdictionZH(j string) string {
	if j == "" || j == "national" {
		return "全国"
	}
	return "行政区划代码 " + j + " 开头的地区"
}

func (d *docWriter) title() {
	rs := d.rs
	name := rs.Name
	if name == "" {
		name = TierZH[rs.Tier]
	}
	d.p("# %s（%s）规则说明书\n\n", name, rs.ID)
	d.p("> 本说明书由规则文件 `%s` 自动生成：条件编号、表述、阈值、出处与可信度均取自该文件，供对照原文核对。", rs.ID)
	if h := rs.Hash(); h != "" {
		d.p("内容哈希 `#%s`。", h)
	}
	d.p("\n\n")
	d.header("项目", "内容")
	d.row("规则集", rs.ID)
	d.row("层级", fmt.Sprintf("%s（%s）", TierZH[rs.Tier], rs.Tier))
	d.row("版本", rs.Version)
	d.row("适用地区", jurisdictionZH(rs.Jurisdiction))
	if rs.Extends != "" {
		d.row("叠加于", rs.Extends+"（地方规则在其基础上增删改）")
	}
}

func (d *docWriter) source() {
	s := d.rs.Source
	d.h2("文件依据")
	if s.Title == "" {
		d.p("规则集未写文件依据，各条件的出处见条件表。\n")
		return
	}
	d.header("项目", "内容")
	d.row("文件名称", "《"+s.Title+"》")
	for _, r := range [][2]string{{"文号", s.DocNo}, {"附件", s.Annex}, {"印发日期", s.Issued}, {"原文链接", s.URL}} {
		if r[1] != "" {
			d.row(r[0], r[1])
		}
	}
	if len(d.rs.Patches) > 0 {
		d.p("\n地方叠加的修改：\n\n")
		for _, pt := range d.rs.Patches {
			ref := ""
			if pt.Ref != "" {
				ref = "（" + pt.Ref + "）"
			}
			switch {
			case pt.Replace != nil:
				d.p("- 替换 %s：%s%s\n", pt.Replace.ID, pt.Replace.Label, ref)
			case pt.Remove != "":
				d.p("- 删除 %s%s\n", pt.Remove, ref)
			case pt.Add != nil:
				d.p("- 新增 %s：%s%s\n", pt.Add.ID, pt.Add.Label, ref)
			}
		}
	}
}

func (d *docWriter) windows() {
	d.h2("适用期间")
	if len(d.rs.Applies) == 0 {
		d.p("未写适用期间：本规则集不会被选用。\n")
		return
	}
	d.header("申请类型", "起始日", "截止日")
	for _, w := range d.rs.Applies {
		to := w.To
		if to == "" {
			to = "长期有效（至新规则集发布）"
		}
		typ := typeZH[w.Type]
		if typ == "" {
			typ = w.Type
		}
		d.row(typ, w.From, to)
	}
	d.p("\n起止日均含当日。评估日落在期间内的该类申请适用本规则集；同一层级、同一地区的同类申请在同一天只有一个规则集有效。\n")
}

// effConf is a node's confidence, or the rule set's when the node has none.
func (d *docWriter) effConf(c string) string {
	if c == "" {
		return d.rs.Confidence
	}
	return c
}

func (d *docWriter) confidence() {
	d.h2("可信度")
	c := d.rs.Confidence
	if c == "" {
		c = "未标注"
	}
	d.p("本规则集整体可信度：**%s**", c)
	if z := confidenceZH[d.rs.Confidence]; z != "" {
		d.p("（%s）", z)
	}
	d.p("。各条件、评分项的可信度见表中“可信度”列；未单独标注的，同规则集整体可信度。\n\n")
	count := map[string]int{}
	for _, n := range slices.Concat(d.rs.Prerequisites, d.rs.Mandatory, d.rs.Direct) {
		count[d.effConf(n.Confidence)]++
	}
	if d.rs.Score != nil {
		for _, it := range d.rs.Score.Items {
			count[d.effConf(it.Confidence)]++
		}
	}
	var parts []string
	for _, tag := range []string{"C1", "C2", "C3", "UNCONFIRMED"} {
		if count[tag] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 项", tag, count[tag]))
		}
	}
	if len(parts) > 0 {
		d.p("分布：%s。\n\n", strings.Join(parts, "，"))
	}
	d.header("标记", "含义")
	for _, tag := range []string{"C1", "C2", "C3", "UNCONFIRMED"} {
		d.row(tag, confidenceZH[tag])
	}
}

func (d *docWriter) notes() {
	if d.rs.Note == "" {
		return
	}
	d.h2("说明")
	d.p("%s\n", d.rs.Note)
}

func (d *docWriter) params() {
	p := d.rs.Params
	d.h2("参数口径")
	d.p("原文未明确之处按以下口径执行；口径是规则文件中的参数，官方另有解释时修改规则文件即可。\n\n")
	d.header("参数", "取值", "含义")
	y := "数据年度 = 评估年度"
	switch {
	case p.DataYearOffset < 0:
		y += fmt.Sprintf(" − %d", -p.DataYearOffset)
	case p.DataYearOffset > 0:
		y += fmt.Sprintf(" + %d", p.DataYearOffset)
	}
	if p.DataYearOffset == -1 {
		y += "，即“上年度”：例如 2026 年评估，以 2025 年度数据为准；“近两年”指数据年度及其前一年，“近三年”再往前一年"
	}
	d.row("data_year_offset", strconv.Itoa(p.DataYearOffset), y)
	if p.Inclusive {
		d.row("inclusive", "true", "阈值含等号：“不低于”“以上”“不超过”“以下”均包含本数（如“不低于 3%”，恰为 3.00% 即符合）")
	} else {
		d.row("inclusive", "false", "阈值不含等号：恰等于阈值的不符合")
	}
	switch p.BandEdge {
	case "higher":
		d.row("band_edge", p.BandEdge, "边界值取高档：数值恰好落在两档分界上时按较高一档计分（如恰为 80%，计入“80%以上”档）")
	case "lower":
		d.row("band_edge", p.BandEdge, "边界值取低档：数值恰好落在两档分界上时按较低一档计分")
	default:
		d.row("band_edge", p.BandEdge, "（取值有误）")
	}
	if d.usesAny("main_growth_2y") {
		switch p.Growth2y {
		case "cagr":
			d.row("growth_2y", p.Growth2y, "平均增长率口径：复合增长率 √(Y 年 ÷ Y−2 年) − 1")
		default:
			d.row("growth_2y", p.Growth2y, "平均增长率口径：两年增长率的算术平均，即 (Y−1 年增长率 + Y 年增长率) ÷ 2（官方未明确，可改为复合增长率 cagr）")
		}
	}
	if d.usesAny("ip_level", "ip_count", "ip_k3") {
		var t string
		switch {
		case p.TransferExcludeMonths < 0:
			t = "受让取得的知识产权一律不计"
		case p.TransferExcludeMonths == 0:
			t = "受让取得的知识产权均计入"
		default:
			t = fmt.Sprintf("评估日前 %d 个月内受让取得的知识产权不计（满 %d 个月的计入；受让日期未填而影响结果的为缺数据）", p.TransferExcludeMonths, p.TransferExcludeMonths)
		}
		d.row("transfer_exclude_months", strconv.Itoa(p.TransferExcludeMonths), t)
		h := "知识产权不限权利人排名"
		if p.MaxHolderRank > 0 {
			h = fmt.Sprintf("知识产权须企业为前 %d 位权利人方可计入", p.MaxHolderRank)
		}
		d.row("max_holder_rank", strconv.Itoa(p.MaxHolderRank), h)
		c2 := "实用新型、外观设计专利不论维持年限均计入Ⅱ类"
		if p.Class2HeldYears > 0 {
			c2 = fmt.Sprintf("实用新型、外观设计专利须授权后维持超过 %d 年（至评估日）方计入Ⅱ类，授权日期未填而影响结果的为缺数据；与主导产品相关的软件著作权不受此限；“高价值”仅对发明专利有效", p.Class2HeldYears)
		}
		d.row("class2_held_years", strconv.Itoa(p.Class2HeldYears), c2)
	}
}

func (d *docWriter) overview() {
	rs := d.rs
	d.h2("认定规则")
	var items []string
	if k := len(rs.Prerequisites); k > 0 {
		items = append(items, fmt.Sprintf("全部前置条件（%d 项）", k))
	}
	if k := len(rs.Mandatory); k > 0 {
		items = append(items, fmt.Sprintf("全部必备条件（%d 项）", k))
	}
	switch {
	case rs.Score != nil && len(rs.Direct) > 0:
		items = append(items, fmt.Sprintf("评分达标（%s），或满足任一直通条件（%d 项）", d.passRule(), len(rs.Direct)))
	case rs.Score != nil:
		items = append(items, fmt.Sprintf("评分达标（%s）", d.passRule()))
	case len(rs.Direct) > 0:
		items = append(items, fmt.Sprintf("任一直通条件（%d 项）", len(rs.Direct)))
	}
	d.p("企业须同时满足：\n\n")
	for i, it := range items {
		end := "；"
		if i == len(items)-1 {
			end = "。"
		}
		d.p("%d. %s%s\n", i+1, it, end)
	}
	if rs.Score == nil && len(rs.Direct) == 0 {
		d.p("\n本规则集无评分表、无直通条件：条件全部满足即符合。\n")
	}
	d.p("\n条件所需数据缺失的，结论为“缺数据”，不视为不符合；标为“需人工核实”的条件在数据满足时结论为“待核实”，由官员核实后认定。\n")
}

// passRule words the score requirement: "总分 ≥ 60 分，且创新能力指标 ≥ 20 分".
func (d *docWriter) passRule() string {
	sc := d.rs.Score
	parts := []string{fmt.Sprintf("总分 ≥ %d 分", sc.Pass)}
	for _, c := range sc.Categories {
		if c.Min > 0 {
			parts = append(parts, fmt.Sprintf("%s得分 ≥ %d 分", c.Label, c.Min))
		}
	}
	for _, it := range sc.Items {
		if it.MinPoints > 0 {
			parts = append(parts, fmt.Sprintf("%s %s得分 ≥ %d 分", it.ID, it.Label, it.MinPoints))
		}
	}
	return strings.Join(parts, "，且")
}

func (d *docWriter) conditions(title, intro string, list []*Node) {
	d.h2(title)
	d.p("%s\n\n", intro)
	d.header("编号", "条件", "指标", "要求", "出处", "可信度")
	var notes []string
	var walk func(n *Node, id string, depth int)
	walk = func(n *Node, id string, depth int) {
		label := n.Label
		if depth > 0 {
			label = strings.Repeat("　", depth-1) + "└ " + label
		}
		var metric, req string
		kids := n.All
		switch {
		case len(n.Any) > 0:
			kids = n.Any
			metric, req = "满足其一", fmt.Sprintf("满足以下 %d 项之一", len(n.Any))
		case len(n.All) > 0:
			metric, req = "全部满足", fmt.Sprintf("以下 %d 项全部满足", len(n.All))
		default:
			metric, req = metricCell(n.Metric, n.Arg), requirement(n, d.rs.Params)
		}
		if n.SkipReview {
			req += "（复核时不考察）"
		}
		if n.Review {
			req += "；**需人工核实**"
			if n.ReviewNote != "" {
				req += "：" + n.ReviewNote
			}
		}
		if n.OnFail == "review" {
			req += "；未满足时不判定不符合，亦交由人工核实"
		}
		if len(n.Replaces) > 0 {
			req += fmt.Sprintf("（取代 %s 的 %s）", d.rs.Supersedes, strings.Join(n.Replaces, "、"))
		}
		conf := n.Confidence
		if depth == 0 {
			conf = d.effConf(conf)
		}
		d.row(id, label, metric, req, n.Ref, conf)
		if n.Note != "" {
			notes = append(notes, fmt.Sprintf("- %s：%s", id, n.Note))
		}
		for i, k := range kids {
			kid := k.ID
			if kid == "" {
				kid = fmt.Sprintf("%s.%d", id, i+1)
			}
			walk(k, kid, depth+1)
		}
	}
	for _, n := range list {
		walk(n, n.ID, 0)
	}
	if len(notes) > 0 {
		d.p("\n注：\n\n%s\n", strings.Join(notes, "\n"))
	}
}

// metricCell names a metric in Chinese with its id and argument.
func metricCell(id string, arg Arg) string {
	m := vocabulary[id]
	name := "未知指标"
	if m != nil {
		name = m.name
	}
	if a := argText(arg); a != "" {
		return fmt.Sprintf("%s（%s：%s）", name, id, a)
	}
	return fmt.Sprintf("%s（%s）", name, id)
}

// yearsZH words the data years a test reads: "近两年每年", "Y−1 年度".
func yearsZH(year int, each []int) string {
	if len(each) > 0 {
		consecutive := each[len(each)-1] == 0
		for i := 1; i < len(each); i++ {
			consecutive = consecutive && each[i] == each[i-1]+1
		}
		if consecutive {
			n := cnNum(len(each))
			if len(each) == 2 {
				n = "两"
			}
			return "近" + n + "年每年 "
		}
		ys := make([]string, len(each))
		for i, y := range each {
			ys[i] = yearZH(y)
		}
		return strings.Join(ys, "、") + " 各年 "
	}
	if year != 0 {
		return yearZH(year) + " 年度 "
	}
	return ""
}

func yearZH(off int) string { return strings.Replace(yearLabel(off), "-", "−", 1) }

// requirement words a leaf's test as an official reads it: "≥ 100 万元",
// "近两年每年 ≥ 3%", "否".
func requirement(n *Node, p Params) string {
	m := vocabulary[n.Metric]
	if m == nil {
		return "（未知指标 " + n.Metric + "）"
	}
	prefix := yearsZH(n.Year, n.EachYear)
	if n.Is != nil {
		if *n.Is {
			return prefix + "是"
		}
		return prefix + "否"
	}
	if text, op, set := n.test(p); set > 0 {
		t, err := parseThreshold(text, m)
		if err != nil {
			return prefix + opText[op] + " " + text + "（阈值有误）"
		}
		return prefix + thresholdText(m, op, t)
	}
	return "（未写阈值）"
}

// bandText words a band: "≥ 80%（80%以上）".
func bandText(m *metric, b Band, p Params) string {
	text, op := b.Min, opGE
	if b.Max != "" {
		text, op = b.Max, opLE
	}
	if p.BandEdge == "lower" {
		op++ // the edge belongs to the band below
	}
	s := opText[op] + " " + text
	if m != nil {
		if t, err := parseThreshold(text, m); err == nil {
			s = opText[op] + " " + fmtRat(m.unit, t)
		}
	}
	if b.Label != "" {
		s += "（" + b.Label + "）"
	}
	return s
}

func (d *docWriter) score() {
	sc := d.rs.Score
	d.h2("评分表")
	d.p("满分 %d 分。评分达标：%s。", sc.Total, d.passRule())
	if len(d.rs.Direct) > 0 {
		d.p("满足任一直通条件的，不再要求评分达标。")
	}
	d.p("每项按所达最高一档计分，未达最低一档的得 0 分。\n")
	type group struct {
		title string
		items []*Item
	}
	var groups []group
	if len(sc.Categories) == 0 {
		groups = append(groups, group{"", sc.Items})
	} else {
		for i, c := range sc.Categories {
			g := group{title: fmt.Sprintf("（%s）%s（满分 %d 分", cnNum(i+1), c.Label, c.Max)}
			if c.Min > 0 {
				g.title += fmt.Sprintf("，本类最低 %d 分", c.Min)
			}
			g.title += "）"
			for _, it := range sc.Items {
				if it.Category == c.ID {
					g.items = append(g.items, it)
				}
			}
			groups = append(groups, g)
		}
		var other []*Item
		for _, it := range sc.Items {
			found := false
			for _, c := range sc.Categories {
				found = found || c.ID == it.Category
			}
			if !found {
				other = append(other, it)
			}
		}
		if len(other) > 0 {
			groups = append(groups, group{"其他评分项", other})
		}
	}
	var notes []string
	for _, g := range groups {
		if g.title != "" {
			d.p("\n### %s\n", g.title)
		}
		d.p("\n")
		d.header("编号", "评分项目", "指标", "档次", "分值", "出处", "可信度")
		for _, it := range g.items {
			label := fmt.Sprintf("%s（满分 %d 分）", it.Label, it.Max)
			if it.MinPoints > 0 {
				label += fmt.Sprintf("，本项不得低于 %d 分", it.MinPoints)
			}
			conf := d.effConf(it.Confidence)
			if it.Note != "" {
				notes = append(notes, fmt.Sprintf("- %s：%s", it.ID, it.Note))
			}
			if len(it.BestOf) > 0 {
				d.row(it.ID, label, "取各方式最高分", "", "", it.Ref, conf)
				for ai, a := range it.BestOf {
					d.bandRows("", fmt.Sprintf("　方式%s：%s", cnNum(ai+1), a.Label), a.Metric, a.Arg, a.Year, a.Bands, "", "")
				}
				continue
			}
			d.bandRows(it.ID, label, it.Metric, it.Arg, it.Year, it.Bands, it.Ref, conf)
		}
	}
	if len(notes) > 0 {
		d.p("\n注：\n\n%s\n", strings.Join(notes, "\n"))
	}
}

func (d *docWriter) bandRows(id, label, metricID string, arg Arg, year int, bands []Band, ref, conf string) {
	m := vocabulary[metricID]
	mc := metricCell(metricID, arg)
	if year != 0 {
		mc = yearZH(year) + " 年度 " + mc
	}
	if len(bands) == 0 {
		d.row(id, label, mc, "（无分档）", "", ref, conf)
		return
	}
	for i, b := range bands {
		if i == 0 {
			d.row(id, label, mc, bandText(m, b, d.rs.Params), strconv.Itoa(b.Points), ref, conf)
			continue
		}
		d.row("", "", "", bandText(m, b, d.rs.Params), strconv.Itoa(b.Points), "", "")
	}
	d.row("", "", "", "未达以上各档", "0", "", "")
}

func (d *docWriter) appendix() {
	d.h2("附录：所用指标")
	d.p("指标由系统以代码实现（指标词表），规则文件只能引用，不能自创公式。Y 为数据年度。\n\n")
	d.header("指标代码", "名称", "单位", "口径")
	ids := make([]string, 0, len(d.used))
	for id := range d.used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		m := vocabulary[id]
		if m == nil {
			d.row(id, "（未知指标）", "", "")
			continue
		}
		d.row(m.id, m.name, unitName(m.unit), m.doc)
	}
}

// argText writes an argument in YAML flow style, as short as the rule file
// wrote it: "innovative", "[innovative, tech_sme]", "levels: [national], years: 3".
func argText(a Arg) string {
	if a.IsZero() {
		return ""
	}
	n := flow(&a.Node)
	b, err := yaml.Marshal(n)
	if err != nil {
		return a.Text()
	}
	s := strings.TrimSpace(string(b))
	if n.Kind == yaml.MappingNode {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	}
	return s
}

// flow returns a copy of n in flow style.
func flow(n *yaml.Node) *yaml.Node {
	c := *n
	c.Style |= yaml.FlowStyle
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = flow(k)
	}
	return &c
}
