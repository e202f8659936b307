package criteria

import (
	"fmt"
	"io"
	"strings"
)

var outcomeZH = map[Outcome]string{Pass: "符合", Fail: "不符合", Missing: "缺数据", Review: "待核实"}
var outcomeMark = map[Outcome]string{Pass: "✓", Fail: "✗", Missing: "?", Review: "△"}

// routeZH names a route without saying whether it was met: a failed tier
// was tried by its score, and must not read "评分达标" or "全部条件满足".
// Reports word the route with its outcome in TierReport.RouteText.
var routeZH = map[string]string{"score": "评分", "direct": "直通条件", "conditions": "逐项认定条件"}

// OutcomeZH returns the Chinese word for an outcome.
func OutcomeZH(o Outcome) string { return outcomeZH[o] }

// RouteZH returns the Chinese words for a route ("score" → 评分), or "" for
// an unknown one.
func RouteZH(route string) string { return routeZH[route] }

// WriteText writes the report as a Chinese text an official can read: per
// tier the result, every condition, the 扣分项 table and the gap plans.
func WriteText(w io.Writer, name string, rep *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "企业：%s\n评估日：%s　数据年度：%d 年", name, rep.AsOf, rep.DataYear)
	if rep.Review {
		b.WriteString("　申请类型：复核")
	}
	b.WriteString("\n")
	for _, t := range rep.Tiers {
		writeTier(&b, t)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTier(b *strings.Builder, t *TierReport) {
	fmt.Fprintf(b, "\n━━ %s ━━ %s\n", t.TierName, outcomeZH[t.Status])
	if t.Summary != "" {
		fmt.Fprintf(b, "%s\n", t.Summary)
	}
	fmt.Fprintf(b, "规则集：%s（%s，%s）\n", t.RuleSet, t.RuleSetName, t.Source)
	switch {
	case t.RouteText != "":
		fmt.Fprintf(b, "途径：%s\n", t.RouteText)
	case t.Route != "":
		fmt.Fprintf(b, "途径：%s\n", routeZH[t.Route])
	}
	if t.Score != nil {
		if t.MetByDirect() {
			fmt.Fprintf(b, "评分：%d 分（已满足直通条件，不以评分认定）", *t.Score)
		} else {
			fmt.Fprintf(b, "评分：%d 分（达标线 %d 分）", *t.Score, t.PassScore)
		}
		if t.ScoreMax != nil {
			fmt.Fprintf(b, "，补齐缺失数据后最高 %d 分", *t.ScoreMax)
		}
		b.WriteString("\n")
	}
	b.WriteString("条件：\n")
	for _, c := range t.Conditions {
		writeCond(b, c, 1)
	}
	if len(t.Categories) > 0 {
		b.WriteString("分类得分：")
		for i, c := range t.Categories {
			if i > 0 {
				b.WriteString("；")
			}
			fmt.Fprintf(b, "%s %d/%d", c.Label, c.Points, c.Max)
			if c.Min > 0 {
				mark := "✓"
				if !c.Met {
					mark = "✗"
				}
				fmt.Fprintf(b, "（不低于 %d %s）", c.Min, mark)
			}
		}
		b.WriteString("\n")
	}
	var lost []*ItemReport
	for _, it := range t.Items {
		if it.Lost > 0 {
			lost = append(lost, it)
		}
	}
	if len(t.Items) > 0 {
		b.WriteString("评分明细（扣分项按扣分从多到少）：\n")
		sortByLost(lost)
		for _, it := range t.Items {
			if it.Lost == 0 {
				fmt.Fprintf(b, "  %-7s %s：%s → %d/%d\n", it.ID, it.Label, it.Display, it.Points, it.Max)
			}
		}
		for _, it := range lost {
			fmt.Fprintf(b, "  %-7s %s：%s → %d/%d，扣 %d 分", it.ID, it.Label, it.Display, it.Points, it.Max, it.Lost)
			if it.Next != nil {
				fmt.Fprintf(b, "；%s 可得 %d 分", it.Next.Needs, it.Next.Points)
			}
			b.WriteString("\n")
		}
	}
	if len(t.Requires) > 0 {
		names := make([]string, 0, len(t.Requires))
		for _, r := range t.Requires {
			if n := TierZH[r]; n != "" {
				names = append(names, n)
			}
		}
		fmt.Fprintf(b, "前置条件：须先取得%s称号\n", strings.Join(names, "或"))
	}
	if t.NotBefore != nil {
		fmt.Fprintf(b, "时间条件：最早以 %d 年度数据（%d 年申报）可满足\n", *t.NotBefore, *t.NotBefore+1)
	}
	if t.Status == Fail && t.NotBefore == nil {
		if len(t.Gaps) == 0 && hasMissing(t.Conditions) {
			b.WriteString("晋级方案：请先补齐标为“缺数据”的信息后再评估\n")
		} else if len(t.Gaps) == 0 {
			b.WriteString("晋级方案：无可行方案（存在企业无法通过自身改进满足的条件）\n")
		}
		for i, g := range t.Gaps {
			fmt.Fprintf(b, "晋级方案 %d（%s", i+1, outcomeZH[g.Reaches])
			if g.Score != nil {
				fmt.Fprintf(b, "，%d 分", *g.Score)
			}
			fmt.Fprintf(b, "）：%s\n", g.Summary)
		}
	}
}

func writeCond(b *strings.Builder, c *CondReport, depth int) {
	ind := strings.Repeat("  ", depth)
	fmt.Fprintf(b, "%s%s %s %s", ind, outcomeMark[c.Outcome], c.ID, c.Label)
	if c.Display != "" {
		fmt.Fprintf(b, "：%s", c.Display)
		if c.Threshold != "" {
			fmt.Fprintf(b, "（要求 %s）", c.Threshold)
		}
	}
	if c.Outcome == Review && c.ReviewNote != "" {
		fmt.Fprintf(b, "〔待核实：%s〕", c.ReviewNote)
	}
	if c.Needs != "" {
		fmt.Fprintf(b, "〔差距：%s〕", c.Needs)
	}
	b.WriteString("\n")
	if c.Outcome == Pass && c.Kind != "direct" {
		return // a met condition needs no breakdown
	}
	for _, k := range c.Children {
		writeCond(b, k, depth+1)
	}
}

func sortByLost(items []*ItemReport) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Lost > items[j-1].Lost; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

func hasMissing(cs []*CondReport) bool {
	for _, c := range cs {
		if c.Kind != "direct" && c.Outcome == Missing {
			return true
		}
	}
	return false
}
