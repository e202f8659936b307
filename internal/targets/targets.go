// Package targets holds the city's yearly targets of new recognitions per
// tier and district (二、发展目标 of the 2025 plan), their completion, the
// forecast of the year's end from the backup lists, the ranking of districts
// by completion rate and the recommendation places of 强化结果运用. It is
// pure: the store counts, this package computes, the pages show.
package targets

import (
	"fmt"
	"sort"
	"time"

	"zjtx/internal/cultivation"
)

// CityRegion is the region of the city's own row (郑州市, GB/T 2260 4101):
// the city target is set by itself, not summed from the districts', since
// the plan sets it first and the districts' shares after.
const CityRegion = "4101"

// Tiers are the tiers with targets: those with a backup list.
var Tiers = cultivation.Tiers

// Target is one year's target of new recognitions of a tier in a region.
type Target struct {
	ID      int64     `json:"id"`
	Year    int       `json:"year"`
	Tier    string    `json:"tier"`
	Region  string    `json:"region"` // CityRegion or a district code
	Target  int       `json:"target"`
	Basis   string    `json:"basis"` // where the number comes from: a document, a derivation
	SetBy   int64     `json:"set_by,omitempty"`
	SetAt   time.Time `json:"set_at"`
	Version int64     `json:"version"`
}

// Years targets may be set for: the plan's three-year span and a margin.
const (
	MinYear = 2020
	MaxYear = 2035
)

// Problems names every bad field of t, in Chinese for the page and in
// English with the field's JSON name for the API.
func (t *Target) Problems() []cultivation.Problem {
	var ps []cultivation.Problem
	bad := func(path, zh, en string) {
		ps = append(ps, cultivation.Problem{Path: path, Message: path + "：" + zh, MessageEN: path + ": " + en})
	}
	if t.Year < MinYear || t.Year > MaxYear {
		bad("year", fmt.Sprintf("年度应在 %d—%d 之间", MinYear, MaxYear), fmt.Sprintf("must be %d to %d", MinYear, MaxYear))
	}
	if !cultivation.IsTier(t.Tier) {
		bad("tier", "梯度应为 innovative、srdi、little_giant 之一", "must be innovative, srdi or little_giant")
	}
	if t.Region == "" {
		bad("region", "请选择区县（市）或全市", "is required")
	}
	if t.Target < 0 || t.Target > 100000 {
		bad("target", "目标数应为 0—100000 的整数", "must be a whole number from 0 to 100000")
	}
	if len([]rune(t.Basis)) > 200 {
		bad("basis", "依据不超过 200 字", "at most 200 characters")
	}
	return ps
}

// Doubling is the next year's target under 三年倍增 (《郑州市专精特新企业三年
// 倍增行动方案（2024—2026年）》), read as a constant yearly rate: to double in
// three years each year's new recognitions grow by ∛2 ≈ 1.26, so the next
// year's target is the smallest whole number n with n ≥ prev·∛2, that is
// n³ ≥ 2·prev³ — computed in integers, so 20 gives 26, 300 gives 378 and 500
// gives 630 without a rounding question.
func Doubling(prev int) int {
	if prev <= 0 {
		return 0
	}
	want := 2 * int64(prev) * int64(prev) * int64(prev)
	n := int64(prev)
	for n*n*n < want {
		n++
	}
	return int(n)
}

// Split divides total among keys in proportion to their weights by the
// largest remainder (Hamilton's method), so the parts add up to total
// exactly; ties go to the heavier weight, then the smaller key. No weight:
// equal shares.
func Split(total int, weights map[string]int) map[string]int {
	keys := make([]string, 0, len(weights))
	sum := 0
	for k, w := range weights {
		keys = append(keys, k)
		sum += max(w, 0)
	}
	sort.Strings(keys)
	out := make(map[string]int, len(keys))
	if len(keys) == 0 || total <= 0 {
		for _, k := range keys {
			out[k] = 0
		}
		return out
	}
	w := func(k string) int {
		if sum == 0 {
			return 1
		}
		return max(weights[k], 0)
	}
	den := sum
	if sum == 0 {
		den = len(keys)
	}
	rem := make(map[string]int, len(keys))
	given := 0
	for _, k := range keys {
		out[k] = total * w(k) / den
		rem[k] = total * w(k) % den
		given += out[k]
	}
	order := append([]string(nil), keys...)
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if rem[a] != rem[b] {
			return rem[a] > rem[b]
		}
		return w(a) > w(b)
	})
	for i := 0; given < total; i++ {
		out[order[i%len(order)]]++
		given++
	}
	return out
}
