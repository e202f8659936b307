package library_test

import (
	"slices"
	"strings"
	"testing"

	"zjtx/internal/cultivation"
	"zjtx/internal/library"
	"zjtx/internal/profile"
)

func TestCited(t *testing.T) {
	known := map[string]bool{"工信部企业〔2022〕63号": true, "豫工信企业〔2023〕45号": true, "工信部联企业〔2011〕300号": true}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"附件3 一；工信部联企业〔2011〕300号", []string{"工信部联企业〔2011〕300号"}},
		{"河南省指标见豫工信企业〔2023〕45号", []string{"豫工信企业〔2023〕45号"}},
		{"工信部企业[2022]63号 与 工信部企业（2022）63号", []string{"工信部企业〔2022〕63号"}},
		{"财建〔2024〕148号", nil}, // not in the library: no link
		{"附件3 二（一）", nil},
	} {
		got := library.Cited(tc.text, func(n string) bool { return known[n] })
		if !slices.Equal(got, tc.want) {
			t.Errorf("Cited(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestDocValidity(t *testing.T) {
	d := library.Doc{IssuedOn: profile.MustDate("2026-01-17"), ValidFrom: profile.MustDate("2026-04-01"), ValidTo: profile.MustDate("2030-12-31")}
	for day, want := range map[string]string{
		"2026-02-01": library.ValidityPending, "2026-04-01": library.ValidityInForce,
		"2030-12-31": library.ValidityInForce, "2031-01-01": library.ValidityExpired,
	} {
		if got := d.Validity(profile.MustDate(day)); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
	noFrom := library.Doc{IssuedOn: profile.MustDate("2025-02-11")}
	if got := noFrom.Validity(profile.MustDate("2025-02-11")); got != library.ValidityInForce {
		t.Errorf("in force from its issue date: %s", got)
	}
}

func TestDocValidate(t *testing.T) {
	d := library.Doc{Title: " ", Level: "city", ValidFrom: profile.MustDate("2026-04-01"), ValidTo: profile.MustDate("2026-01-01"),
		Tags: []string{"a,b"}}
	d.Normalize()
	var paths []string
	for _, p := range d.Validate() {
		paths = append(paths, p.Path)
	}
	for _, want := range []string{"title", "level", "issued_on", "valid_to", "tags"} {
		if !slices.Contains(paths, want) {
			t.Errorf("no problem for %s in %v", want, paths)
		}
	}
	ok := library.Doc{Title: "优质中小企业梯度培育管理办法", Level: library.LevelNational, IssuedOn: profile.MustDate("2026-01-17"),
		Tags: []string{"梯度培育", " 梯度培育 ", ""}}
	ok.Normalize()
	if ps := ok.Validate(); len(ps) != 0 || len(ok.Tags) != 1 {
		t.Errorf("valid document refused: %v, tags %q", ps, ok.Tags)
	}
}

func TestDraft(t *testing.T) {
	rev1, rev2, rd := profile.Dec(8000*profile.DecScale), profile.Dec(15000*profile.DecScale), profile.Dec(900*profile.DecScale)
	c := library.Draft(library.Facts{
		Enterprise: "郑州某精密机械有限公司",
		Recognitions: []*cultivation.Recognition{
			{Tier: "srdi", Level: "provincial", RecognizedOn: profile.MustDate("2024-11-20"), DocNo: "豫工信企业〔2024〕200号"},
			{Tier: "innovative", Level: "provincial", RecognizedOn: profile.MustDate("2023-06-01"), DocNo: "豫工信企业〔2023〕90号"},
		},
		Closed: []library.ClosedTask{{Item: "研发费用总额", Summary: "研发费用提高到 900 万元", ClosedOn: profile.MustDate("2024-03-01")},
			{Summary: "新增 2 项发明专利"}},
		Services: []library.ServiceUsed{{Product: "知识产权贯标辅导", Institution: "郑州某知识产权服务中心", Category: "知识产权",
			Delivery: "完成贯标体系文件", DeliveredOn: profile.MustDate("2024-05-10"), Score: 5},
			{Product: "数字化诊断", Institution: "郑州某智能制造研究院", Category: "数智改造"}},
		First:     library.YearFigures{Year: 2022, Revenue: &rev1},
		Last:      library.YearFigures{Year: 2024, Revenue: &rev2, RDExpense: &rd},
		Invention: 6,
	})
	for _, want := range []string{"成长为专精特新中小企业"} {
		if !strings.Contains(c.Title, want) {
			t.Errorf("title %q lacks %q", c.Title, want)
		}
	}
	if c.TierPath != "创新型中小企业（2023 年） → 专精特新中小企业（2024 年）" {
		t.Errorf("tier path %q", c.TierPath)
	}
	for _, want := range []string{"1. 对照“研发费用总额”补齐短板：研发费用提高到 900 万元（2024-03-01 完成）。", "2. 新增 2 项发明专利。",
		"3. 借助郑州某知识产权服务中心的“知识产权贯标辅导”（知识产权）服务：完成贯标体系文件（2024-05-10 交付，企业评价 5 分）。",
		"4. 借助郑州某智能制造研究院的“数字化诊断”（数智改造）服务。"} {
		if !strings.Contains(c.Measures, want) {
			t.Errorf("measures lack %q:\n%s", want, c.Measures)
		}
	}
	for _, want := range []string{"2023-06-01 被认定为省级创新型中小企业", "由 2022 年的 8000 万元增至 2024 年的 15000 万元", "占营业收入 6.0%", "Ⅰ类知识产权 6 项"} {
		if !strings.Contains(c.Results, want) {
			t.Errorf("results lack %q:\n%s", want, c.Results)
		}
	}
	if ps := c.Validate(); len(ps) != 1 || ps[0].Path != "enterprise_id" {
		t.Errorf("a draft without enterprise: %v", ps)
	}
}

// The seeded library holds every document the rule sets name as their
// source, so every rule set links to its text.
func TestSeedCoversRuleSetSources(t *testing.T) {
	docs, err := library.Seed()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, d := range docs {
		have[d.DocNo] = true
	}
	for _, want := range []string{"工信部企业〔2022〕63号", "工信部企业〔2026〕2号", "国科发政〔2017〕115号", "郑工信企业〔2025〕4号"} {
		if !have[want] {
			t.Errorf("seed lacks %s", want)
		}
	}
	for _, d := range docs {
		if d.DocNo == "郑工信企业〔2025〕4号" && !strings.Contains(d.Body, "梯度培育实施方案") {
			t.Error("the 2025 plan's full text is missing")
		}
	}
}
