package web

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// The main reasons of a tier's result, in one short line: what an official
// or an enterprise reads first ("不符合：营业收入 1,200 万元，要求 ≥ 1,500 万元").
//
// The engine is getting a reasons line of its own (TierReport.reasons, issue
// 8 §2). Until every stored result carries it, the page derives a line from
// the conditions, the category minimums and the score; a result that has the
// engine's line shows that line instead (reasonsOf), so switching over is
// only a matter of deleting derivedReasons.

// maxReasons bounds the derived line: the first few reasons say enough, the
// full table is one click away.
const maxReasons = 3

// MainReasons is the tier's reasons line: the engine's when the result
// carries one, else derived from the result.
func (t *tierView) MainReasons() []string {
	if rs := reasonsOf(t.Reasons); len(rs) > 0 {
		return rs
	}
	return t.derivedReasons()
}

// reasonsOf reads the engine's reasons, a list of lines or one line.
func reasonsOf(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var one string
	if json.Unmarshal(raw, &one) == nil && one != "" {
		return []string{one}
	}
	return nil
}

// derivedReasons words why the tier is met or not from its conditions,
// categories and score.
func (t *tierView) derivedReasons() []string {
	switch t.Status {
	case "pass":
		if t.Route == "direct" {
			for _, c := range t.Conditions {
				if c.Kind == "direct" && c.Outcome == "pass" {
					return []string{"符合：" + shortLabel(c.Label) + "（直通条件）"}
				}
			}
		}
		if t.Score != nil {
			return []string{fmt.Sprintf("符合：评分 %d 分，达到 %d 分的达标线", *t.Score, t.PassScore)}
		}
		return []string{"符合：各项条件均满足"}
	case "review":
		var out []string
		for _, c := range t.Conditions {
			if c.Outcome == "review" {
				out = append(out, "待核实："+shortLabel(c.Label))
			}
		}
		return limit(out)
	}
	var out []string
	for _, r := range t.Requires {
		out = append(out, "不符合：须先取得"+lookupOr(tierNames, r))
	}
	for _, c := range t.Conditions {
		if c.Kind == "direct" || (c.Outcome != "fail" && c.Outcome != "missing") {
			continue
		}
		if c.Kind == "prerequisite" && len(t.Requires) > 0 {
			continue // "须先取得…" says it
		}
		out = append(out, conditionReason(c, ""))
	}
	for _, c := range t.Categories {
		if c.Min > 0 && !c.Met {
			out = append(out, fmt.Sprintf("不符合：%s %d 分，低于该类最低 %d 分", c.Label, c.Points, c.Min))
		}
	}
	if t.Score != nil && *t.Score < t.PassScore {
		s := fmt.Sprintf("不符合：评分 %d 分，低于达标线 %d 分", *t.Score, t.PassScore)
		if t.ScoreMax != nil && *t.ScoreMax >= t.PassScore {
			s = fmt.Sprintf("缺数据：评分 %d 分，补齐缺失数据后最高 %d 分（达标线 %d 分）", *t.Score, *t.ScoreMax, t.PassScore)
		}
		out = append(out, s)
	}
	if len(out) == 0 && t.Status == "missing" {
		out = append(out, "缺数据：请补齐档案后重新评价")
	}
	return limit(out)
}

// conditionReason words a failed or unknown condition by its first failing
// leaf that shows a value: the leaf says the figure and the requirement, its
// parent says what it is about when the leaf is only a year ("2024 年").
func conditionReason(c *condView, parent string) string {
	if c.Display != "" || len(c.Children) == 0 {
		label := shortLabel(c.Label)
		if yearLabel.MatchString(c.Label) && parent != "" {
			label = subject(parent) + "（" + strings.TrimSpace(c.Label) + "）"
		}
		if c.Outcome == "missing" {
			return "缺数据：" + label
		}
		if c.Display == "" {
			return "不符合：" + label
		}
		s := "不符合：" + subject(label) + " " + c.Display
		if c.Threshold != "" {
			s += "（要求 " + c.Threshold + "）"
		}
		return s
	}
	for _, ch := range c.Children {
		if ch.Outcome == c.Outcome {
			return conditionReason(ch, shortLabel(c.Label))
		}
	}
	return conditionReason(&condView{Label: c.Label, Outcome: c.Outcome}, parent)
}

var yearLabel = regexp.MustCompile(`^\s*\d{4}\s*年\s*$`)

// bound is the part of a document's label that states the threshold
// ("不低于80%", "4项以上"): the reason shows the threshold as a figure.
var bound = regexp.MustCompile(`(均?(不低于|不高于|不超过|低于|超过|达到)|\d+(项|个|名|年)以上$).*$`)

// subject is what a label measures, without the threshold it states:
// "年销售收入不超过2亿元" is "年销售收入".
func subject(label string) string {
	if loc := bound.FindStringIndex(label); loc != nil && len([]rune(label[:loc[0]])) >= 4 {
		return label[:loc[0]]
	}
	return label
}

// shortLabel cuts a document's long sentence at its first clause.
func shortLabel(s string) string {
	if i := strings.IndexAny(s, "，；。（"); i > 0 && len([]rune(s[:i])) >= 6 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 36 {
		s = string(r[:35]) + "…"
	}
	return s
}

func limit(list []string) []string {
	if len(list) > maxReasons {
		return append(list[:maxReasons:maxReasons], fmt.Sprintf("等 %d 项", len(list)))
	}
	return list
}

// MainReason is the reasons line as one string: "不符合：A；B" (a prefix
// shared by the next reason is not repeated).
func (t *tierView) MainReason() string {
	var b strings.Builder
	prev := ""
	for i, r := range t.MainReasons() {
		prefix, rest, ok := strings.Cut(r, "：")
		if !ok || !strings.Contains("符合 不符合 待核实 缺数据", prefix) {
			prefix, rest = "", r
		}
		if i > 0 {
			if prefix == prev || prefix == "" {
				b.WriteString("；")
			} else {
				b.WriteString("　")
			}
		}
		if prefix != "" && prefix != prev {
			b.WriteString(prefix + "：")
		}
		b.WriteString(rest)
		if prefix != "" {
			prev = prefix
		}
	}
	return b.String()
}
