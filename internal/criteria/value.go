package criteria

import (
	"math"
	"math/big"
)

// Value is what a metric computes: a known exact number, an unknown fact
// (缺数据), or "not applicable" (an alternative that does not apply, such as the
// cost-based R&D ratio when the enterprise filed by sales).
//
// Most metrics are a ratio of two integers (N/D). Two official formulas are not
// rational — the compound growth rate √(a/b) − 1 and the mean of two growth
// rates — so they keep their inputs and are compared exactly in their own way.
type Value struct {
	State  State
	Form   Form
	N, D   int64 // FormRat: N/D. FormSqrt: √(N/D) − 1. FormMean: (N/D + N2/D2)/2 − 1.
	N2, D2 int64
}

// State tells whether a value is known.
type State uint8

// Value states.
const (
	Unknown State = iota
	Known
	NotApplicable
)

// Form is the exact form of a known value.
type Form uint8

// Value forms.
const (
	FormRat Form = iota
	FormSqrt
	FormMean
)

var (
	unknown = Value{}
	notApp  = Value{State: NotApplicable}
)

// Num returns the known value n/d.
func Num(n, d int64) Value {
	if d < 0 {
		n, d = -n, -d
	}
	if d == 0 {
		return unknown
	}
	return Value{State: Known, N: n, D: d}
}

// Int returns the known integer n.
func Int(n int64) Value { return Value{State: Known, N: n, D: 1} }

// Bool returns 1 for true and 0 for false.
func Bool(b bool) Value {
	if b {
		return Int(1)
	}
	return Int(0)
}

// Known reports whether v holds a number.
func (v Value) Known() bool { return v.State == Known }

// Float returns v as a float64, for display only; NaN when not known.
func (v Value) Float() float64 {
	if v.State != Known {
		return math.NaN()
	}
	switch v.Form {
	case FormSqrt:
		return math.Sqrt(float64(v.N)/float64(v.D)) - 1
	case FormMean:
		return (float64(v.N)/float64(v.D)+float64(v.N2)/float64(v.D2))/2 - 1
	}
	return float64(v.N) / float64(v.D)
}

// Cmp compares a known value with the threshold t exactly: -1, 0 or +1.
func (v Value) Cmp(t Rat) int {
	switch v.Form {
	case FormSqrt:
		// √x − 1 vs t  ⇔  x vs (1+t)² when 1+t ≥ 0; √x − 1 ≥ −1 > t otherwise.
		a := t.D + t.N
		if a < 0 {
			return 1
		}
		if v.N < 0 {
			return -1
		}
		if t.D < 1<<31 && a < 1<<31 {
			return cmpProd(v.N, t.D*t.D, v.D, a*a)
		}
		return v.big().Cmp(new(big.Rat).Mul(big.NewRat(a, t.D), big.NewRat(a, t.D)))
	case FormMean:
		// A float filter decides all but near-ties; ties are settled exactly.
		f, g := v.Float(), t.Float()
		if d := f - g; math.Abs(d) > 1e-9*math.Max(1, math.Abs(g)) {
			if d < 0 {
				return -1
			}
			return 1
		}
		return v.big().Cmp(t.Big())
	}
	return cmpProd(v.N, t.D, t.N, v.D)
}

// big returns the exact comparable form of v: the value itself for FormMean,
// and the radicand x of √x − 1 for FormSqrt.
func (v Value) big() *big.Rat {
	switch v.Form {
	case FormMean:
		a := big.NewRat(v.N, v.D)
		a.Add(a, big.NewRat(v.N2, v.D2))
		a.Quo(a, big.NewRat(2, 1))
		return a.Sub(a, big.NewRat(1, 1))
	}
	return big.NewRat(v.N, v.D)
}
