package criteria

import (
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"strings"
)

// Rat is an exact rational threshold N/D with D > 0, parsed from the decimal
// text of a rule file ("3%", "0.055", "1200"). Thresholds are never floats:
// the official boundaries must hold to the yuan (109.35 / 3645 is 3 %).
type Rat struct {
	N, D int64
}

// ParseRat parses a decimal number, optionally ending in "%".
func ParseRat(s string) (Rat, error) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	s = strings.TrimSuffix(s, "%")
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") {
		return Rat{}, fmt.Errorf("not a decimal number: %q", s)
	}
	if pct {
		r.Quo(r, big.NewRat(100, 1))
	}
	if !r.Num().IsInt64() || !r.Denom().IsInt64() || r.Denom().Int64() > 1e9 {
		return Rat{}, errors.New("number out of range")
	}
	return Rat{r.Num().Int64(), r.Denom().Int64()}, nil
}

// Float returns r as a float64 for display.
func (r Rat) Float() float64 { return float64(r.N) / float64(r.D) }

// Big returns r as a big.Rat.
func (r Rat) Big() *big.Rat { return big.NewRat(r.N, r.D) }

// mul128 returns the signed 128-bit product a*b as (hi, lo) in two's complement.
func mul128(a, b int64) (hi int64, lo uint64) {
	neg := (a < 0) != (b < 0)
	ua, ub := abs64(a), abs64(b)
	h, l := bits.Mul64(ua, ub)
	if neg {
		// two's complement negate of (h, l)
		l = ^l + 1
		h = ^h
		if l == 0 {
			h++
		}
	}
	return int64(h), l
}

func abs64(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}

// cmpProd compares a*b with c*d exactly, returning -1, 0 or +1.
func cmpProd(a, b, c, d int64) int {
	h1, l1 := mul128(a, b)
	h2, l2 := mul128(c, d)
	switch {
	case h1 < h2:
		return -1
	case h1 > h2:
		return 1
	case l1 < l2:
		return -1
	case l1 > l2:
		return 1
	}
	return 0
}

// mulDivCeil returns ceil(a*n/d) for a >= 0, n >= 0, d > 0, saturating at
// MaxInt64. It is how a threshold on a ratio becomes a target on an input:
// R&D >= 3% of revenue means R&D >= ceil(0.03 * revenue) yuan.
func mulDivCeil(a, n, d int64) int64 {
	if a < 0 || n < 0 {
		return mulDivCeilBig(a, n, d)
	}
	hi, lo := bits.Mul64(uint64(a), uint64(n))
	if hi >= uint64(d) {
		return 1<<63 - 1
	}
	q, r := bits.Div64(hi, lo, uint64(d))
	if r != 0 {
		q++
	}
	if q > 1<<63-1 {
		return 1<<63 - 1
	}
	return int64(q)
}

func mulDivCeilBig(a, n, d int64) int64 {
	x := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), big.NewInt(n)), big.NewInt(d))
	return ratCeil(x)
}

// mulDivFloor returns floor(a*n/d) for a, n >= 0, d > 0.
func mulDivFloor(a, n, d int64) int64 {
	if a < 0 || n < 0 {
		x := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(a), big.NewInt(n)), big.NewInt(d))
		return ratFloor(x)
	}
	hi, lo := bits.Mul64(uint64(a), uint64(n))
	if hi >= uint64(d) {
		return 1<<63 - 1
	}
	q, _ := bits.Div64(hi, lo, uint64(d))
	if q > 1<<63-1 {
		return 1<<63 - 1
	}
	return int64(q)
}

func ratFloor(x *big.Rat) int64 {
	q, m := new(big.Int).DivMod(x.Num(), x.Denom(), new(big.Int))
	_ = m
	if !q.IsInt64() {
		return 1<<63 - 1
	}
	return q.Int64()
}

func ratCeil(x *big.Rat) int64 {
	q, m := new(big.Int).DivMod(x.Num(), x.Denom(), new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 1<<63 - 1
	}
	return q.Int64()
}
