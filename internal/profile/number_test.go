package profile_test

import (
	"errors"
	"testing"

	"zjtx/internal/profile"
)

// TestParseAmountAndShare: numbers as officials type them — thousands
// separators, full-width digits from a Chinese input method, percentages —
// read the same wherever they are typed.
func TestParseAmountAndShare(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		err  error
	}{
		{"12345.5", "12345.5", nil},
		{"12,345.5", "12345.5", nil},
		{" 1,234,567 ", "1234567", nil},
		{"１２３４５．５", "12345.5", nil},
		{"１２，３４５", "12345", nil},
		{"-5", "-5", nil},
		{"1.2E3", "1200", nil},
		{"3644.9999999999995", "3645", nil},
		{"1.23456", "", profile.ErrPrecision},
		{"abc", "", profile.ErrNotNumber},
		{"12 345", "", profile.ErrNotNumber},
		{"1/2", "", profile.ErrNotNumber},
		{"", "", profile.ErrNotNumber},
	} {
		got, err := profile.ParseAmount(tt.in)
		if !errors.Is(err, tt.err) || err == nil && got.String() != tt.want {
			t.Errorf("ParseAmount(%q) = %s, %v; want %s, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	for _, tt := range []struct {
		in   string
		want string
		err  error
	}{
		{"12%", "0.12", nil},
		{"12 %", "0.12", nil},
		{"１２％", "0.12", nil},
		{"0.12", "0.12", nil},
		{"12", "0.12", nil},
		{"1", "1", nil},
		{"100%", "1", nil},
		{"12.345%", "0.1235", profile.ErrPrecision},
		{"150%", "", profile.ErrShareRange},
		{"-1%", "", profile.ErrShareRange},
		{"许多", "", profile.ErrNotNumber},
	} {
		got, err := profile.ParseShare(tt.in)
		if !errors.Is(err, tt.err) || err == nil && got.String() != tt.want {
			t.Errorf("ParseShare(%q) = %s, %v; want %s, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
