package reward

import (
	"fmt"
	"math"
	"strings"

	"zjtx/internal/apperr"
)

// Money is kept in 分 (int64) everywhere: a float cannot hold 0.1 元 exactly,
// and a payment list that is off by a 分 is wrong.

// ParseYuan reads an amount as officials write it — "200万元", "50 万",
// "500000.00", "500,000元" — into 分, exactly. Yuan take at most two decimals
// (分), 万元 at most six; a third decimal of yuan is refused, not rounded,
// because rounding a payment silently is worse than asking again.
func ParseYuan(s string) (int64, error) {
	in := s
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "元")
	s = strings.TrimSpace(s)
	scale, maxFrac := int64(100), 2 // 分 per unit, decimals allowed
	if strings.HasSuffix(s, "万") {
		s, scale, maxFrac = strings.TrimSpace(strings.TrimSuffix(s, "万")), 1_000_000, 6
	}
	s = strings.ReplaceAll(s, ",", "")
	s = strings.ReplaceAll(s, "，", "")
	if s == "" {
		return 0, moneyErr(in, "金额为空", "empty amount")
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if hasDot && frac == "" || whole == "" {
		return 0, moneyErr(in, "金额格式有误", "malformed amount")
	}
	if len(frac) > maxFrac {
		return 0, moneyErr(in, fmt.Sprintf("金额最多保留 %d 位小数（到分）", maxFrac),
			fmt.Sprintf("at most %d decimals (to the fen)", maxFrac))
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, moneyErr(in, "金额只能是非负数字", "amount must be a non-negative number")
			}
		}
	}
	frac += strings.Repeat("0", maxFrac-len(frac))
	var fen int64
	for _, r := range whole {
		if fen > (math.MaxInt64-9)/10 {
			return 0, moneyErr(in, "金额过大", "amount too large")
		}
		fen = fen*10 + int64(r-'0')
	}
	if fen > math.MaxInt64/scale {
		return 0, moneyErr(in, "金额过大", "amount too large")
	}
	fen *= scale
	// The unit's scale is 10^maxFrac 分, so the padded decimals read as an
	// integer are the 分 they add: "0.5万" → 500000.
	var f int64
	for _, r := range frac {
		f = f*10 + int64(r-'0')
	}
	if fen > math.MaxInt64-f {
		return 0, moneyErr(in, "金额过大", "amount too large")
	}
	return fen + f, nil
}

func moneyErr(in, zh, en string) error {
	return apperr.Wrap(fmt.Errorf("reward: amount %q: %s", in, en), apperr.EINVALID, fmt.Sprintf("金额“%s”：%s", in, zh))
}

// FormatFen writes 分 as yuan with two decimals and thousands separators:
// 200000000 → "2,000,000.00".
func FormatFen(fen int64) string {
	neg := fen < 0
	if neg {
		fen = -fen
	}
	y, f := fen/100, fen%100
	ds := fmt.Sprint(y)
	var b strings.Builder
	for i, r := range ds {
		if i > 0 && (len(ds)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := fmt.Sprintf("%s.%02d", b.String(), f)
	if neg {
		out = "-" + out
	}
	return out
}

// FormatWan writes 分 as 万元 when it is a whole number of 万 ("200万元"),
// else as yuan ("12,345.67元"): how policies state their amounts.
func FormatWan(fen int64) string {
	if fen%1_000_000 == 0 {
		return fmt.Sprintf("%d万元", fen/1_000_000)
	}
	return FormatFen(fen) + "元"
}
