package profile

import (
	"errors"
	"math"
	"math/big"
	"strings"
)

// Numbers as people type them: into the import workbook, the year forms and
// the self-test. One reader serves them all, so a figure the import takes is
// a figure every form takes ("12,345.5", "１２３４５", "12%").

// Errors of the readers below; callers word them for their reader.
var (
	ErrNotNumber  = errors.New("not a number")
	ErrPrecision  = errors.New("more than 4 decimal places or more than 14 integer digits")
	ErrShareRange = errors.New("not between 0% and 100%")
)

// normalizeNumber turns full-width digits, point, comma, sign and percent
// sign (typed with a Chinese input method) into ASCII, and drops thousands
// separators and surrounding spaces.
var normalizeNumber = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"．", ".", "，", "", ",", "", "－", "-", "＋", "+", "％", "%")

// ParseNumber reads a plain or scientific decimal exactly ("3645",
// "12,345.5", "１２３", "1.2E3"); thousands separators are allowed.
func ParseNumber(s string) (*big.Rat, bool) {
	s = normalizeNumber.Replace(strings.TrimSpace(s))
	if s == "" || strings.ContainsAny(s, "/ ") {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// ParseAmount reads a number typed by a person as a Dec: money in 万元,
// scores. ErrNotNumber when it is not a number, ErrPrecision when it has
// more than four decimals or does not fit.
func ParseAmount(s string) (Dec, error) {
	r, ok := ParseNumber(s)
	if !ok {
		return 0, ErrNotNumber
	}
	d, ok := RatDec(r)
	if !ok {
		return 0, ErrPrecision
	}
	return d, nil
}

// ParseShare reads a share as a Dec from 0 to 1. The rule, stated in the
// import's 填写说明: text ending in % is a percentage; a number up to 1 is a
// ratio (0.12, and 1 = 100 %); a number above 1 is a percentage (12 =
// 12 %). A spreadsheet cell formatted as a percentage stores the ratio.
func ParseShare(s string) (Dec, error) {
	s = normalizeNumber.Replace(strings.TrimSpace(s))
	body, pct := strings.CutSuffix(s, "%")
	r, ok := ParseNumber(body)
	if !ok {
		return 0, ErrNotNumber
	}
	if pct || r.Cmp(big.NewRat(1, 1)) > 0 {
		r.Quo(r, big.NewRat(100, 1))
	}
	if r.Sign() < 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
		return 0, ErrShareRange
	}
	d, ok := RatDec(r)
	if !ok {
		return 0, ErrPrecision
	}
	return d, nil
}

var decScaleRat = big.NewRat(DecScale, 1)

// RatDec converts r to a Dec. A value with more than four decimals is
// accepted only when it is a binary rounding artefact of a spreadsheet
// formula (3644.9999999999995 for 3645): within a relative 1e-12 of a
// four-decimal value.
func RatDec(r *big.Rat) (Dec, bool) {
	scaled := new(big.Rat).Mul(r, decScaleRat)
	if scaled.IsInt() {
		n := scaled.Num()
		if !n.IsInt64() || math.Abs(float64(n.Int64())) >= 1e18 {
			return 0, false
		}
		return Dec(n.Int64()), true
	}
	f, _ := scaled.Float64()
	rounded := math.Round(f)
	if math.Abs(rounded) >= 1e18 || math.Abs(f-rounded) > 1e-12*math.Max(math.Abs(f), 1) {
		return 0, false
	}
	return Dec(rounded), true
}
