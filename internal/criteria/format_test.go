package criteria

import (
	"testing"

	"zjtx/internal/profile"
)

// TestFormatDec: amounts and shares as the official forms write them.
func TestFormatDec(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    func(profile.Dec) string
		in   string
		want string
	}{
		{"Money", Money, "0", "0.00"},
		{"Money", Money, "930", "930.00"},
		{"Money", Money, "1200", "1,200.00"},
		{"Money", Money, "109.35", "109.35"},
		{"Money", Money, "109.3", "109.30"},
		{"Money", Money, "1093.5012", "1,093.5012"}, // a figure with 元 keeps them
		{"Money", Money, "1093.501", "1,093.5010"},
		{"Money", Money, "12345678.9", "12,345,678.90"},
		{"Money", Money, "-2500.5", "-2,500.50"},
		{"Money", Money, "0.0001", "0.0001"},
		{"Percent", Percent, "0.07", "7.00%"}, // float arithmetic gives 7.000000000000001
		{"Percent", Percent, "0.12", "12.00%"},
		{"Percent", Percent, "0.1", "10.00%"},
		{"Percent", Percent, "0.0333", "3.33%"},
		{"Percent", Percent, "0.0005", "0.05%"},
		{"Percent", Percent, "1", "100.00%"},
		{"Percent", Percent, "0", "0.00%"},
	} {
		d, err := profile.ParseDec(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := tt.f(d); got != tt.want {
			t.Errorf("%s(%s) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestGrouped(t *testing.T) {
	for _, tt := range []struct {
		in   int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-45000, "-45,000"}} {
		if got := Grouped(tt.in); got != tt.want {
			t.Errorf("Grouped(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRoundCents: a gap target is rounded to 0.01 万元 on the side that still
// meets its threshold.
func TestRoundCents(t *testing.T) {
	for _, tt := range []struct {
		v    int64
		down bool
		want int64
	}{
		{1093501, false, 1093600}, // 109.3501 → 109.36 to reach
		{1093501, true, 1093500},  // → 109.35 to stay under
		{1093500, false, 1093500},
		{1093500, true, 1093500},
		{1, false, 100},
		{-150, false, -100},
		{-150, true, -200},
	} {
		if got := roundCents(tt.v, tt.down); got != tt.want {
			t.Errorf("roundCents(%d, %v) = %d, want %d", tt.v, tt.down, got, tt.want)
		}
	}
}

// TestDisplayMoney: values in reports are 万元 to two decimals (to the 元 when
// they have 元), counts and persons carry separators.
func TestDisplayMoney(t *testing.T) {
	for _, tt := range []struct {
		m    *metric
		v    Value
		want string
	}{
		{vocabulary["rd_expense"], Num(9300000, profile.DecScale), "930.00 万元"},
		{vocabulary["rd_avg"], Num(20000001, 2*profile.DecScale), "1,000.0001 万元"}, // (1000 + 1000.0001) / 2, to the 元
		{vocabulary["rd_avg"], Num(20000000, 2*profile.DecScale), "1,000.00 万元"},
		{vocabulary["employees"], Int(12500), "12,500 人"},
		{vocabulary["rd_ratio"], Num(7, 100), "7.00%"},
	} {
		if got := display(tt.m, tt.v); got != tt.want {
			t.Errorf("display(%s, %v) = %q, want %q", tt.m.id, tt.v, got, tt.want)
		}
	}
}
