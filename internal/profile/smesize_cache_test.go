package profile_test

import (
	"testing"

	"zjtx/internal/profile"
)

// TestIsSMEAgreesWithSizeClass: the cached fast test gives the answer of
// the full size test for every row and edge.
func TestIsSMEAgreesWithSizeClass(t *testing.T) {
	i := func(n int64) *int64 { return &n }
	d := func(s string) *profile.Dec { v, _ := profile.ParseDec(s); return &v }
	codes := []string{"C3484", "C13", "I6513", "F5110", "F5211", "E4710", "G5430", "G59", "M7310", "A0111", "", "Z99", "K7010", "J6610"}
	figures := []struct {
		emp      *int64
		rev, ass *profile.Dec
	}{
		{i(999), nil, nil}, {i(1000), d("40000"), nil}, {i(1000), d("39999.9999"), d("1")}, {nil, d("100"), d("100")},
		{i(299), d("9999"), nil}, {i(300), d("10000"), d("80000")}, {nil, nil, nil}, {i(10), d("5"), d("80000")},
	}
	for _, code := range codes {
		for _, f := range figures {
			full := profile.SizeClass(code, f.emp, f.rev, f.ass)
			for range 2 { // the second call is served from the cache
				sme, known := profile.IsSME(code, f.emp, f.rev, f.ass)
				if known != full.Known || (known && sme != full.SME) {
					t.Errorf("%q %v: IsSME = %v,%v; SizeClass = %v,%v", code, f, sme, known, full.SME, full.Known)
				}
			}
		}
	}
}
