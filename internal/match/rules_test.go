package match_test

import (
	"slices"
	"strings"
	"testing"

	"zjtx/internal/match"
)

func TestGapCategories(t *testing.T) {
	r, err := match.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		gap  string
		want []string
	}{
		{"知识产权弱", []string{"知识产权"}},
		{"新增 2 项自主研发的发明专利（Ⅰ类）", []string{"知识产权"}},
		{"缺省级研发机构", []string{"研发机构建设"}},
		{"建立省级研发机构（如企业技术中心）", []string{"研发机构建设"}},
		{"数字化水平提升至 3 级", []string{"数智改造"}},
		{"至少 1 项核心业务采用信息系统支撑", []string{"数智改造"}},
		{"2025 年研发费用增至 150 万元", []string{"财税服务", "研发机构建设", "技术创新"}},
		{"取得高新技术企业认定", []string{"财税服务", "研发机构建设"}},
		{"取得质量管理体系认证", []string{"质量品牌", "检验检测"}},
		{"主导产品细分市场占有率提升至 10%", []string{"市场开拓", "管理咨询"}},
		{"", nil},
		{"天气不好", nil},
	}
	for _, tt := range tests {
		if got := r.GapCategories(tt.gap); !slices.Equal(got, tt.want) {
			t.Errorf("GapCategories(%q) = %v, want %v", tt.gap, got, tt.want)
		}
	}
}

func TestParseRulesRejects(t *testing.T) {
	base := `k1: 1.2
fields:
  name: {weight: 3, b: 0.5}
  category: {weight: 2, b: 0}
  description: {weight: 1, b: 0.75}
`
	tests := []struct {
		name, yaml, want string
	}{
		{"no k1", strings.Replace(base, "k1: 1.2", "k1: 0", 1), "k1"},
		{"a field missing", strings.Replace(base, "  category: {weight: 2, b: 0}\n", "", 1), "field category"},
		{"b out of range", strings.Replace(base, "b: 0.75", "b: 1.5", 1), "field description"},
		{"unknown gap category", base + "gap_hints:\n  - {gap: 弱, words: [弱], categories: [算命]}\n", "算命"},
		{"gap without categories", base + "gap_hints:\n  - {gap: 弱, words: [弱]}\n", "no categories"},
		{"unknown category words", base + "categories:\n  算命: [八字]\n", "算命"},
		{"not YAML", "k1: [", "rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := match.ParseRules([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one naming %q", err, tt.want)
			}
		})
	}
	if _, err := match.ParseRules([]byte(base)); err != nil {
		t.Errorf("the minimal rules: %v", err)
	}
}
