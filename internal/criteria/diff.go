package criteria

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// DiffKind says whether something was added, removed or changed.
type DiffKind string

// The kinds of change.
const (
	DiffAdded   DiffKind = "added"
	DiffRemoved DiffKind = "removed"
	DiffChanged DiffKind = "changed"
)

// DiffEntry is one change between two versions of a rule set.
type DiffEntry struct {
	Kind    DiffKind
	Section string // rule_set | source | applies | params | prerequisites | mandatory | direct | score
	OldID   string // node, item or category id in the old version ("" when added or not a node)
	NewID   string // the same in the new version ("" when removed)
	Label   string // the node's or item's label, the new version's when it has one
	Path    string // a nested condition within the node, by its label ("a / b" when deeper)
	Field   string // what changed: label, threshold, metric, arg, ref, bands, … ("condition", "item", "table" for whole ones)
	Old     string
	New     string
	Text    string // the change as one Chinese sentence
	Note    string // a hint, e.g. "内容并入 S26-1" when a removed node's tests live on in an added one
	Review  bool   // the condition is put to an official (待核实)
}

// Meaning reports whether the entry changes what is tested or decided, as
// opposed to how it is cited or worded (clause, confidence tag, note,
// numbering, the document's words, the source document).
func (e DiffEntry) Meaning() bool {
	if e.Section == "source" {
		return false
	}
	switch e.Field {
	case "ref", "confidence", "note", "id", "label", "review_note", "unmet_note", "name", "version":
		return false
	}
	return true
}

var sectionTitleZH = map[string]string{
	"rule_set": "基本信息", "source": "文件依据", "applies": "适用期间", "params": "参数口径",
	"prerequisites": "前置条件", "mandatory": "必备条件", "direct": "直通条件", "score": "评分表",
}

var diffSections = []string{"rule_set", "source", "applies", "params", "prerequisites", "mandatory", "direct", "score"}

// Diff lists what changed from a to b. Conditions are matched by spec id,
// then — since a new document renumbers (S22-C1 is S26-3) — by label, then by
// the metrics they test; nested conditions are matched the same way inside
// matched nodes. A threshold change is worded as an official reads it:
// "从事特定细分市场年限 ≥ 2 年 → ≥ 3 年".
func Diff(a, b *RuleSet) []DiffEntry {
	d := &differ{a: a, b: b}
	d.header()
	d.applies()
	d.params()
	d.nodes()
	d.score()
	return d.out
}

type differ struct {
	a, b *RuleSet
	out  []DiffEntry
}

func (d *differ) add(e DiffEntry) { d.out = append(d.out, e) }

// field compares one named value; zh names it in the sentence.
func (d *differ) field(sec, field, zh, old, new string) {
	if old == new {
		return
	}
	e := DiffEntry{Section: sec, Field: field, Old: old, New: new}
	switch {
	case old == "":
		e.Kind, e.Text = DiffAdded, fmt.Sprintf("新增%s：%s", zh, new)
	case new == "":
		e.Kind, e.Text = DiffRemoved, fmt.Sprintf("删除%s：%s", zh, old)
	default:
		e.Kind, e.Text = DiffChanged, fmt.Sprintf("%s：%s → %s", zh, old, new)
	}
	d.add(e)
}

func (d *differ) header() {
	a, b := d.a, d.b
	for _, f := range [][4]string{
		{"name", "名称", a.Name, b.Name},
		{"tier", "层级", a.Tier, b.Tier},
		{"jurisdiction", "适用地区", a.Jurisdiction, b.Jurisdiction},
		{"version", "版本", a.Version, b.Version},
		{"extends", "叠加于", a.Extends, b.Extends},
		{"confidence", "可信度", a.Confidence, b.Confidence},
		{"note", "说明", a.Note, b.Note},
	} {
		d.field("rule_set", f[0], f[1], f[2], f[3])
	}
	sa, sb := a.Source, b.Source
	for _, f := range [][4]string{
		{"title", "文件名称", sa.Title, sb.Title},
		{"doc_no", "文号", sa.DocNo, sb.DocNo},
		{"annex", "附件", sa.Annex, sb.Annex},
		{"issued", "印发日期", sa.Issued, sb.Issued},
		{"url", "原文链接", sa.URL, sb.URL},
	} {
		d.field("source", f[0], f[1], f[2], f[3])
	}
}

func windowsText(rs *RuleSet, typ string) string {
	var parts []string
	for _, w := range rs.Applies {
		if w.Type != typ {
			continue
		}
		if w.To == "" {
			parts = append(parts, w.From+" 起")
		} else {
			parts = append(parts, w.From+" 至 "+w.To)
		}
	}
	return strings.Join(parts, "；")
}

func (d *differ) applies() {
	types := slices.Clone(appTypes)
	for _, rs := range []*RuleSet{d.a, d.b} {
		for _, w := range rs.Applies {
			if !slices.Contains(types, w.Type) {
				types = append(types, w.Type)
			}
		}
	}
	for _, t := range types {
		zh := typeZH[t]
		if zh == "" {
			zh = t
		}
		d.field("applies", t, zh+"适用期间", windowsText(d.a, t), windowsText(d.b, t))
	}
}

func (d *differ) params() {
	pa, pb := d.a.Params, d.b.Params
	itoa := strconv.Itoa
	bl := strconv.FormatBool
	for _, f := range [][4]string{
		{"data_year_offset", "数据年度偏移（data_year_offset）", itoa(pa.DataYearOffset), itoa(pb.DataYearOffset)},
		{"inclusive", "阈值含等号（inclusive）", bl(pa.Inclusive), bl(pb.Inclusive)},
		{"band_edge", "边界值归档（band_edge）", pa.BandEdge, pb.BandEdge},
		{"growth_2y", "平均增长率口径（growth_2y）", pa.Growth2y, pb.Growth2y},
		{"transfer_exclude_months", "受让知识产权不计的月数（transfer_exclude_months）", itoa(pa.TransferExcludeMonths), itoa(pb.TransferExcludeMonths)},
		{"max_holder_rank", "权利人排名上限（max_holder_rank）", itoa(pa.MaxHolderRank), itoa(pb.MaxHolderRank)},
		{"class2_held_years", "实用新型、外观设计专利计入Ⅱ类须授权后维持的年数（class2_held_years）", itoa(pa.Class2HeldYears), itoa(pb.Class2HeldYears)},
	} {
		if f[2] != f[3] {
			d.add(DiffEntry{Kind: DiffChanged, Section: "params", Field: f[0], Old: f[2], New: f[3],
				Text: fmt.Sprintf("%s：%s → %s", f[1], f[2], f[3])})
		}
	}
}

// ---- matching ------------------------------------------------------------------

// match pairs elements of two lists in passes. Each pass keys the elements
// ("" for none); an a and a b still unpaired pair up when their key is the
// same and occurs once on each side, so an ambiguous key pairs nothing.
func match(na, nb int, passes ...func(b bool, i int) string) (pairOf []int, onlyB []int) {
	pairOf = make([]int, na) // index into b, or −1
	for i := range pairOf {
		pairOf[i] = -1
	}
	takenB := make([]bool, nb)
	for _, key := range passes {
		ca, cb := map[string]int{}, map[string]int{}
		for i := range na {
			if pairOf[i] < 0 {
				if k := key(false, i); k != "" {
					ca[k]++
				}
			}
		}
		idxB := map[string]int{}
		for j := range nb {
			if !takenB[j] {
				if k := key(true, j); k != "" {
					cb[k]++
					idxB[k] = j
				}
			}
		}
		for i := range na {
			if pairOf[i] >= 0 {
				continue
			}
			k := key(false, i)
			if k != "" && ca[k] == 1 && cb[k] == 1 {
				pairOf[i], takenB[idxB[k]] = idxB[k], true
			}
		}
	}
	for j := range nb {
		if !takenB[j] {
			onlyB = append(onlyB, j)
		}
	}
	return pairOf, onlyB
}

// leafSigs lists the tests under a node as metric or metric:arg.
func leafSigs(n *Node, withArg bool) []string {
	var out []string
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Metric != "" {
			s := n.Metric
			if withArg {
				s += ":" + argText(n.Arg)
			}
			out = append(out, s)
		}
		for _, k := range slices.Concat(n.All, n.Any) {
			walk(k)
		}
	}
	walk(n)
	sort.Strings(out)
	return slices.Compact(out)
}

func nodePasses(as, bs []*Node) []func(bool, int) string {
	pick := func(b bool, i int) *Node {
		if b {
			return bs[i]
		}
		return as[i]
	}
	return []func(bool, int) string{
		func(b bool, i int) string { return pick(b, i).ID },
		func(b bool, i int) string { return pick(b, i).Label },
		func(b bool, i int) string { return strings.Join(leafSigs(pick(b, i), true), ",") },
		func(b bool, i int) string { return strings.Join(leafSigs(pick(b, i), false), ",") },
	}
}

// ---- conditions -------------------------------------------------------------------

type secNode struct {
	sec string
	n   *Node
}

func topNodes(rs *RuleSet) []secNode {
	var out []secNode
	for _, s := range []struct {
		name string
		list []*Node
	}{{"prerequisites", rs.Prerequisites}, {"mandatory", rs.Mandatory}, {"direct", rs.Direct}} {
		for _, n := range s.list {
			out = append(out, secNode{s.name, n})
		}
	}
	return out
}

func plain(ns []secNode) []*Node {
	out := make([]*Node, len(ns))
	for i, s := range ns {
		out[i] = s.n
	}
	return out
}

// successors maps an old node id to the new nodes that name it in replaces.
func successors(bs []secNode) map[string][]string {
	out := map[string][]string{}
	for _, y := range bs {
		for _, r := range y.n.Replaces {
			out[r] = append(out[r], y.n.ID)
		}
	}
	return out
}

// replacePass pairs a node with its one named successor (G22-3a → G26-5);
// a node replaced by several (G22-4 → G26-3, G26-4) pairs with none.
func replacePass(as, bs []secNode, succ map[string][]string) func(bool, int) string {
	return func(b bool, i int) string {
		if b {
			if r := bs[i].n.Replaces; len(r) == 1 && len(succ[r[0]]) == 1 {
				return r[0]
			}
			return ""
		}
		if len(succ[as[i].n.ID]) == 1 {
			return as[i].n.ID
		}
		return ""
	}
}

func (d *differ) nodes() {
	as, bs := topNodes(d.a), topNodes(d.b)
	succ := successors(bs)
	passes := append([]func(bool, int) string{replacePass(as, bs, succ)}, nodePasses(plain(as), plain(bs))...)
	pairOf, _ := match(len(as), len(bs), passes...)
	aOf := make([]int, len(bs))
	for j := range aOf {
		aOf[j] = -1
	}
	for i, j := range pairOf {
		if j >= 0 {
			aOf[j] = i
		}
	}
	// In the new version's order, then what the new version dropped.
	for j, y := range bs {
		if i := aOf[j]; i >= 0 {
			d.compareNode(as[i], y)
			continue
		}
		e := DiffEntry{Kind: DiffAdded, Section: y.sec, NewID: y.n.ID, Label: y.n.Label, Field: "condition", Review: y.n.Review,
			New: detail(y.n, d.b.Params), Text: fmt.Sprintf("新增%s %s：%s", sectionTitleZH[y.sec], y.n.ID, d.summary(y.n, d.b.Params))}
		if len(y.n.Replaces) > 0 {
			e.Note = "取代 " + strings.Join(y.n.Replaces, "、")
			e.Text += "（" + e.Note + "）"
		}
		d.add(e)
	}
	for i, x := range as {
		if pairOf[i] >= 0 {
			continue
		}
		e := DiffEntry{Kind: DiffRemoved, Section: x.sec, OldID: x.n.ID, Label: x.n.Label, Field: "condition", Review: x.n.Review,
			Old: detail(x.n, d.a.Params), Text: fmt.Sprintf("删除%s %s：%s", sectionTitleZH[x.sec], x.n.ID, d.summary(x.n, d.a.Params))}
		if by := succ[x.n.ID]; len(by) > 0 {
			e.Note = "由 " + strings.Join(by, "、") + " 取代"
			e.Text += "（" + e.Note + "）"
		} else if into := mergedInto(x.n, bs, aOf); into != "" {
			e.Note = "内容并入 " + into
			e.Text += "（" + e.Note + "）"
		}
		d.add(e)
	}
}

// mergedInto names the added node whose tests include all of the removed
// node's, as when R2026 folds 基本条件 I-B1…I-B5 into one S26-1. A review
// node's metric is only a pre-screen for a judgement, so it says nothing.
func mergedInto(x *Node, bs []secNode, aOf []int) string {
	if x.Review {
		return ""
	}
	want := leafSigs(x, true)
	for j, y := range bs {
		if aOf[j] >= 0 || len(y.n.All)+len(y.n.Any) == 0 {
			continue
		}
		have := leafSigs(y.n, true)
		all := true
		for _, s := range want {
			all = all && slices.Contains(have, s)
		}
		if all {
			return y.n.ID
		}
	}
	return ""
}

func kindOf(n *Node) string {
	switch {
	case len(n.Any) > 0:
		return "any"
	case len(n.All) > 0:
		return "all"
	}
	return "leaf"
}

// summary words a condition in one line: its label and what it tests.
func (d *differ) summary(n *Node, p Params) string {
	return fmt.Sprintf("%s（%s）", n.Label, detail(n, p))
}

// detail words what a condition tests: "营业收入 ≥ 1,500 万元", or for
// all/any its children with their tests.
func detail(n *Node, p Params) string {
	return detailTest(n, p) + flagsZH(n)
}

func detailTest(n *Node, p Params) string {
	kids, head, sep := n.All, "全部满足：", "；"
	switch kindOf(n) {
	case "leaf":
		return metricName(n.Metric) + " " + requirement(n, p)
	case "any":
		kids, head, sep = n.Any, "满足其一：", "；或 "
	}
	parts := make([]string, len(kids))
	for i, k := range kids {
		parts[i] = fmt.Sprintf("%s（%s）", k.Label, detail(k, p))
	}
	return head + strings.Join(parts, sep)
}

// flagsZH words a node's review flags and 复核 rules: "〔待核实；复核不考察〕".
func flagsZH(n *Node) string {
	var fs []string
	if n.Review {
		fs = append(fs, "待核实")
	}
	if n.OnFail == "review" {
		fs = append(fs, "未满足亦待核实")
	}
	if n.SkipReview {
		fs = append(fs, "复核不考察")
	}
	if s := reviewYearsZH(n.ReviewAnyYear); s != "" {
		fs = append(fs, s)
	}
	if len(fs) == 0 {
		return ""
	}
	return "〔" + strings.Join(fs, "；") + "〕"
}

// reviewYearsZH words review_any_year: "复核时近两年任一年满足即可".
func reviewYearsZH(offs []int) string {
	switch {
	case len(offs) == 0:
		return ""
	case len(offs) == 2 && slices.Contains(offs, 0) && slices.Contains(offs, -1):
		return "复核时近两年任一年满足即可"
	}
	return fmt.Sprintf("复核时所列 %d 个年度任一年满足即可", len(offs))
}

// reviewRules lists a rule set's 复核 rules by node: "G26-2c 复核不考察".
func reviewRules(rs *RuleSet) string {
	var parts []string
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.ID != "" {
			if n.SkipReview {
				parts = append(parts, n.ID+" 复核不考察")
			}
			if s := reviewYearsZH(n.ReviewAnyYear); s != "" {
				parts = append(parts, n.ID+" "+s)
			}
		}
		for _, k := range slices.Concat(n.All, n.Any) {
			walk(k)
		}
	}
	for _, sn := range topNodes(rs) {
		walk(sn.n)
	}
	if len(parts) == 0 {
		return "无"
	}
	return strings.Join(parts, "；")
}

func metricName(id string) string {
	if m := vocabulary[id]; m != nil {
		return m.name
	}
	return id
}

func boolZH(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func (d *differ) compareNode(x, y secNode) {
	base := DiffEntry{Section: y.sec, OldID: x.n.ID, NewID: y.n.ID, Label: y.n.Label, Review: y.n.Review}
	if x.sec != y.sec {
		e := base
		e.Kind, e.Field, e.Old, e.New = DiffChanged, "section", x.sec, y.sec
		e.Text = fmt.Sprintf("由%s移至%s", sectionTitleZH[x.sec], sectionTitleZH[y.sec])
		d.add(e)
	}
	if x.n.ID != y.n.ID {
		e := base
		e.Kind, e.Field, e.Old, e.New = DiffChanged, "id", x.n.ID, y.n.ID
		e.Text = fmt.Sprintf("编号：%s → %s", x.n.ID, y.n.ID)
		d.add(e)
	}
	d.compareTree(base, x.n, y.n, "")
}

// compareTree compares two matched conditions and, for all/any of the
// same kind, their children.
func (d *differ) compareTree(base DiffEntry, x, y *Node, path string) {
	emit := func(kind DiffKind, field, old, new, text string) {
		e := base
		e.Kind, e.Path, e.Field, e.Old, e.New, e.Text = kind, path, field, old, new, text
		if path != "" {
			e.Text = path + "：" + text
		}
		d.add(e)
	}
	change := func(field, zh, old, new string) {
		switch {
		case old == new:
		case old == "":
			emit(DiffAdded, field, old, new, fmt.Sprintf("新增%s：%s", zh, new))
		case new == "":
			emit(DiffRemoved, field, old, new, fmt.Sprintf("删除%s：%s", zh, old))
		default:
			emit(DiffChanged, field, old, new, fmt.Sprintf("%s：“%s” → “%s”", zh, old, new))
		}
	}
	change("label", "表述", x.Label, y.Label)
	change("ref", "出处", x.Ref, y.Ref)
	change("confidence", "可信度", x.Confidence, y.Confidence)
	change("note", "注", x.Note, y.Note)
	change("review_note", "核实要点", x.ReviewNote, y.ReviewNote)
	change("on_fail", "未满足时的结论", x.OnFail, y.OnFail)
	change("unmet_note", "未满足时的说明", x.UnmetNote, y.UnmetNote)
	if x.Review != y.Review {
		emit(DiffChanged, "review", boolZH(x.Review), boolZH(y.Review), fmt.Sprintf("需人工核实：%s → %s", boolZH(x.Review), boolZH(y.Review)))
	}
	if x.SkipReview != y.SkipReview {
		emit(DiffChanged, "skip_on_review", boolZH(x.SkipReview), boolZH(y.SkipReview), fmt.Sprintf("复核时不考察：%s → %s", boolZH(x.SkipReview), boolZH(y.SkipReview)))
	}
	if ox, oy := reviewYearsZH(x.ReviewAnyYear), reviewYearsZH(y.ReviewAnyYear); ox != oy {
		emit(DiffChanged, "review_any_year", ox, oy, fmt.Sprintf("复核时：%s → %s", orNone(ox), orNone(oy)))
	}
	kx, ky := kindOf(x), kindOf(y)
	if kx != ky {
		o, n := d.summary(x, d.a.Params), d.summary(y, d.b.Params)
		emit(DiffChanged, "structure", o, n, fmt.Sprintf("结构：%s → %s", o, n))
		return
	}
	if kx == "leaf" {
		if x.Metric != y.Metric {
			o, n := fmt.Sprintf("%s（%s）", metricName(x.Metric), x.Metric), fmt.Sprintf("%s（%s）", metricName(y.Metric), y.Metric)
			emit(DiffChanged, "metric", o, n, fmt.Sprintf("指标：%s → %s", o, n))
		}
		if ax, ay := argText(x.Arg), argText(y.Arg); ax != ay {
			emit(DiffChanged, "arg", ax, ay, fmt.Sprintf("%s 参数：%s → %s", metricName(y.Metric), orNone(ax), orNone(ay)))
		}
		if rx, ry := requirement(x, d.a.Params), requirement(y, d.b.Params); rx != ry {
			emit(DiffChanged, "threshold", rx, ry, fmt.Sprintf("%s %s → %s", metricName(y.Metric), rx, ry))
		}
		return
	}
	xs, ys := slices.Concat(x.All, x.Any), slices.Concat(y.All, y.Any)
	pairOf, onlyB := match(len(xs), len(ys), nodePasses(xs, ys)...)
	sub := func(n *Node) string {
		if path == "" {
			return n.Label
		}
		return path + " / " + n.Label
	}
	for i, j := range pairOf {
		if j >= 0 {
			d.compareTree(base, xs[i], ys[j], sub(ys[j]))
		}
	}
	for _, j := range onlyB {
		s := d.summary(ys[j], d.b.Params)
		e := base
		e.Kind, e.Path, e.Field, e.New, e.Text = DiffAdded, sub(ys[j]), "condition", s, "新增子条件："+s
		d.add(e)
	}
	for i, j := range pairOf {
		if j < 0 {
			s := d.summary(xs[i], d.a.Params)
			e := base
			e.Kind, e.Path, e.Field, e.Old, e.Text = DiffRemoved, sub(xs[i]), "condition", s, "删除子条件："+s
			d.add(e)
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "（无）"
	}
	return s
}

// ---- points table ----------------------------------------------------------------

func tableSummary(sc *Score) string {
	return fmt.Sprintf("满分 %d 分，%d 分及格，%d 类 %d 项评分指标", sc.Total, sc.Pass, len(sc.Categories), len(sc.Items))
}

// scoringText words how an item scores: "主营业务收入占营业收入比重 ≥ 80% 得 5 分、≥ 70% 得 3 分".
func scoringText(it *Item, p Params) string {
	alts := it.BestOf
	if it.Metric != "" {
		alts = []Alt{{Metric: it.Metric, Arg: it.Arg, Year: it.Year, Bands: it.Bands}}
	}
	var parts []string
	for _, a := range alts {
		m := vocabulary[a.Metric]
		bands := make([]string, len(a.Bands))
		for i, b := range a.Bands {
			bands[i] = fmt.Sprintf("%s 得 %d 分", bandText(m, Band{Min: b.Min, Max: b.Max}, p), b.Points)
		}
		s := metricName(a.Metric)
		if at := argText(a.Arg); at != "" {
			s += "（" + at + "）"
		}
		if a.Year != 0 {
			s = yearZH(a.Year) + " 年度" + s
		}
		parts = append(parts, s+" "+strings.Join(bands, "、"))
	}
	return strings.Join(parts, "；或 ")
}

func (d *differ) score() {
	sa, sb := d.a.Score, d.b.Score
	switch {
	case sa == nil && sb == nil:
		return
	case sb == nil:
		d.add(DiffEntry{Kind: DiffRemoved, Section: "score", Field: "table", Old: tableSummary(sa),
			Text: "删除评分表（原" + tableSummary(sa) + "）"})
		return
	case sa == nil:
		d.add(DiffEntry{Kind: DiffAdded, Section: "score", Field: "table", New: tableSummary(sb),
			Text: "新增评分表（" + tableSummary(sb) + "）"})
		return
	}
	d.field("score", "pass", "及格线", strconv.Itoa(sa.Pass), strconv.Itoa(sb.Pass))
	d.field("score", "total", "满分", strconv.Itoa(sa.Total), strconv.Itoa(sb.Total))

	ca, cb := sa.Categories, sb.Categories
	pairOf, onlyB := match(len(ca), len(cb),
		func(b bool, i int) string { return pickCat(b, ca, cb, i).ID },
		func(b bool, i int) string { return pickCat(b, ca, cb, i).Label })
	for i, j := range pairOf {
		if j < 0 {
			d.add(DiffEntry{Kind: DiffRemoved, Section: "score", OldID: ca[i].ID, Label: ca[i].Label, Field: "category",
				Old: catText(ca[i]), Text: "删除评分类别：" + catText(ca[i])})
			continue
		}
		x, y := ca[i], cb[j]
		if catText(x) != catText(y) {
			d.add(DiffEntry{Kind: DiffChanged, Section: "score", OldID: x.ID, NewID: y.ID, Label: y.Label, Field: "category",
				Old: catText(x), New: catText(y), Text: fmt.Sprintf("评分类别：%s → %s", catText(x), catText(y))})
		}
	}
	for _, j := range onlyB {
		d.add(DiffEntry{Kind: DiffAdded, Section: "score", NewID: cb[j].ID, Label: cb[j].Label, Field: "category",
			New: catText(cb[j]), Text: "新增评分类别：" + catText(cb[j])})
	}

	ia, ib := sa.Items, sb.Items
	itemSig := func(it *Item) string {
		if it.Metric != "" {
			return it.Metric
		}
		ms := make([]string, len(it.BestOf))
		for i, a := range it.BestOf {
			ms[i] = a.Metric
		}
		sort.Strings(ms)
		return strings.Join(ms, ",")
	}
	pick := func(b bool, i int) *Item {
		if b {
			return ib[i]
		}
		return ia[i]
	}
	pairOf, _ = match(len(ia), len(ib),
		func(b bool, i int) string { return pick(b, i).ID },
		func(b bool, i int) string { return pick(b, i).Label },
		func(b bool, i int) string { return itemSig(pick(b, i)) })
	aOf := map[int]int{}
	for i, j := range pairOf {
		if j >= 0 {
			aOf[j] = i
		}
	}
	for j, y := range ib {
		i, ok := aOf[j]
		if !ok {
			s := fmt.Sprintf("%s（满分 %d 分）：%s", y.Label, y.Max, scoringText(y, d.b.Params))
			d.add(DiffEntry{Kind: DiffAdded, Section: "score", NewID: y.ID, Label: y.Label, Field: "item", New: s, Text: "新增评分项 " + y.ID + " " + s})
			continue
		}
		d.compareItem(ia[i], y)
	}
	for i, x := range ia {
		if pairOf[i] < 0 {
			s := fmt.Sprintf("%s（满分 %d 分）", x.Label, x.Max)
			d.add(DiffEntry{Kind: DiffRemoved, Section: "score", OldID: x.ID, Label: x.Label, Field: "item", Old: s, Text: "删除评分项 " + x.ID + " " + s})
		}
	}
}

func pickCat(b bool, ca, cb []Category, i int) Category {
	if b {
		return cb[i]
	}
	return ca[i]
}

func catText(c Category) string {
	s := fmt.Sprintf("%s（%s，满分 %d 分", c.Label, c.ID, c.Max)
	if c.Min > 0 {
		s += fmt.Sprintf("，最低 %d 分", c.Min)
	}
	return s + "）"
}

func (d *differ) compareItem(x, y *Item) {
	base := DiffEntry{Kind: DiffChanged, Section: "score", OldID: x.ID, NewID: y.ID, Label: y.Label}
	emit := func(field, zh, old, new string) {
		if old == new {
			return
		}
		e := base
		e.Field, e.Old, e.New = field, old, new
		switch {
		case old == "":
			e.Kind, e.Text = DiffAdded, fmt.Sprintf("新增%s：%s", zh, new)
		case new == "":
			e.Kind, e.Text = DiffRemoved, fmt.Sprintf("删除%s：%s", zh, old)
		default:
			e.Text = fmt.Sprintf("%s：%s → %s", zh, old, new)
		}
		d.add(e)
	}
	emit("id", "编号", x.ID, y.ID)
	emit("label", "名称", x.Label, y.Label)
	emit("category", "所属类别", x.Category, y.Category)
	emit("max", "满分", strconv.Itoa(x.Max), strconv.Itoa(y.Max))
	emit("min_points", "本项最低分", strconv.Itoa(x.MinPoints), strconv.Itoa(y.MinPoints))
	emit("bands", "计分", scoringText(x, d.a.Params), scoringText(y, d.b.Params))
	emit("ref", "出处", x.Ref, y.Ref)
	emit("confidence", "可信度", x.Confidence, y.Confidence)
	emit("note", "注", x.Note, y.Note)
}

// ---- report ------------------------------------------------------------------------

// DiffReport renders the entries of Diff(a, b) as a Markdown report: the
// two versions side by side, then the changes section by section, each
// condition or item under its own heading.
func DiffReport(a, b *RuleSet, entries []DiffEntry) string {
	var s strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&s, format, args...) }
	p("# 规则集差异：%s → %s\n\n", a.ID, b.ID)
	p("| 项目 | 原版本 | 新版本 |\n|---|---|---|\n")
	p("| 规则集 | %s | %s |\n", a.ID, b.ID)
	p("| 名称 | %s | %s |\n", cell(a.Name), cell(b.Name))
	p("| 文件 | %s | %s |\n", cell(docCite(a)), cell(docCite(b)))
	p("| 适用期间 | %s | %s |\n", cell(allWindows(a)), cell(allWindows(b)))
	p("| 复核规则 | %s | %s |\n", cell(reviewRules(a)), cell(reviewRules(b)))
	if len(entries) == 0 {
		p("\n两个版本内容相同。\n")
		return s.String()
	}
	count := map[DiffKind]int{}
	meaning := 0
	for _, e := range entries {
		count[e.Kind]++
		if e.Meaning() {
			meaning++
		}
	}
	p("\n共 %d 处变化：新增 %d 处，删除 %d 处，修改 %d 处；其中含义变化 %d 处，出处与措辞变化 %d 处。\n",
		len(entries), count[DiffAdded], count[DiffRemoved], count[DiffChanged], meaning, len(entries)-meaning)
	for _, sec := range diffSections {
		var es []DiffEntry
		for _, e := range entries {
			if e.Section == sec {
				es = append(es, e)
			}
		}
		if len(es) == 0 {
			continue
		}
		p("\n## %s\n", sectionTitleZH[sec])
		lastKey, inList := "", false
		for _, e := range es {
			if e.OldID == "" && e.NewID == "" {
				if !inList {
					p("\n")
				}
				p("- %s\n", e.Text)
				inList, lastKey = true, ""
				continue
			}
			key := e.OldID + "\x00" + e.NewID
			if key != lastKey {
				lastKey = key
				var h string
				switch {
				case e.OldID == "":
					h = "新增 " + e.NewID
				case e.NewID == "":
					h = "删除 " + e.OldID
				case e.OldID == e.NewID:
					h = e.NewID
				default:
					h = e.OldID + " → " + e.NewID
				}
				flag := ""
				if e.Review {
					flag = " 〔待核实〕"
				}
				p("\n### %s %s%s\n\n", h, e.Label, flag)
			}
			inList = true
			switch {
			case e.Path == "" && e.Field == "condition" && e.Kind == DiffAdded:
				p("- 新增：%s", e.New)
				if e.Note != "" {
					p("（%s）", e.Note)
				}
				p("\n")
			case e.Path == "" && e.Field == "condition" && e.Kind == DiffRemoved:
				p("- 删除：%s", e.Old)
				if e.Note != "" {
					p("（%s）", e.Note)
				}
				p("\n")
			case !e.Meaning():
				p("- %s〔出处与措辞〕\n", e.Text)
			default:
				p("- %s\n", e.Text)
			}
		}
	}
	return s.String()
}

func docCite(rs *RuleSet) string {
	s := rs.Source.Title
	if s != "" {
		s = "《" + s + "》"
	}
	if rs.Source.DocNo != "" {
		s += "（" + rs.Source.DocNo + "）"
	}
	return s
}

func allWindows(rs *RuleSet) string {
	var parts []string
	for _, t := range appTypes {
		if w := windowsText(rs, t); w != "" {
			parts = append(parts, typeZH[t]+" "+w)
		}
	}
	return strings.Join(parts, "；")
}
