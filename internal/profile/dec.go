package profile

import (
	"errors"
	"strconv"
	"strings"
)

// Dec is a non-rounding fixed-point decimal with four places, held as an
// integer count of 0.0001 units. Money is in 万元, so one Dec unit of money is
// exactly one yuan; ratios, shares and scores use the same type.
//
// Why not float64: the criteria compare at exact boundaries (109.35 / 3645 is
// 3.00 %, never 2.9999 %), so every fact is kept as an integer and every
// threshold comparison is done on integers (see criteria.Rat).
type Dec int64

// DecScale is the number of Dec units in 1.
const DecScale = 10000

// errDecimal is returned for a number that is not a plain decimal with at most
// four places.
var errDecimal = errors.New("not a decimal number with at most 4 decimal places")

// ParseDec parses a plain decimal such as "3645", "-2.5" or "109.35".
// Exponents, more than four decimals and more than 14 integer digits are
// refused, so that a product of two facts always fits in 128 bits.
func ParseDec(s string) (Dec, error) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") || len(frac) > 4 || len(intPart) > 14 {
		return 0, errDecimal
	}
	for _, part := range []string{intPart, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, errDecimal
			}
		}
	}
	whole, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return 0, errDecimal
	}
	f := frac + strings.Repeat("0", 4-len(frac))
	fv, _ := strconv.ParseInt(f, 10, 64)
	v := whole*DecScale + fv
	if neg {
		v = -v
	}
	return Dec(v), nil
}

// DecFromInt returns n as a Dec.
func DecFromInt(n int64) Dec { return Dec(n * DecScale) }

// String formats d as the shortest plain decimal ("3645", "109.35").
func (d Dec) String() string {
	v := int64(d)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := strconv.FormatInt(v/DecScale, 10)
	if frac := v % DecScale; frac != 0 {
		fs := strconv.FormatInt(frac+DecScale, 10)[1:]
		s += "." + strings.TrimRight(fs, "0")
	}
	return sign + s
}

// Float returns d as a float64, for display and charts only.
func (d Dec) Float() float64 { return float64(d) / DecScale }

// MarshalJSON writes d as a JSON number.
func (d Dec) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number exactly, without passing through float64.
func (d *Dec) UnmarshalJSON(b []byte) error {
	v, err := ParseDec(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
