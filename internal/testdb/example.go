package testdb

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"zjtx/internal/profile"
)

// Example returns the worked example of spec/profile.md
// (internal/profile/testdata/example.json).
func Example(tb testing.TB) *profile.Profile {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "profile", "testdata", "example.json"))
	if err != nil {
		tb.Fatal(err)
	}
	p, errs := profile.DecodeBytes(b)
	if errs.HasErrors() {
		tb.Fatal(errs)
	}
	return p
}

// WeakExample is the example with little R&D (20 万元 in 2024 and 2025) and
// no IP, honours or R&D institutes: it fails 科技型中小企业 on points, so that
// tier has a gap plan (a cultivation plan's tests start from it).
func WeakExample(tb testing.TB) *profile.Profile {
	tb.Helper()
	p := Example(tb)
	p.Honors, p.IP, p.RDInstitutions = nil, nil, nil
	for _, y := range []string{"years.2024.rd_expense", "years.2025.rd_expense"} {
		if err := p.SetPath(y, "20"); err != nil {
			tb.Fatal(err)
		}
	}
	return p
}
