package criteria

import (
	"strconv"
	"strings"

	"zjtx/internal/profile"
)

// Numbers as officials read them on the forms, in one place for the engine's
// reports, the text report and the pages: thousands separators everywhere,
// money in 万元 to two decimals (to the 元 when the figure has 元), and
// percentages from exact arithmetic, so no float noise ("7.000000000000001%").

// Money formats an amount in 万元: "1,093.50", or "1,093.5012" when it has
// 元 below the two decimals (a figure is never shown rounded away from what
// the enterprise declared).
func Money(d profile.Dec) string { return moneyRat(int64(d), profile.DecScale) }

// Percent formats a share (0.07 for 7 %) with two decimals: "7.00%".
func Percent(d profile.Dec) string { return fixed(int64(d), profile.DecScale, 2, 100) + "%" }

// Grouped formats a whole number with thousands separators: "12,500".
func Grouped(n int64) string { return groupDigits(strconv.FormatInt(n, 10)) }

// moneyRat formats n/d 万元 to two decimals, or to four (the 元) when the
// amount is not a whole number of 0.01 万元.
func moneyRat(n, d int64) string {
	places := 2
	if !wholeAt(n, d, 100) {
		places = 4
	}
	return groupDigits(fixed(n, d, places, 1))
}

// wholeAt reports whether n/d·scale is a whole number.
func wholeAt(n, d, scale int64) bool {
	if n < 0 {
		n = -n
	}
	return n%d*scale%d == 0
}

// roundCents rounds a money target (Dec units, 0.0001 万元) to 0.01 万元 on
// the side that still meets the threshold: up for a figure to reach, down
// for one to stay under. Gap plans name figures as forms take them.
func roundCents(v int64, down bool) int64 {
	const cent = profile.DecScale / 100
	floor := v - ((v%cent)+cent)%cent
	if down || floor == v {
		return floor
	}
	return floor + cent
}

// groupDigits puts thousands separators into the integer part of a decimal.
func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
