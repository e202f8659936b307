package criteria_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zjtx/internal/criteria"
	"zjtx/rules"
)

func TestLintShippedRuleSets(t *testing.T) {
	issues := criteria.LintDir(rules.FS)
	for _, i := range issues {
		if i.Severity == criteria.SevError {
			t.Errorf("%s", i)
		} else {
			t.Logf("%s", i)
		}
	}
	sets, err := criteria.LoadDir(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got := criteria.Lint(sets); criteria.HasErrors(got) {
		t.Errorf("Lint of the loaded sets has errors: %v", got)
	}
}

// edit replaces the first occurrence of old in one rule file; with old
// empty it writes a new file.
type edit struct{ file, old, new string }

// brokenCopy writes the shipped rule files to a temporary directory with the
// edits applied; an edit whose text is missing fails the test, so a change of
// a rule file cannot silently turn a case into a no-op.
func brokenCopy(t *testing.T, edits ...edit) string {
	t.Helper()
	dir := t.TempDir()
	names, err := fs.Glob(rules.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(rules.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		files[n] = string(b)
	}
	for _, e := range edits {
		if e.old == "" {
			files[e.file] = e.new
			continue
		}
		s, ok := files[e.file]
		if !strings.Contains(s, e.old) {
			t.Fatalf("%s (exists %v) does not contain %q", e.file, ok, e.old)
		}
		files[e.file] = strings.Replace(s, e.old, e.new, 1)
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// henanOverlay is a provincial overlay of srdi@2026 without its patches.
const henanOverlay = `id: srdi_41@2026
tier: srdi
name: 专精特新中小企业认定标准（河南）
version: "2026"
jurisdiction: "41"
extends: srdi@2026
applies:
  - {type: new, from: 2026-04-01}
  - {type: review, from: 2026-04-01}
patches:
`

func TestLintOverlay(t *testing.T) {
	dir := brokenCopy(t, edit{"srdi_41@2026.yaml", "", henanOverlay +
		"  - replace: {id: S26-3, label: 从事特定细分市场时间达到2年以上, metric: niche_years, min: 2, confidence: C3}\n    ref: 豫工信企业〔2026〕1号\n"})
	issues := criteria.LintDir(os.DirFS(dir))
	if criteria.HasErrors(issues) {
		t.Errorf("a well-formed overlay has errors: %v", issues)
	}
}

func TestLintBrokenCopies(t *testing.T) {
	const s22, s26 = "srdi@2022.yaml", "srdi@2026.yaml"
	tests := []struct {
		name     string
		edits    []edit
		set      string // the issue's rule set
		node     string // the issue's node
		sev      criteria.Severity
		contains string // in the English message
	}{
		{"UnsortedBands", []edit{{s22, "{min: 70%, points: 3, label: 70%-80%}", "{min: 85%, points: 3, label: 85%}"}},
			"srdi@2022", "S22-1", criteria.SevError, "min bands must fall strictly"},
		{"PointsNotMonotone", []edit{{s22, "{min: 8%, points: 8, label: 8%-10%}", "{min: 8%, points: 10, label: 8%-10%}"}},
			"srdi@2022", "S22-2", criteria.SevError, "points must fall strictly"},
		{"MaxBandsNotRising", []edit{{s22, "{max: 60%, points: 3, label: 50%-60%}", "{max: 45%, points: 3, label: 45%}"}},
			"srdi@2022", "S22-8", criteria.SevError, "max bands must rise strictly"},
		{"MaxIsNotTopBand", []edit{{s22, "      max: 5\n      ref: 附件2 三、（一）1", "      max: 6\n      ref: 附件2 三、（一）1"}},
			"srdi@2022", "S22-1", criteria.SevError, "max 6 is not the top band's 5 points"},
		{"BestOfMaxIsBestAlternative", []edit{{s22, "{min: 10%, points: 10, label: A. 10%以上}\n            - {min: 8%", "{min: 10%, points: 12, label: A. 10%以上}\n            - {min: 8%"}},
			"srdi@2022", "S22-11", criteria.SevError, "max 10 is not the top band's 12 points"},
		{"ItemsDoNotAddUpToTotal", []edit{{s22, "  pass: 60\n  total: 100", "  pass: 60\n  total: 90"}},
			"srdi@2022", "score", criteria.SevError, "add up to 100, not the total 90"},
		{"CategoryMaxIsNotItsItems", []edit{{s22, "{id: refinement, label: 精细化指标, max: 25}", "{id: refinement, label: 精细化指标, max: 20}"}},
			"srdi@2022", "refinement", criteria.SevError, "category max 20, but its items' max add up to 25"},
		{"CategoryMinimumUnreachable", []edit{{s22, "{id: distinctive, label: 特色化指标, max: 15}", "{id: distinctive, label: 特色化指标, max: 15, min: 16}"}},
			"srdi@2022", "distinctive", criteria.SevError, "minimum 16 is above its max 15"},
		{"PassAboveTotal", []edit{{s22, "  pass: 60\n  total: 100", "  pass: 120\n  total: 100"}},
			"srdi@2022", "score", criteria.SevError, "pass 120 is above the total 100"},
		{"UnknownCategory", []edit{{s22, "category: innovation\n      label: 上年度研发人员占比", "category: innovativeness\n      label: 上年度研发人员占比"}},
			"srdi@2022", "S22-12", criteria.SevError, `unknown category "innovativeness"`},
		{"OverlappingWindows", []edit{{s26, "{type: new, from: 2026-04-01}", "{type: new, from: 2026-03-01}"}},
			"srdi@2026", "", criteria.SevError, "overlaps srdi@2022's new window"},
		{"GapBetweenWindows", []edit{{s26, "{type: review, from: 2026-01-01}", "{type: review, from: 2026-05-01}"}},
			"srdi@2026", "", criteria.SevWarning, "no srdi rule set in force for review applications from 2026-01-01 to 2026-04-30"},
		{"NoOpenEndedWindow", []edit{{s26, "{type: new, from: 2026-04-01}", "{type: new, from: 2026-04-01, to: 2030-12-31}"}},
			"srdi@2026", "", criteria.SevWarning, "no open-ended new window for tier srdi"},
		{"WindowEndsBeforeStart", []edit{{s22, "{type: new, from: 2022-08-01, to: 2026-03-31}", "{type: new, from: 2022-08-01, to: 2021-03-31}"}},
			"srdi@2022", "", criteria.SevError, "ends (2021-03-31) before it starts"},
		{"WindowBadDate", []edit{{s22, "{type: review, from: 2022-08-01, to: 2025-12-31}", "{type: review, from: 2022-08-01, to: 2026-02-30}"}},
			"srdi@2022", "", criteria.SevError, `to "2026-02-30" is not a date`},
		{"WindowBadType", []edit{{s22, "{type: review, from: 2022-08-01, to: 2025-12-31}", "{type: renewal, from: 2022-08-01, to: 2026-03-31}"}},
			"srdi@2022", "", criteria.SevError, `type "renewal" is not new or review`},
		{"UnknownMetric", []edit{{s22, "metric: niche_years\n    min: 2", "metric: niche_yrs\n    min: 2"}},
			"srdi@2022", "S22-C1", criteria.SevError, `unknown metric "niche_yrs"`},
		{"RatioThresholdWithoutPercent", []edit{{s22, "metric: rd_ratio, min: 3%}", "metric: rd_ratio, min: 0.03}"}},
			"srdi@2022", "S22-C2/上年度研发费用占营业收入总额比重不低于3%", criteria.SevError, "is a ratio: write its threshold with %"},
		{"AmountWithPercent", []edit{{s22, "metric: revenue, min: 1000}", "metric: revenue, min: 10%}"}},
			"srdi@2022", "S22-C3/上年度营业收入总额1000万元以上", criteria.SevError, "must not be a percentage"},
		{"BandRatioWithoutPercent", []edit{{s22, "{min: 20%, points: 5, label: 20%以上}", "{min: 0.2, points: 5, label: 20%以上}"}},
			"srdi@2022", "S22-12", criteria.SevError, "band 1: metric rd_staff_share is a ratio"},
		{"YuanForWanYuan", []edit{{s22, "{label: 上年度研发费用总额不低于100万元, metric: rd_expense, min: 100}", "{label: 上年度研发费用总额不低于100万元, metric: rd_expense, min: 1000000}"}},
			"srdi@2022", "S22-C2/上年度研发费用总额不低于100万元", criteria.SevWarning, "the label says 100万元 but the threshold is 1,000,000 万元"},
		{"BadArg", []edit{{s22, "arg: prohibited_product", "arg: forbidden_product"}},
			"srdi@2022", "I-B4", criteria.SevError, `unknown flag "forbidden_product"`},
		{"DuplicateSpecID", []edit{{s22, "  - id: S22-2\n", "  - id: S22-1\n"}},
			"srdi@2022", "S22-1", criteria.SevError, "spec id S22-1 is used twice"},
		{"BadConfidence", []edit{{s22, "ref: 附件2 一、（二）\n    confidence: C1", "ref: 附件2 一、（二）\n    confidence: C4"}},
			"srdi@2022", "S22-C1", criteria.SevError, `confidence "C4"`},
		{"MissingID", []edit{{s22, "  - id: S22-D2\n", "  - \n"}},
			"srdi@2022", "(近两年研发费用总额均值在1000万元以上)", criteria.SevError, "a direct condition needs a spec id"},
		{"MissingNestedLabel", []edit{{s22, "{label: 未被列入经营异常名录, metric: flag", "{metric: flag"}},
			"srdi@2022", "I-B3/", criteria.SevError, "the condition has no label"},
		{"NoRefNoSource", []edit{
			{s26, "  title: 优质中小企业梯度培育管理办法\n", "  title: \"\"\n"},
			{s26, "    ref: 附件1 二\n", ""},
		}, "srdi@2026", "S26-3", criteria.SevError, "no ref and no source document"},
		{"UnknownKey", []edit{{s22, "    metric: niche_years\n", "    metrc: niche_years\n"}},
			"srdi@2022.yaml", "", criteria.SevError, "field metrc not found"},
		{"OverlayPatchesUnknownNode", []edit{{"srdi_41@2026.yaml", "", henanOverlay + "  - remove: S26-99\n    ref: 豫工信企业〔2026〕1号\n"}},
			"srdi_41@2026", "", criteria.SevError, `no node "S26-99" to remove`},
		{"OverlayBreaksThreshold", []edit{{"srdi_41@2026.yaml", "", henanOverlay +
			"  - replace: {id: S26-3, label: 从事特定细分市场时间达到2年以上, metric: niche_years, min: 2%}\n    ref: 豫工信企业〔2026〕1号\n"}},
			"srdi_41@2026", "S26-3", criteria.SevError, "must not be a percentage"},
		{"ReplacesUnknownNode", []edit{{"little_giant@2026.yaml", "replaces: [G22-3a]", "replaces: [G22-3c]"}},
			"little_giant@2026", "G26-5", criteria.SevError, "replaces G22-3c, which is not a node of little_giant@2022"},
		{"ReplacesWithoutSupersedes", []edit{{"little_giant@2026.yaml", "supersedes: little_giant@2022\n", ""}},
			"little_giant@2026", "G26-5", criteria.SevError, "replaces G22-3a but the rule set names no supersedes"},
		{"SupersedesUnknownSet", []edit{{"little_giant@2026.yaml", "supersedes: little_giant@2022\n", "supersedes: little_giant@2021\n"}},
			"little_giant@2026", "", criteria.SevError, `supersedes unknown rule set "little_giant@2021"`},
		{"OnFailWithoutReason", []edit{{"little_giant@2022.yaml", "    unmet_note: 未申报位于产业链关键环节", "    note: 未申报位于产业链关键环节"}},
			"little_giant@2022", "G22-5", criteria.SevWarning, "on_fail without unmet_note"},
		{"IDNotFileName", []edit{{s26, "id: srdi@2026", "id: srdi@2027"}},
			"srdi@2026.yaml", "", criteria.SevError, "does not match the file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := brokenCopy(t, tt.edits...)
			issues := criteria.LintDir(os.DirFS(dir))
			found := false
			for _, i := range issues {
				if i.RuleSet == tt.set && i.Node == tt.node && i.Severity == tt.sev && strings.Contains(i.Message, tt.contains) {
					found = true
					if i.MessageZH == "" {
						t.Errorf("issue without a Chinese message: %s", i)
					}
				}
			}
			if !found {
				t.Errorf("no %s on %s %s containing %q; got:", tt.sev, tt.set, tt.node, tt.contains)
				for _, i := range issues {
					t.Logf("  %s [node %q]", i, i.Node)
				}
			}
		})
	}
}

// TestLintReportsEveryBrokenLeaf: one bad leaf does not hide the next, and a
// file that does not parse does not stop the others from being linted.
func TestLintReportsEveryBrokenLeaf(t *testing.T) {
	dir := brokenCopy(t,
		edit{"srdi@2022.yaml", "metric: niche_years\n    min: 2", "metric: niche_yrs\n    min: 2"},
		edit{"srdi@2022.yaml", "metric: rd_ratio, min: 3%}", "metric: rd_ratio, min: 0.03}"},
		edit{"srdi@2022.yaml", "metric: equity_sum, arg: 2, min: 2000}", "metric: equity_total, arg: 2, min: 2000}"},
		edit{"little_giant@2026.yaml", "id: little_giant@2026", "id: little_giant@2026\nbogus: 1"},
		edit{"innovative@2022.yaml", "confidence: C1\n", "confidence: C9\n"},
	)
	got := map[string]bool{}
	for _, i := range criteria.LintDir(os.DirFS(dir)) {
		if i.Severity == criteria.SevError {
			got[i.RuleSet+" "+i.Node] = true
		}
	}
	for _, want := range []string{
		"srdi@2022 S22-C1",
		"srdi@2022 S22-C2/上年度研发费用占营业收入总额比重不低于3%",
		"srdi@2022 S22-C3/近2年新增股权融资总额2000万元以上",
		"little_giant@2026.yaml ",
		"innovative@2022 ",
	} {
		if !got[want] {
			t.Errorf("no error on %q; got %v", want, got)
		}
	}
}
