package criteria

import (
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// Severity grades a lint issue: an error blocks publishing a rule set, a
// warning asks a person to look.
type Severity string

// The two severities.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// LintIssue is one finding of the static checks of spec/engine-notes.md
// §8.4, in English for the log and in Chinese for the official.
type LintIssue struct {
	RuleSet   string // rule-set id, or the file name when the file did not load
	Node      string // node, item or category id; a nested condition as parent/label; empty for the rule set
	Severity  Severity
	Message   string
	MessageZH string
}

func (i LintIssue) String() string {
	where := i.RuleSet
	if i.Node != "" {
		where += " " + i.Node
	}
	s := fmt.Sprintf("%-7s %s: %s", i.Severity, where, i.Message)
	if i.MessageZH != "" {
		s += "（" + i.MessageZH + "）"
	}
	return s
}

// HasErrors reports whether any issue is an error.
func HasErrors(issues []LintIssue) bool {
	for _, i := range issues {
		if i.Severity == SevError {
			return true
		}
	}
	return false
}

// confidenceTags are the tags of spec/criteria.md.
var confidenceTags = map[string]bool{"C1": true, "C2": true, "C3": true, "UNCONFIRMED": true}

// appTypes are the application types a window may name.
var appTypes = []string{"new", "review"}

// LintDir loads every rule-set file at the top of fsys as LoadDir does, but
// reports a file that does not parse, a duplicate id or a broken overlay as
// an issue and goes on, then lints what loaded.
func LintDir(fsys fs.FS) []LintIssue {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return []LintIssue{{Severity: SevError, Message: err.Error(), MessageZH: "无法读取规则目录"}}
	}
	sort.Strings(names)
	var issues []LintIssue
	fileErr := func(name, en, zh string) {
		issues = append(issues, LintIssue{RuleSet: name, Severity: SevError, Message: en, MessageZH: zh})
	}
	byID := map[string]*RuleSet{}
	var sets []*RuleSet
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			fileErr(name, err.Error(), "无法读取文件")
			continue
		}
		rs, err := ParseRuleSet(data)
		if err != nil {
			fileErr(name, oneLine(err.Error()), "YAML 解析失败（键名拼写错误或格式错误）")
			continue
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); rs.ID != want {
			fileErr(name, fmt.Sprintf("id %q does not match the file name", rs.ID), fmt.Sprintf("规则集编号 %q 与文件名不一致", rs.ID))
			continue
		}
		if byID[rs.ID] != nil {
			fileErr(name, fmt.Sprintf("duplicate rule set id %q", rs.ID), fmt.Sprintf("规则集编号 %q 重复", rs.ID))
			continue
		}
		byID[rs.ID] = rs
		sets = append(sets, rs)
	}
	loaded := sets[:0]
	for _, rs := range sets {
		if rs.Extends != "" {
			base := byID[rs.Extends]
			switch {
			case base == nil:
				fileErr(rs.ID, fmt.Sprintf("extends unknown rule set %q", rs.Extends), fmt.Sprintf("所叠加的规则集 %q 不存在", rs.Extends))
				continue
			case base.Extends != "":
				fileErr(rs.ID, fmt.Sprintf("extends %s, which is itself an overlay", base.ID), fmt.Sprintf("所叠加的 %s 本身也是叠加规则集", base.ID))
				continue
			}
			merged, err := ApplyOverlay(base, rs)
			if err != nil {
				fileErr(rs.ID, err.Error(), "叠加补丁无法应用")
				continue
			}
			rs = merged
		}
		rs.computeHash()
		loaded = append(loaded, rs)
	}
	return append(issues, Lint(loaded)...)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// Lint runs the static checks on each rule set and across the rule sets of
// one tier and jurisdiction (overlapping windows, gaps, no open end).
func Lint(sets []*RuleSet) []LintIssue {
	var out []LintIssue
	for _, rs := range sets {
		l := &linter{rs: rs, ids: map[string]bool{}}
		l.lint()
		out = append(out, l.issues...)
	}
	out = append(out, lintWindows(sets)...)
	return append(out, lintReplaces(sets)...)
}

// lintReplaces checks that the nodes a rule set says it replaces exist in
// the rule set it supersedes.
func lintReplaces(sets []*RuleSet) []LintIssue {
	byID := map[string]*RuleSet{}
	for _, rs := range sets {
		byID[rs.ID] = rs
	}
	var out []LintIssue
	for _, rs := range sets {
		l := &linter{rs: rs}
		prev := byID[rs.Supersedes]
		if rs.Supersedes != "" && prev == nil {
			l.report(SevError, "", "supersedes unknown rule set %q", "所接替的规则集 %q 不存在", rs.Supersedes)
		}
		var ids map[string]bool
		if prev != nil {
			ids = nodeIDs(prev)
		}
		walkNodes(rs, func(n *Node) {
			for _, r := range n.Replaces {
				switch {
				case rs.Supersedes == "":
					l.report(SevError, n.ID, "replaces %s but the rule set names no supersedes", "写了 replaces %s，但规则集未写所接替的规则集 supersedes", r)
				case prev != nil && !ids[r]:
					l.report(SevError, n.ID, "replaces %s, which is not a node of %s", "replaces 所列 %s 不是 %s 中的条件", r, prev.ID)
				}
			}
		})
		out = append(out, l.issues...)
	}
	return out
}

// walkNodes calls f on every condition of the rule set, nested ones too.
func walkNodes(rs *RuleSet, f func(n *Node)) {
	var walk func(n *Node)
	walk = func(n *Node) {
		f(n)
		for _, k := range slices.Concat(n.All, n.Any) {
			walk(k)
		}
	}
	for _, list := range [][]*Node{rs.Prerequisites, rs.Mandatory, rs.Direct} {
		for _, n := range list {
			walk(n)
		}
	}
}

// nodeIDs is the set of condition ids of a rule set.
func nodeIDs(rs *RuleSet) map[string]bool {
	ids := map[string]bool{}
	walkNodes(rs, func(n *Node) {
		if n.ID != "" {
			ids[n.ID] = true
		}
	})
	return ids
}

type linter struct {
	rs          *RuleSet
	ids         map[string]bool
	compileErrs int
	issues      []LintIssue
}

// report adds an issue; en and zh are formats that take the same args.
func (l *linter) report(sev Severity, node, en, zh string, args ...any) {
	l.issues = append(l.issues, LintIssue{RuleSet: l.rs.ID, Node: node, Severity: sev,
		Message: fmt.Sprintf(en, args...), MessageZH: fmt.Sprintf(zh, args...)})
}

func (l *linter) compileErr(node, where string, err error) {
	l.compileErrs++
	msg := strings.TrimPrefix(err.Error(), where+": ")
	l.issues = append(l.issues, LintIssue{RuleSet: l.rs.ID, Node: node, Severity: SevError, Message: msg, MessageZH: compileErrZH(msg)})
}

// compileErrZH words the usual compile errors in Chinese; the English
// message stays the precise one.
func compileErrZH(msg string) string {
	for _, c := range []struct{ en, zh string }{
		{"unknown metric", "未知指标（指标须取自指标词表）"},
		{"is a ratio: write its threshold with %", "比率指标的阈值须写成百分数（如 3%）"},
		{"must not be a percentage", "非比率指标的阈值不能写成百分数（单位不符）"},
		{"does not take a year", "该指标不按年度取值，不能写 year"},
		{"needs exactly one of min, max, below or is", "条件须且只须写 min、max、below、is 之一"},
		{"is: needs a yes/no metric", "is 只能用于是/否指标"},
		{"needs exactly one of min or max", "分档须且只须写 min 或 max 之一"},
		{"bands mix min and max", "分档不能混用 min 与 max"},
		{"more than 4 decimals", "阈值小数位超过 4 位"},
		{"not a decimal number", "阈值不是数字"},
		{"unknown flag", "未知的负面清单事项（arg）"},
		{"unknown quality fact", "未知的质量与管理事项（arg）"},
		{"arg must", "指标参数 arg 有误"},
		{"arg:", "指标参数 arg 有误"},
		{"metric test, all-of or any-of", "条件只能是指标测试、全部满足或满足其一之一"},
	} {
		if strings.Contains(msg, c.en) {
			return "编译错误：" + c.zh
		}
	}
	return "编译错误"
}

func (l *linter) lint() {
	rs := l.rs
	l.lintHeader()
	sections := []struct {
		name string
		sec  section
		list []*Node
	}{{"prerequisites", secPrereq, rs.Prerequisites}, {"mandatory", secMandatory, rs.Mandatory}, {"direct", secDirect, rs.Direct}}
	for _, s := range sections {
		for _, n := range s.list {
			l.lintNode(n, s.sec, "", n.ID)
		}
	}
	if rs.Score != nil {
		l.lintScore()
	}
	if len(rs.Prerequisites)+len(rs.Mandatory)+len(rs.Direct) == 0 && rs.Score == nil {
		l.report(SevError, "", "the rule set has no conditions and no points table", "规则集没有任何条件，也没有评分表")
	}
	// Compile is the final word: anything it rejects that the checks above
	// did not name is still reported.
	if _, err := Compile(rs); err != nil && l.compileErrs == 0 {
		l.report(SevError, "", "%s", "编译错误：%s", oneLine(err.Error()))
	}
}

func (l *linter) lintHeader() {
	rs := l.rs
	if rs.ID == "" {
		l.report(SevError, "", "the rule set has no id", "规则集缺少编号 id")
	}
	if TierZH[rs.Tier] == "" {
		l.report(SevError, "", "unknown tier %q (tech_sme, innovative, srdi or little_giant)", "未知层级 %q（应为 tech_sme、innovative、srdi 或 little_giant）", rs.Tier)
	}
	if rs.Name == "" {
		l.report(SevWarning, "", "the rule set has no name", "规则集缺少名称 name")
	}
	if rs.Version == "" {
		l.report(SevWarning, "", "the rule set has no version", "规则集缺少版本 version")
	}
	if rs.Jurisdiction == "" {
		l.report(SevWarning, "", "no jurisdiction: treated as national", "未写适用地区 jurisdiction，按全国处理")
	}
	switch {
	case rs.Confidence == "":
		l.report(SevWarning, "", "the rule set has no confidence tag", "规则集未标注可信度")
	case !confidenceTags[rs.Confidence]:
		l.report(SevError, "", "confidence %q is not C1, C2, C3 or UNCONFIRMED", "可信度 %q 不是 C1、C2、C3 或 UNCONFIRMED", rs.Confidence)
	}
	if rs.Source.Title == "" {
		l.report(SevWarning, "", "the rule set names no source document: every node then needs its own ref", "规则集未写文件依据 source，各条件须逐一写出处 ref")
	}
	if s := rs.Source.Issued; s != "" && !validDate(s) {
		l.report(SevError, "", "source.issued %q is not a date YYYY-MM-DD", "印发日期 %q 不是 YYYY-MM-DD 格式的日期", s)
	}
	if len(rs.Applies) == 0 {
		l.report(SevError, "", "no applies window: the rule set is never selected", "未写适用期间 applies，规则集永远不会被选用")
	}
	for i, w := range rs.Applies {
		n := i + 1
		if w.Type != "new" && w.Type != "review" {
			l.report(SevError, "", "applies window %d: type %q is not new or review", "适用期间第 %d 项：申请类型 %q 应为 new 或 review", n, w.Type)
		}
		okFrom, okTo := validDate(w.From), w.To == "" || validDate(w.To)
		if !okFrom {
			l.report(SevError, "", "applies window %d: from %q is not a date YYYY-MM-DD", "适用期间第 %d 项：起始日 %q 不是 YYYY-MM-DD 格式的日期", n, w.From)
		}
		if !okTo {
			l.report(SevError, "", "applies window %d: to %q is not a date YYYY-MM-DD", "适用期间第 %d 项：截止日 %q 不是 YYYY-MM-DD 格式的日期", n, w.To)
		}
		if okFrom && okTo && w.To != "" && w.To < w.From {
			l.report(SevError, "", "applies window %d ends (%s) before it starts (%s)", "适用期间第 %d 项截止日 %s 早于起始日 %s", n, w.To, w.From)
		}
	}
	p := rs.Params
	if p.BandEdge != "higher" && p.BandEdge != "lower" {
		l.report(SevError, "", "params.band_edge %q is not higher or lower", "参数 band_edge %q 应为 higher 或 lower", p.BandEdge)
	}
	if p.Growth2y != "" && p.Growth2y != "mean" && p.Growth2y != "cagr" {
		l.report(SevError, "", "params.growth_2y %q is not mean or cagr", "参数 growth_2y %q 应为 mean 或 cagr", p.Growth2y)
	}
	if p.DataYearOffset > 0 {
		l.report(SevWarning, "", "params.data_year_offset %d reads a data year after the assessment year", "参数 data_year_offset 为 %d，数据年度晚于评估年度", p.DataYearOffset)
	}
	if p.TransferExcludeMonths < -1 || p.MaxHolderRank < 0 {
		l.report(SevError, "", "params: transfer_exclude_months must be ≥ −1, max_holder_rank ≥ 0", "参数取值越界：transfer_exclude_months 应 ≥ −1，max_holder_rank 应 ≥ 0")
	}
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func (l *linter) checkID(node, id string) {
	if l.ids[id] {
		l.report(SevError, node, "spec id %s is used twice in the rule set", "编号 %s 在规则集中重复", id)
	}
	l.ids[id] = true
}

func (l *linter) checkConfidence(node, c string) {
	if c != "" && !confidenceTags[c] {
		l.report(SevError, node, "confidence %q is not C1, C2, C3 or UNCONFIRMED", "可信度 %q 不是 C1、C2、C3 或 UNCONFIRMED", c)
	}
}

// lintNode checks one condition; where names it as Compile does (its id, or
// parent/label for a nested condition).
func (l *linter) lintNode(n *Node, sec section, parent, where string) {
	top := parent == ""
	if top {
		if n.ID == "" {
			where = "(" + n.Label + ")"
			l.report(SevError, where, "a %[1]s condition needs a spec id", "%[2]s条件缺少编号 id", sectionNames[sec], sectionZH[sec])
		}
		if n.Ref == "" && l.rs.Source.Title == "" {
			l.report(SevError, where, "no ref and no source document for the rule set", "未写出处 ref，规则集也未写文件依据")
		}
	}
	if n.ID != "" {
		l.checkID(where, n.ID)
	}
	if n.Label == "" {
		l.report(SevError, where, "the condition has no label", "条件缺少表述 label")
	}
	l.checkConfidence(where, n.Confidence)
	if n.Review && n.ReviewNote == "" {
		l.report(SevWarning, where, "review condition without review_note: say what the official must confirm", "需人工核实的条件未写 review_note，应说明官员核实什么")
	}
	if n.OnFail != "" && n.UnmetNote == "" {
		l.report(SevWarning, where, "on_fail without unmet_note: say why an unmet pre-screen goes to an official", "写了 on_fail 但未写 unmet_note，应说明预筛未满足时为何交由人工核实")
	}
	if len(n.All) > 0 || len(n.Any) > 0 {
		if n.Metric != "" || (len(n.All) > 0 && len(n.Any) > 0) {
			l.compileErr(where, where, errors.New("a node is a metric test, all-of or any-of — not several"))
			return
		}
		for _, k := range slices.Concat(n.All, n.Any) {
			kw := k.ID
			if kw == "" {
				kw = where + "/" + k.Label
			}
			l.lintNode(k, sec, where, kw)
		}
		return
	}
	if n.Metric == "" {
		l.compileErr(where, where, errors.New("a condition needs a metric, or all/any of nested conditions"))
		return
	}
	// A leaf compiles on its own, so one bad leaf does not hide the next.
	if _, err := (&Plan{}).compileNode(n, sec, l.rs.Params, parent); err != nil {
		cw := n.ID
		if cw == "" {
			cw = parent + "/" + n.Label
		}
		l.compileErr(where, cw, err)
		return
	}
	m := vocabulary[n.Metric]
	for _, t := range []string{n.Min, n.Max, n.Below} {
		if t != "" {
			l.checkLabelAmount(where, n.Label, t, m)
		}
	}
}

var sectionZH = [...]string{secPrereq: "前置", secMandatory: "必备", secDirect: "直通"}

// amountRE finds amounts a label states: "100万元", "2亿元", "3%", "400-500万元".
var amountRE = regexp.MustCompile(`(\d+(?:\.\d+)?)(?:\s*[-–~至]\s*(\d+(?:\.\d+)?))?\s*(万元|亿元|%)`)

// checkLabelAmount warns when the label states amounts in the metric's unit
// and the threshold is none of them: the usual slip is 元 for 万元, 亿元
// left unconverted, or a share written as a plain number.
func (l *linter) checkLabelAmount(node, label, threshold string, m *metric) {
	if m.unit != uMoney && m.unit != uRatio {
		return
	}
	t, err := parseThreshold(threshold, m)
	if err != nil {
		return
	}
	var said []string
	for _, g := range amountRE.FindAllStringSubmatch(label, -1) {
		u := g[3]
		if (m.unit == uRatio) != (u == "%") {
			continue
		}
		for _, num := range g[1:3] {
			if num == "" {
				continue
			}
			said = append(said, num+u)
			r, err := ParseRat(num)
			if err != nil {
				continue
			}
			v := r.Big()
			switch u {
			case "%":
				v.Quo(v, big.NewRat(100, 1))
			case "亿元":
				v.Mul(v, big.NewRat(10000, 1))
			}
			if v.Cmp(t.Big()) == 0 {
				return
			}
		}
	}
	if len(said) > 0 {
		l.report(SevWarning, node, "the label says %s but the threshold is %s: unit slip?", "表述为 %s，阈值却是 %s，请核对单位", strings.Join(said, "、"), fmtRat(m.unit, t))
	}
}

func (l *linter) lintScore() {
	sc := l.rs.Score
	if len(sc.Items) == 0 {
		l.report(SevError, "score", "the points table has no items", "评分表没有评分项")
	}
	if sc.Total <= 0 {
		l.report(SevError, "score", "score.total must be positive", "满分 total 应大于 0")
	}
	if sc.Pass <= 0 {
		l.report(SevWarning, "score", "score.pass %d: every enterprise passes the score", "及格线 pass 为 %d，任何企业都达标", sc.Pass)
	}
	if sc.Pass > sc.Total {
		l.report(SevError, "score", "pass %d is above the total %d: unreachable", "及格线 %d 高于满分 %d，无法达到", sc.Pass, sc.Total)
	}
	if len(sc.Categories) > maxCategories {
		l.compileErrs++
		l.report(SevError, "score", "at most %d categories", "评分类别最多 %d 个", maxCategories)
	}
	cats := map[string]int{} // category id → Σ item max
	for _, c := range sc.Categories {
		if c.ID == "" || c.Label == "" {
			l.report(SevError, "score", "a category needs an id and a label", "评分类别缺少编号或名称")
		}
		if _, dup := cats[c.ID]; dup {
			l.report(SevError, c.ID, "category id %s is used twice", "评分类别编号 %s 重复", c.ID)
		}
		cats[c.ID] = 0
	}
	sum := 0
	for _, it := range sc.Items {
		where := it.ID
		if where == "" {
			where = "(" + it.Label + ")"
			l.report(SevError, where, "a score item needs a spec id", "评分项缺少编号 id")
		} else {
			l.checkID(where, it.ID)
		}
		if it.Label == "" {
			l.report(SevError, where, "the score item has no label", "评分项缺少名称 label")
		}
		if it.Ref == "" && l.rs.Source.Title == "" {
			l.report(SevError, where, "no ref and no source document for the rule set", "未写出处 ref，规则集也未写文件依据")
		}
		l.checkConfidence(where, it.Confidence)
		switch _, ok := cats[it.Category]; {
		case it.Category != "" && !ok:
			l.report(SevError, where, "unknown category %q", "评分类别 %q 不存在", it.Category)
		case it.Category == "" && len(sc.Categories) > 0:
			l.report(SevWarning, where, "the item belongs to no category", "评分项未归入任何类别")
		case ok:
			cats[it.Category] += it.Max
		}
		sum += it.Max
		l.lintItem(it, where)
	}
	if sum != sc.Total {
		l.report(SevError, "score", "the items' max add up to %d, not the total %d", "各评分项满分之和为 %d，与满分 %d 不符", sum, sc.Total)
	}
	for _, c := range sc.Categories {
		if cats[c.ID] != c.Max {
			l.report(SevError, c.ID, "category max %d, but its items' max add up to %d", "类别满分 %d 与其评分项满分之和 %d 不符", c.Max, cats[c.ID])
		}
		if c.Min > c.Max {
			l.report(SevError, c.ID, "category minimum %d is above its max %d: unreachable", "类别最低分 %d 高于类别满分 %d，无法达到", c.Min, c.Max)
		}
	}
}

func (l *linter) lintItem(it *Item, where string) {
	// Compile the item without its category: the category was checked
	// above, and an unknown one must not hide a bad metric.
	c := *it
	c.Category = ""
	if _, err := (&Plan{}).compileItem(&c, l.rs.Params); err != nil {
		l.compileErr(where, where, err)
		return
	}
	alts := it.BestOf
	if it.Metric != "" {
		alts = []Alt{{Metric: it.Metric, Arg: it.Arg, Year: it.Year, Bands: it.Bands}}
	}
	top := 0
	for ai, a := range alts {
		aw := where
		if len(alts) > 1 {
			aw = fmt.Sprintf("%s/%d", where, ai+1)
			if a.Label == "" {
				l.report(SevWarning, aw, "a best_of alternative has no label", "取高分的计分方式缺少名称 label")
			}
		}
		if len(a.Bands) == 0 {
			l.report(SevError, aw, "no bands", "没有分档 bands")
			continue
		}
		l.lintBands(aw, a)
		for _, b := range a.Bands {
			top = max(top, b.Points)
		}
	}
	if it.Max != top {
		l.report(SevError, where, "max %d is not the top band's %d points", "满分 max %d 与最高档分值 %d 不符", it.Max, top)
	}
	if it.MinPoints < 0 || it.MinPoints > it.Max {
		l.report(SevError, where, "min_points %d is outside 0…max %d", "本项最低分 min_points %d 不在 0 至满分 %d 之间", it.MinPoints, it.Max)
	}
}

// lintBands checks that bands run best first: thresholds strictly falling
// for min bands (strictly rising for max bands, lower is better) and points
// strictly falling, so a better value never scores less.
func (l *linter) lintBands(where string, a Alt) {
	m := vocabulary[a.Metric]
	var prev Rat
	for i, b := range a.Bands {
		text, lower := b.Min, false
		if b.Max != "" {
			text, lower = b.Max, true
		}
		t, err := parseThreshold(text, m)
		if err != nil {
			return // Compile reported it
		}
		l.checkLabelAmount(fmt.Sprintf("%s band %d", where, i+1), b.Label, text, m)
		if b.Points <= 0 {
			l.report(SevWarning, where, "band %d gives %d points: a value meeting no band already scores 0", "第 %d 档分值为 %d；未达任何一档即得 0 分", i+1, b.Points)
		}
		if i == 0 {
			prev = t
			continue
		}
		c := t.Big().Cmp(prev.Big())
		switch {
		case !lower && c >= 0:
			l.report(SevError, where, "band %d threshold %s is not below band %d's %s: min bands must fall strictly", "第 %d 档门槛 %s 未低于第 %d 档的 %s（下限分档须严格递减）", i+1, fmtRat(m.unit, t), i, fmtRat(m.unit, prev))
		case lower && c <= 0:
			l.report(SevError, where, "band %d limit %s is not above band %d's %s: max bands must rise strictly", "第 %d 档上限 %s 未高于第 %d 档的 %s（上限分档须严格递增）", i+1, fmtRat(m.unit, t), i, fmtRat(m.unit, prev))
		}
		if p := a.Bands[i-1].Points; b.Points >= p {
			l.report(SevError, where, "band %d gives %d points, not fewer than band %d's %d: points must fall strictly", "第 %d 档分值 %d 未低于第 %d 档的 %d（分值须严格递减）", i+1, b.Points, i, p)
		}
		prev = t
	}
}

// lintWindows checks the rule sets of each tier and jurisdiction together:
// for each application type at most one set is in force on any day
// (overlap: error), no day between the first and the last window is left
// without one (gap: warning), and some set of the tier is open-ended.
func lintWindows(sets []*RuleSet) []LintIssue {
	type win struct {
		rs       *RuleSet
		from, to string // to: "9999-12-31" when open-ended
	}
	const open = "9999-12-31"
	var out []LintIssue
	groups := map[string][]*RuleSet{}
	var keys []string
	for _, rs := range sets {
		k := rs.Tier + "\x00" + rs.Jurisdiction
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], rs)
	}
	for _, k := range keys {
		for _, typ := range appTypes {
			var ws []win
			for _, rs := range groups[k] {
				for _, w := range rs.Applies {
					if w.Type != typ || !validDate(w.From) || (w.To != "" && !validDate(w.To)) || (w.To != "" && w.To < w.From) {
						continue
					}
					to := w.To
					if to == "" {
						to = open
					}
					ws = append(ws, win{rs, w.From, to})
				}
			}
			sort.SliceStable(ws, func(i, j int) bool { return ws[i].from < ws[j].from })
			for i := range ws {
				for j := i + 1; j < len(ws); j++ {
					a, b := ws[i], ws[j]
					if b.from > a.to {
						continue
					}
					out = append(out, LintIssue{RuleSet: b.rs.ID, Severity: SevError,
						Message: fmt.Sprintf("%s window %s overlaps %s's %s window %s: two rule sets in force on %s",
							typ, windowText(b.from, b.to), a.rs.ID, typ, windowText(a.from, a.to), b.from),
						MessageZH: fmt.Sprintf("%s适用期间 %s 与 %s 的 %s 重叠，%s 起有两个规则集同时有效",
							typeZH[typ], windowText(b.from, b.to), a.rs.ID, windowText(a.from, a.to), b.from)})
				}
			}
			end := ""
			var last *RuleSet
			for i, w := range ws {
				if i > 0 && end != open {
					if next := dayAfter(end); w.from > next {
						gapTo := dayBefore(w.from)
						out = append(out, LintIssue{RuleSet: w.rs.ID, Severity: SevWarning,
							Message: fmt.Sprintf("no %s rule set in force for %s applications from %s to %s (after %s)",
								w.rs.Tier, typ, next, gapTo, last.ID),
							MessageZH: fmt.Sprintf("%s 至 %s 没有有效的%s规则集（%s）", next, gapTo, TierZH[w.rs.Tier], typeZH[typ])})
					}
				}
				if w.to >= end {
					end, last = w.to, w.rs
				}
			}
		}
	}
	// Every tier needs a set in force from some day on, for each type:
	// otherwise the engine refuses assessments after the last window.
	tiers := map[string][]*RuleSet{}
	var tierOrder []string
	for _, rs := range sets {
		if tiers[rs.Tier] == nil {
			tierOrder = append(tierOrder, rs.Tier)
		}
		tiers[rs.Tier] = append(tiers[rs.Tier], rs)
	}
	for _, tier := range tierOrder {
		for _, typ := range appTypes {
			var lastSet *RuleSet
			lastTo, openEnded := "", false
			for _, rs := range tiers[tier] {
				for _, w := range rs.Applies {
					if w.Type != typ {
						continue
					}
					if w.To == "" {
						openEnded = true
					}
					if w.To >= lastTo {
						lastTo, lastSet = w.To, rs
					}
				}
			}
			if openEnded {
				continue
			}
			id, msg, zh := tier, fmt.Sprintf("no open-ended %s window for tier %s", typ, tier), fmt.Sprintf("%s没有长期有效的%s规则集", TierZH[tier], typeZH[typ])
			if lastSet != nil {
				id = lastSet.ID
				msg += ": no rule set applies after " + lastTo
				zh += "，" + lastTo + " 之后无规则集可用"
			}
			out = append(out, LintIssue{RuleSet: id, Severity: SevWarning, Message: msg, MessageZH: zh})
		}
	}
	return out
}

var typeZH = map[string]string{"new": "新申请", "review": "复核"}

func windowText(from, to string) string {
	if to == "9999-12-31" || to == "" {
		return from + "–…"
	}
	return from + "–" + to
}

func dayAfter(d string) string {
	t, _ := time.Parse(time.DateOnly, d)
	return t.AddDate(0, 0, 1).Format(time.DateOnly)
}

func dayBefore(d string) string {
	t, _ := time.Parse(time.DateOnly, d)
	return t.AddDate(0, 0, -1).Format(time.DateOnly)
}
