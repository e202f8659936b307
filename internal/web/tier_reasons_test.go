package web

import (
	"encoding/json"
	"testing"
)

// TestMainReason: a tier's reasons line says why in a few words, from the
// engine's reasons when the result has them, else from its conditions,
// category minimums and score; a failed tier never reads as met.
func TestMainReason(t *testing.T) {
	score := func(n int) *int { return &n }
	for _, tt := range []struct {
		name string
		tv   tierView
		want string
	}{
		{"EngineReasons", tierView{Status: "fail", Reasons: json.RawMessage(`["不符合：成长性 10 分，低于该类最低 15 分"]`)},
			"不符合：成长性 10 分，低于该类最低 15 分"},
		{"EngineReasonLine", tierView{Status: "fail", Reasons: json.RawMessage(`"不符合：营业收入超过 2 亿元"`)},
			"不符合：营业收入超过 2 亿元"},
		{"FailedCondition", tierView{Status: "fail", Route: "conditions", Conditions: []*condView{
			{Kind: "mandatory", Outcome: "pass", Label: "资产负债率不高于80%"},
			{Kind: "mandatory", Outcome: "fail", Label: "年销售收入不超过2亿元", Display: "24,129.47 万元", Threshold: "≤ 20,000 万元"},
		}}, "不符合：年销售收入 24,129.47 万元（要求 ≤ 20,000 万元）"},
		{"YearLeafNamedByParent", tierView{Status: "fail", Conditions: []*condView{
			{Kind: "mandatory", Outcome: "fail", Label: "近两年研发费用均不低于100万元", Children: []*condView{
				{Outcome: "pass", Label: "2025 年", Display: "120 万元", Threshold: "≥ 100 万元"},
				{Outcome: "fail", Label: "2024 年", Display: "90 万元", Threshold: "≥ 100 万元"},
			}},
		}}, "不符合：近两年研发费用（2024 年） 90 万元（要求 ≥ 100 万元）"},
		{"CategoryMinimumAndScore", tierView{Status: "fail", Score: score(55), PassScore: 60,
			Categories: []catView{{Label: "成长性", Points: 10, Min: 15}, {Label: "专业化", Points: 25, Min: 15, Met: true}},
			Conditions: []*condView{{Kind: "direct", Outcome: "fail", Label: "高新技术企业"}}},
			"不符合：成长性 10 分，低于该类最低 15 分；评分 55 分，低于达标线 60 分"},
		{"RequiresNotRepeated", tierView{Status: "fail", Requires: []string{"srdi"}, Conditions: []*condView{
			{Kind: "prerequisite", Outcome: "fail", Label: "为有效期内的专精特新中小企业", Display: "否", Threshold: "是"},
		}}, "不符合：须先取得专精特新中小企业"},
		{"Missing", tierView{Status: "missing", Conditions: []*condView{{Kind: "mandatory", Outcome: "missing", Label: "上年度营业收入"}}},
			"缺数据：上年度营业收入"},
		{"PassedDirect", tierView{Status: "pass", Route: "direct", Score: score(40), PassScore: 60, Conditions: []*condView{
			{Kind: "direct", Outcome: "pass", Label: "拥有经认定的省部级以上研发机构"}}},
			"符合：拥有经认定的省部级以上研发机构（直通条件）"},
		{"PassedScore", tierView{Status: "pass", Route: "score", Score: score(72), PassScore: 60}, "符合：评分 72 分，达到 60 分的达标线"},
		{"Many", tierView{Status: "fail", Conditions: []*condView{
			{Kind: "mandatory", Outcome: "fail", Label: "甲条件"}, {Kind: "mandatory", Outcome: "fail", Label: "乙条件"},
			{Kind: "mandatory", Outcome: "fail", Label: "丙条件"}, {Kind: "mandatory", Outcome: "fail", Label: "丁条件"},
		}}, "不符合：甲条件；乙条件；丙条件；等 4 项"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.tv.MainReason(); got != tt.want {
				t.Errorf("MainReason = %q, want %q", got, tt.want)
			}
		})
	}
}
