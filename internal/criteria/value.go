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
//
// Value has four fields so that the compiler keeps it in registers: the
// form of a known value is part of its State.
type Value struct {
	N, D  int64 // FormRat: N/D. FormSqrt: √(N/D) − 1. FormMean: (N/D + E/N)/2 − 1.
	E     int64
	State State
}

// State tells whether a value is known.
type State uint8

// Value states.
const (
	Unknown State = iota
	Known         // an exact rational N/D
	NotApplicable
	knownSqrt // known, FormSqrt
	knownMean // known, FormMean
)

// Form is the exact form of a known value.
type Form uint8

// Value forms.
const (
	FormRat Form = iota
	FormSqrt
	FormMean
)

// Num returns the known value n/d.
func Num(n, d int64) Value {
	if d < 0 {
		n, d = -n, -d
	}
	if d == 0 {
		return Value{}
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
func (v Value) Known() bool { return v.State == Known || v.State >= knownSqrt }

// Form returns the exact form of a known value.
func (v Value) Form() Form {
	switch v.State {
	case knownSqrt:
		return FormSqrt
	case knownMean:
		return FormMean
	}
	return FormRat
}

// Float returns v as a float64, for display only; NaN when not known.
func (v Value) Float() float64 {
	if !v.Known() {
		return math.NaN()
	}
	switch v.Form() {
	case FormSqrt:
		return math.Sqrt(float64(v.N)/float64(v.D)) - 1
	case FormMean:
		return (float64(v.N)/float64(v.D)+float64(v.E)/float64(v.N))/2 - 1
	}
	return float64(v.N) / float64(v.D)
}

// Cmp compares a known value with the threshold t exactly: -1, 0 or +1.
// The common case — a ratio of two integers — stays small enough to inline.
func (v Value) Cmp(t Rat) int {
	if v.State != Known {
		return v.cmpForm(t)
	}
	if v.D == t.D { // integers, yes/no facts and most counts
		return cmp3(v.N, t.N)
	}
	if small(v.N) && small(v.D) && small(t.N) && small(t.D) {
		return cmp3(v.N*t.D, t.N*v.D)
	}
	return cmpProd(v.N, t.D, t.N, v.D)
}

// cmpForm compares the two irrational forms.
func (v Value) cmpForm(t Rat) int {
	if v.State == knownSqrt {
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
	}
	// FormMean: a float filter decides all but near-ties; ties are settled exactly.
	f, g := v.Float(), t.Float()
	if d := f - g; math.Abs(d) > 1e-9*math.Max(1, math.Abs(g)) {
		if d < 0 {
			return -1
		}
		return 1
	}
	return v.big().Cmp(t.Big())
}

// small reports whether |x| < 2³¹, so that a product of two fits in int64.
func small(x int64) bool { return x > -1<<31 && x < 1<<31 }

func cmp3(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// big returns the exact comparable form of v: the value itself for FormMean,
// and the radicand x of √x − 1 for FormSqrt.
func (v Value) big() *big.Rat {
	switch v.Form() {
	case FormMean:
		a := big.NewRat(v.N, v.D)
		a.Add(a, big.NewRat(v.E, v.N))
		a.Quo(a, big.NewRat(2, 1))
		return a.Sub(a, big.NewRat(1, 1))
	}
	return big.NewRat(v.N, v.D)
}
