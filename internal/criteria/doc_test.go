package criteria_test

import (
	"strings"
	"testing"

	"zjtx/internal/criteria"
	"zjtx/rules"
)

func loadShipped(t *testing.T) map[string]*criteria.RuleSet {
	t.Helper()
	sets, err := criteria.LoadDir(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*criteria.RuleSet{}
	for _, rs := range sets {
		out[rs.ID] = rs
	}
	return out
}

// ids lists every spec id of a rule set: conditions at any depth and items.
func ids(rs *criteria.RuleSet) []string {
	var out []string
	var walk func(ns []*criteria.Node)
	walk = func(ns []*criteria.Node) {
		for _, n := range ns {
			if n.ID != "" {
				out = append(out, n.ID)
			}
			walk(n.All)
			walk(n.Any)
		}
	}
	walk(rs.Prerequisites)
	walk(rs.Mandatory)
	walk(rs.Direct)
	if rs.Score != nil {
		for _, it := range rs.Score.Items {
			out = append(out, it.ID)
		}
	}
	return out
}

func TestDoc(t *testing.T) {
	sets := loadShipped(t)
	tests := []struct {
		id      string
		want    []string
		notWant []string
	}{
		{"srdi@2022", []string{
			"# 专精特新中小企业认定标准（srdi@2022）规则说明书",
			"| 文号 | 工信部企业〔2022〕63号 |",
			"| 新申请 | 2022-08-01 | 2026-03-31 |",
			"数据年度 = 评估年度 − 1",
			"阈值含等号",
			"边界值取高档",
			"平均增长率口径：两年增长率的算术平均",
			"受让取得的知识产权不计",
			"## 六、前置条件", "## 七、必备条件", "## 八、直通条件", "## 九、评分表",
			"| S22-C1 | 从事特定细分市场时间达到2年以上 | 从事特定细分市场年限（niche_years） | ≥ 2 年 | 附件2 一、（二） | C1 |",
			"| S22-C2 | 上年度研发费用总额不低于100万元，且占营业收入总额比重不低于3% | 全部满足 | 以下 2 项全部满足 |",
			"| S22-C2.2 | └ 上年度研发费用占营业收入总额比重不低于3% | 研发费用占营业收入比重（rd_ratio） | ≥ 3% |",
			"| S22-C3 | 上年度营业收入总额在1000万元以上",
			"满足以下 2 项之一",
			"| S22-C3.1 | └ 上年度营业收入总额1000万元以上 | 营业收入（revenue） | ≥ 1,000 万元 |",
			"award_count：levels: [provincial], max_rank: 3, years: 3",
			"评分达标（总分 ≥ 60 分），或满足任一直通条件（4 项）",
			"### （四）创新能力指标（满分 35 分）",
			"| S22-8 | 上年度资产负债率（满分 5 分） | 资产负债率（debt_ratio） | ≤ 50%（50%以下） | 5 |",
			"| 　方式二：研发费用总额占营业收入总额比重 | 研发费用占营业收入比重（rd_ratio） | ≥ 10%（A. 10%以上） | 10 |",
			"|  |  |  | 未达以上各档 | 0 |",
			"- S22-9：河南省特色化指标未取得官方原文",
			"| rd_ratio | 研发费用占营业收入比重 | 比率 | 研发费用 ÷ 营业收入（同一年度） |",
		}, []string{"需人工核实：", "review_score_years"}},
		{"srdi@2026", []string{
			"| 文号 | 工信部企业〔2026〕2号 |",
			"| 复核 | 2026-01-01 | 长期有效",
			"| S26-7.1 | └ 近两年研发费用均不低于100万元 | 研发费用（rd_expense） | 近两年每年 ≥ 100 万元 |",
			"| S26-6 | 上年末资产负债率不高于80% | 资产负债率（debt_ratio） | ≤ 80% |",
			"≥ 1 项；**需人工核实**：需核实知识产权已实际应用于主导产品并产生经济效益",
			"满足以下 2 项之一；**需人工核实**：无量化标准",
			"S26-10",
			"受让取得的知识产权一律不计",
			"知识产权须企业为前 3 位权利人方可计入",
			"2. 全部必备条件（9 项）。",
			"## 四、说明",
			"本规则集无评分表、无直通条件",
		}, []string{"、评分表", "、直通条件", "growth_2y"}},
		{"little_giant@2026", []string{
			"近两年营业收入复合增长率不低于5%（复核不考察）",
			"≥ 5%（复核时不考察）",
		}, nil},
		{"tech_sme@2017", []string{
			"，且K1 科技人员指标（科技人员数占企业职工总数的比例）得分 ≥ 1 分",
			"本项不得低于 1 分",
		}, []string{"### （"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			rs := sets[tt.id]
			if rs == nil {
				t.Fatalf("no rule set %s", tt.id)
			}
			doc := criteria.Doc(rs)
			for _, id := range ids(rs) {
				if !strings.Contains(doc, "| "+id+" |") {
					t.Errorf("the doc has no row for %s", id)
				}
			}
			if !strings.Contains(doc, rs.Source.DocNo) {
				t.Errorf("the doc does not cite %s", rs.Source.DocNo)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc, w) {
					t.Errorf("the doc lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(doc, w) {
					t.Errorf("the doc should not contain %q", w)
				}
			}
			if t.Failed() {
				t.Log(doc)
			}
		})
	}
}

// TestDocTables: every row of every Markdown table has as many cells as its
// header, in every shipped rule set's doc — a stray "|" in a label would
// shift the columns an official reads.
func TestDocTables(t *testing.T) {
	for id, rs := range loadShipped(t) {
		doc := criteria.Doc(rs)
		want := 0
		for i, line := range strings.Split(doc, "\n") {
			if !strings.HasPrefix(line, "|") {
				want = 0
				continue
			}
			n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
			if want == 0 {
				want = n
				continue
			}
			if n != want {
				t.Errorf("%s line %d: %d cell borders, the table's header has %d: %s", id, i+1, n, want, line)
			}
		}
	}
}
