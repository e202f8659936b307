package criteria

import (
	"fmt"
	"slices"
	"strings"
)

// Summarize words why a tier has its outcome: the main reasons, the one line
// that joins them after the outcome ("不符合：成长性 10 分，低于该类最低 15 分"),
// and the route that was tried or met. It reads the report alone, so a stored
// result (its JSON) is explained exactly as a live one.
func Summarize(tr *TierReport) {
	tr.RouteText = routeText(tr)
	var rs []string
	switch tr.Status {
	case Pass:
		rs = []string{passReason(tr)}
	case Review:
		rs = reviewReasons(tr)
	case Missing:
		rs = missingReasons(tr)
	default:
		rs = failReasons(tr)
	}
	tr.Reasons = rs
	tr.Summary = outcomeZH[tr.Status] + "：" + summaryLine(rs, restZH[tr.Status])
}

// restZH words the reasons a summary leaves out, by outcome.
var restZH = map[Outcome]string{Fail: "未满足", Missing: "缺数据", Review: "待核实", Pass: ""}

// summaryMax is how many reasons the one-line summary names; Reasons keeps
// them all.
const summaryMax = 3

func summaryLine(rs []string, rest string) string {
	if len(rs) <= summaryMax {
		return strings.Join(rs, "；")
	}
	return strings.Join(rs[:summaryMax], "；") + fmt.Sprintf("；另有 %d 项%s", len(rs)-summaryMax, rest)
}

// MetByDirect reports whether the tier is reached through a 直通条件, so
// its score is not what decided it.
func (tr *TierReport) MetByDirect() bool {
	return tr.Route == RouteDirect.String() && (tr.Status == Pass || tr.Status == Review)
}

// routeText names the route that was met, or the routes that were tried.
func routeText(tr *TierReport) string {
	reached := tr.Status == Pass || tr.Status == Review
	switch tr.Route {
	case RouteDirect.String():
		d := metDirect(tr)
		switch {
		case d == nil:
			return "直通条件"
		case !reached:
			// The 直通条件 is met, but a condition every route needs is not.
			return "直通条件「" + d.Label + "」已满足，基本条件未满足"
		}
		return "直通条件「" + d.Label + "」"
	case RouteScore.String():
		if tr.Score == nil {
			return "评分"
		}
		if reached {
			return fmt.Sprintf("评分达标（%d 分 ≥ %d 分）", *tr.Score, tr.PassScore)
		}
		s := fmt.Sprintf("评分（%d 分，达标线 %d 分）", *tr.Score, tr.PassScore)
		if hasDirect(tr) {
			s += "或直通条件"
		}
		return s
	case RouteConditions.String():
		if tr.Status == Pass {
			return "全部条件满足"
		}
		return "逐项认定条件（须全部满足）"
	}
	return ""
}

// metDirect is the 直通条件 that reaches the tier: a met one first, else one
// awaiting an official.
func metDirect(tr *TierReport) *CondReport {
	var review *CondReport
	for _, c := range tr.Conditions {
		if c.Kind != "direct" {
			continue
		}
		if c.Outcome == Pass {
			return c
		}
		if c.Outcome == Review && review == nil {
			review = c
		}
	}
	return review
}

func hasDirect(tr *TierReport) bool {
	return slices.ContainsFunc(tr.Conditions, func(c *CondReport) bool { return c.Kind == "direct" })
}

func passReason(tr *TierReport) string {
	switch {
	case tr.MetByDirect():
		return tr.RouteText
	case tr.Route == RouteScore.String() && tr.Score != nil:
		return fmt.Sprintf("评分 %d 分（≥ %d 分）", *tr.Score, tr.PassScore)
	}
	return "全部条件满足"
}

// reviewReasons are what the officials must confirm, as the rule file words
// it; a pre-screen that is not met (and goes to review rather than failing)
// comes first.
func reviewReasons(tr *TierReport) []string {
	var out []string
	unmet := 0
	add := func(s string, first bool) {
		if s == "" || slices.Contains(out, s) {
			return
		}
		if first {
			out = slices.Insert(out, unmet, s)
			unmet++
			return
		}
		out = append(out, s)
	}
	var walk func(c *CondReport) bool
	walk = func(c *CondReport) bool {
		if c.Outcome != Review {
			return false
		}
		if c.ReviewNote != "" {
			add(c.ReviewNote, c.UnmetNote != "")
			return true
		}
		found := false
		for _, k := range c.Children {
			found = walk(k) || found
		}
		if !found {
			add("「"+c.Label+"」需官员核实", false)
		}
		return true
	}
	for _, c := range tr.Conditions {
		if c.Kind != "direct" {
			walk(c)
		}
	}
	if len(out) == 0 { // reached only through a 直通条件 that awaits an official
		if d := metDirect(tr); d != nil {
			walk(d)
		}
	}
	if len(out) == 0 {
		out = append(out, "须官员核实")
	}
	return out
}

// missingReasons name the facts to provide: the conditions that could not
// be decided and, when the score decides, the items without data.
func missingReasons(tr *TierReport) []string {
	var out []string
	var walk func(c *CondReport, parent string)
	walk = func(c *CondReport, parent string) {
		if c.Outcome != Missing {
			return
		}
		if len(c.Children) == 0 {
			out = append(out, "「"+leafLabel(c, parent)+"」所需数据未填")
			return
		}
		for _, k := range c.Children {
			walk(k, c.Label)
		}
	}
	for _, c := range tr.Conditions {
		if c.Kind != "direct" {
			walk(c, "")
		}
	}
	if len(out) == 0 {
		for _, it := range tr.Items {
			if it.Outcome == Missing {
				out = append(out, "评分项「"+it.Label+"」所需数据未填")
			}
		}
	}
	if len(out) == 0 {
		for _, c := range tr.Conditions {
			walk(c, "")
		}
	}
	if len(out) == 0 {
		out = append(out, "部分数据缺失")
	}
	return out
}

// failReasons are the conditions not met and, when neither the score nor a
// 直通条件 reaches the tier, why the score falls short.
func failReasons(tr *TierReport) []string {
	var out []string
	for _, c := range tr.Conditions {
		if c.Kind != "direct" && c.Outcome == Fail {
			out = append(out, condFails(c, "")...)
		}
	}
	if metDirect(tr) != nil {
		return orUnknown(out)
	}
	if tr.Score != nil {
		for _, cat := range tr.Categories {
			if !cat.Met {
				out = append(out, fmt.Sprintf("%s %d 分，低于该类最低 %d 分", cat.Label, cat.Points, cat.Min))
			}
		}
		for _, it := range tr.Items {
			if it.MinPoints > 0 && it.Points < it.MinPoints {
				out = append(out, fmt.Sprintf("%s %d 分，低于本项最低 %d 分", it.Label, it.Points, it.MinPoints))
			}
		}
		if *tr.Score < tr.PassScore {
			s := fmt.Sprintf("评分 %d 分，低于 %d 分", *tr.Score, tr.PassScore)
			if hasDirect(tr) {
				s += "，且未满足任一直通条件"
			}
			out = append(out, s)
		}
	} else if hasDirect(tr) && len(out) == 0 {
		out = append(out, "未满足任一直通条件")
	}
	return orUnknown(out)
}

func orUnknown(out []string) []string {
	if len(out) == 0 {
		return []string{"条件未满足"}
	}
	return out
}

// condFails words a failed condition: its own reason when the rule file gives
// one, the failed tests under an all-of, the value against the threshold for
// a test of a number, and the condition itself otherwise.
func condFails(c *CondReport, parent string) []string {
	switch {
	case c.UnmetNote != "":
		return []string{c.UnmetNote}
	case len(c.Children) > 0 && !c.AnyOf:
		if s := yearsFail(c); s != "" {
			return []string{s}
		}
		var out []string
		for _, k := range c.Children {
			if k.Outcome == Fail {
				out = append(out, condFails(k, c.Label)...)
			}
		}
		if len(out) > 0 {
			return out
		}
	case len(c.Children) == 0 && c.Display != "" && c.Threshold != "" && c.Threshold != "是" && c.Threshold != "否":
		return []string{fmt.Sprintf("%s：%s，要求 %s", leafLabel(c, parent), c.Display, c.Threshold)}
	}
	return []string{"不满足「" + leafLabel(c, parent) + "」"}
}

// yearsFail words an "each year" test whose failed years are all plain
// tests of one threshold: "近两年研发费用均不低于100万元：2024 年 40 万元、2025 年
// 50 万元，要求 ≥ 100 万元".
func yearsFail(c *CondReport) string {
	var parts []string
	threshold := ""
	for _, k := range c.Children {
		if k.Outcome != Fail {
			continue
		}
		if len(k.Children) > 0 || k.Year == 0 || k.Label != fmt.Sprintf("%d 年", k.Year) || k.Display == "" ||
			k.Threshold == "" || (threshold != "" && k.Threshold != threshold) {
			return ""
		}
		threshold = k.Threshold
		parts = append(parts, k.Label+" "+k.Display)
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("%s：%s，要求 %s", c.Label, strings.Join(parts, "、"), threshold)
}

// leafLabel is a condition's label; a year of an "each year" test ("2024 年")
// is named with its parent.
func leafLabel(c *CondReport, parent string) string {
	if parent != "" && c.Year != 0 && c.Label == fmt.Sprintf("%d 年", c.Year) {
		return parent + "（" + c.Label + "）"
	}
	return c.Label
}
