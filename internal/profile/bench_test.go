package profile_test

import (
	"testing"

	"zjtx/internal/profile"
)

// BenchmarkDecode decodes and validates the spec example (about 2 KB), the
// cost of one upload or one Excel row.
func BenchmarkDecode(b *testing.B) {
	doc := exampleJSON(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := profile.DecodeBytes(doc); len(errs) != 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	p := mustExample(b)
	b.ReportAllocs()
	for b.Loop() {
		if errs := profile.Validate(p); len(errs) != 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkClone is the per-candidate cost of gap analysis, which clones
// the profile once for every change it tries.
func BenchmarkClone(b *testing.B) {
	p := mustExample(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Clone()
	}
}

// BenchmarkCloneAndSet is one gap candidate: clone, then change one figure.
func BenchmarkCloneAndSet(b *testing.B) {
	p := mustExample(b)
	b.ReportAllocs()
	for b.Loop() {
		c := p.Clone()
		if err := c.SetPath("years.2025.rd_expense", "150"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	p := mustExample(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := profile.EncodeBytes(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSizeClass(b *testing.B) {
	emp, rev := int64(120), profile.DecFromInt(3645)
	b.ReportAllocs()
	for b.Loop() {
		if r := profile.SizeClass("C3484", &emp, &rev, nil); !r.SME {
			b.Fatal(r)
		}
	}
}
