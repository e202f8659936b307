package criteria_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"zjtx/internal/criteria"
)

// matches reports whether e has every non-empty field of want.
func matches(e, want criteria.DiffEntry) bool {
	for _, f := range []struct{ got, want string }{
		{string(e.Kind), string(want.Kind)}, {e.Section, want.Section}, {e.OldID, want.OldID}, {e.NewID, want.NewID},
		{e.Path, want.Path}, {e.Field, want.Field}, {e.Old, want.Old}, {e.New, want.New}, {e.Note, want.Note},
	} {
		if f.want != "" && f.got != f.want {
			return false
		}
	}
	return strings.Contains(e.Text, want.Text)
}

func wantEntries(t *testing.T, got []criteria.DiffEntry, wants ...criteria.DiffEntry) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, e := range got {
			found = found || matches(e, w)
		}
		if !found {
			t.Errorf("no entry like %+v", w)
		}
	}
	if t.Failed() {
		for _, e := range got {
			t.Logf("  %+v", e)
		}
	}
}

func TestDiffSRDI2022To2026(t *testing.T) {
	sets := loadShipped(t)
	a, b := sets["srdi@2022"], sets["srdi@2026"]
	got := criteria.Diff(a, b)
	wantEntries(t, got,
		criteria.DiffEntry{Kind: criteria.DiffChanged, Section: "mandatory", OldID: "S22-C1", NewID: "S26-3", Field: "threshold",
			Old: "≥ 2 年", New: "≥ 3 年", Text: "从事特定细分市场年限 ≥ 2 年 → ≥ 3 年"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "S22-C3", NewID: "S26-4", Path: "上年度营业收入不低于1500万元", Field: "threshold",
			Old: "≥ 1,000 万元", New: "≥ 1,500 万元", Text: "营业收入 ≥ 1,000 万元 → ≥ 1,500 万元"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "S22-C2", NewID: "S26-7", Field: "threshold",
			Old: "≥ 100 万元", New: "近两年每年 ≥ 100 万元"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "S22-P", NewID: "S26-2", Field: "arg", Old: "innovative", New: "[innovative, tech_sme]"},
		criteria.DiffEntry{Kind: criteria.DiffRemoved, Section: "score", Field: "table", Text: "删除评分表"},
		criteria.DiffEntry{Kind: criteria.DiffAdded, Section: "mandatory", NewID: "S26-5", Field: "condition", New: "主营业务收入占营业收入比重 ≥ 80%"},
		criteria.DiffEntry{Kind: criteria.DiffAdded, Section: "mandatory", NewID: "S26-10", Field: "condition"},
		criteria.DiffEntry{Kind: criteria.DiffRemoved, Section: "direct", OldID: "S22-D2", Field: "condition"},
		criteria.DiffEntry{Kind: criteria.DiffRemoved, Section: "mandatory", OldID: "I-B3", Note: "内容并入 S26-1"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, Section: "source", Field: "doc_no", Old: "工信部企业〔2022〕63号", New: "工信部企业〔2026〕2号"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, Section: "applies", Field: "new", Old: "2022-08-01 至 2026-03-31", New: "2026-04-01 起"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, Section: "params", Field: "max_holder_rank", Old: "0", New: "3"},
	)
	for _, e := range got {
		if e.OldID == "S22-C1" && e.NewID != "S26-3" || e.NewID == "S26-3" && e.OldID != "S22-C1" {
			t.Errorf("niche years matched wrongly: %+v", e)
		}
	}
	wantInReport(t, criteria.DiffReport(a, b, got),
		"# 规则集差异：srdi@2022 → srdi@2026",
		"### S22-C1 → S26-3 截至上年末，从事特定细分市场时间达到3年以上",
		"- 从事特定细分市场年限 ≥ 2 年 → ≥ 3 年",
		"### 新增 S26-5 上年度主营业务收入占营业收入比重不低于80%",
		"- 新增：主营业务收入占营业收入比重 ≥ 80%",
		"### 删除 I-B1",
		"（内容并入 S26-1）",
		"## 评分表\n\n- 删除评分表（原满分 100 分，60 分及格，4 类 13 项评分指标）",
	)
}

// wantInReport checks that a diff report holds every text, and shows it when not.
func wantInReport(t *testing.T, rep string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(rep, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	if t.Failed() {
		t.Log(rep)
	}
}

func TestDiffWithItselfIsEmpty(t *testing.T) {
	for id, rs := range loadShipped(t) {
		if got := criteria.Diff(rs, rs); len(got) != 0 {
			t.Errorf("%s: %d entries, want none: %+v", id, len(got), got)
		}
		if rep := criteria.DiffReport(rs, rs, nil); !strings.Contains(rep, "两个版本内容相同") {
			t.Errorf("%s: report of no change: %s", id, rep)
		}
	}
}

// TestDiffEdits diffs the shipped srdi@2022 with an edited copy: each edit
// shows as exactly the entries expected, and nothing else.
func TestDiffEdits(t *testing.T) {
	const f = "srdi@2022.yaml"
	const d2 = "  - id: S22-D2\n    label: 近两年研发费用总额均值在1000万元以上\n    metric: rd_avg\n    arg: 2\n    min: 1000\n    ref: 附件2 二、（二）\n    confidence: C1\n"
	tests := []struct {
		name  string
		edits []edit
		want  []criteria.DiffEntry
	}{
		{"RenamedID", []edit{{f, "  - id: S22-C1\n", "  - id: S22-X1\n"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, OldID: "S22-C1", NewID: "S22-X1", Field: "id"}}},
		{"Threshold", []edit{{f, "metric: niche_years\n    min: 2", "metric: niche_years\n    min: 3"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, OldID: "S22-C1", NewID: "S22-C1", Field: "threshold", Old: "≥ 2 年", New: "≥ 3 年"}}},
		{"NestedMetric", []edit{{f, "metric: revenue, min: 1000}", "metric: main_revenue, min: 1000}"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, OldID: "S22-C3", Path: "上年度营业收入总额1000万元以上", Field: "metric",
				Old: "营业收入（revenue）", New: "主营业务收入（main_revenue）"}}},
		{"NestedAdded", []edit{{f, "      - {label: 近2年新增股权融资总额2000万元以上, metric: equity_sum, arg: 2, min: 2000}\n",
			"      - {label: 近2年新增股权融资总额2000万元以上, metric: equity_sum, arg: 2, min: 2000}\n      - {label: 上年度主营业务收入800万元以上, metric: main_revenue, min: 800}\n"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffAdded, OldID: "S22-C3", NewID: "S22-C3", Path: "上年度主营业务收入800万元以上", Field: "condition"}}},
		{"Reordered", []edit{
			{f, d2, ""},
			{f, "\nscore:\n", "\n" + d2 + "\nscore:\n"},
		}, nil}, // order within a section is not a change
		{"MovedSection", []edit{
			{f, d2, ""},
			{f, "\ndirect:\n", "\n" + d2 + "\ndirect:\n"},
		}, []criteria.DiffEntry{{Kind: criteria.DiffChanged, Section: "mandatory", OldID: "S22-D2", NewID: "S22-D2", Field: "section", Old: "direct", New: "mandatory"}}},
		{"BandChanged", []edit{{f, "{min: 80%, points: 5, label: 80%以上}", "{min: 85%, points: 5, label: 80%以上}"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, Section: "score", OldID: "S22-1", NewID: "S22-1", Field: "bands",
				Old: "主营业务收入占营业收入比重 ≥ 80% 得 5 分、≥ 70% 得 3 分、≥ 60% 得 1 分", New: "主营业务收入占营业收入比重 ≥ 85% 得 5 分、≥ 70% 得 3 分、≥ 60% 得 1 分"}}},
		{"PassMark", []edit{{f, "  pass: 60\n", "  pass: 65\n"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, Section: "score", Field: "pass", Old: "60", New: "65"}}},
		{"CategoryMinimum", []edit{{f, "{id: innovation, label: 创新能力指标, max: 35}", "{id: innovation, label: 创新能力指标, max: 35, min: 20}"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, Section: "score", OldID: "innovation", Field: "category", New: "创新能力指标（innovation，满分 35 分，最低 20 分）"}}},
		{"ItemCategory", []edit{{f, "    - id: S22-12\n      category: innovation\n      label: 上年度研发人员占比\n", "    - id: S22-12\n      category: nowhere\n      label: 上年度研发人员占比\n"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, Section: "score", OldID: "S22-12", Field: "category", Old: "innovation", New: "nowhere"}}},
		{"Window", []edit{{f, "{type: review, from: 2022-08-01, to: 2025-12-31}", "{type: review, from: 2022-08-01, to: 2026-12-31}"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, Section: "applies", Field: "review", Old: "2022-08-01 至 2025-12-31", New: "2022-08-01 至 2026-12-31"}}},
		{"Param", []edit{{f, "  growth_2y: mean\n", "  growth_2y: cagr\n"}},
			[]criteria.DiffEntry{{Kind: criteria.DiffChanged, Section: "params", Field: "growth_2y", Old: "mean", New: "cagr"}}},
	}
	orig := loadShipped(t)["srdi@2022"]
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sets, err := criteria.LoadDir(os.DirFS(brokenCopy(t, tt.edits...)))
			if err != nil {
				t.Fatal(err)
			}
			var edited *criteria.RuleSet
			for _, rs := range sets {
				if rs.ID == "srdi@2022" {
					edited = rs
				}
			}
			got := criteria.Diff(orig, edited)
			if len(got) != len(tt.want) {
				t.Errorf("%d entries, want %d", len(got), len(tt.want))
			}
			wantEntries(t, got, tt.want...)
		})
	}
}

// TestDiffLittleGiantSuccessors: nodes are paired with the successors the
// rule file names (replaces), a node replaced by two is shown as replaced,
// and the report shows review flags, the 复核 rules and how many changes
// are of meaning rather than of citation.
func TestDiffLittleGiantSuccessors(t *testing.T) {
	sets := loadShipped(t)
	a, b := sets["little_giant@2022"], sets["little_giant@2026"]
	got := criteria.Diff(a, b)
	wantEntries(t, got,
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "G22-3a", NewID: "G26-5", Field: "structure"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "G22-3a", NewID: "G26-5", Field: "review", Text: "需人工核实：是 → 否"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "G22-6", NewID: "G26-6", Field: "structure"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "G22-1c", NewID: "G26-2c", Field: "metric"},
		criteria.DiffEntry{Kind: criteria.DiffChanged, OldID: "G22-1c", NewID: "G26-2c", Field: "skip_on_review", Text: "复核时不考察：否 → 是"},
		criteria.DiffEntry{Kind: criteria.DiffRemoved, OldID: "G22-4", Field: "condition", Note: "由 G26-3、G26-4 取代"},
		criteria.DiffEntry{Kind: criteria.DiffAdded, NewID: "G26-3", Field: "condition", Note: "取代 G22-4"},
		criteria.DiffEntry{Kind: criteria.DiffAdded, NewID: "G26-4", Field: "condition", Note: "取代 G22-4"},
	)
	var meaning, citation int
	for _, e := range got {
		if e.Meaning() {
			meaning++
		} else {
			citation++
		}
		if e.OldID == "G22-1c" && e.Field == "ref" && e.Meaning() {
			t.Errorf("a change of clause counts as a change of meaning: %+v", e)
		}
	}
	wantInReport(t, criteria.DiffReport(a, b, got),
		"### G22-3a → G26-5 ",
		"### G22-6 → G26-6 主导产品属于核心基础零部件",
		"〔待核实〕",
		"| 复核规则 | 无 | G26-2c 复核不考察；G26-7 复核时近两年任一年满足即可 |",
		fmt.Sprintf("其中含义变化 %d 处，出处与措辞变化 %d 处", meaning, citation),
		"出处：“附件3 二、（一）专业化” → “附件2 （二）”〔出处与措辞〕",
	)
	if meaning == 0 || citation == 0 {
		t.Errorf("meaning %d, citation %d: both kinds are expected", meaning, citation)
	}
}
