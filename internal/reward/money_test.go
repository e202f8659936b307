package reward_test

import (
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/reward"
)

func TestParseYuan(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"200万元", 200_000_000},
		{"50 万", 50_000_000},
		{"500000.00", 50_000_000},
		{"500,000元", 50_000_000},
		{"0.01", 1},
		{"1.5万", 1_500_000},
		{"0.000001万元", 1},
		{"12345.6", 1_234_560},
		{"92233720368547758.07", 9223372036854775807},
	} {
		got, err := reward.ParseYuan(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "元", "1.234", "0.0000001万", "-5", "1e6", "五十万", "1.", ".5", "92233720368547758.08", "99999999999999999999"} {
		if got, err := reward.ParseYuan(in); !apperr.Is(err, apperr.EINVALID) {
			t.Errorf("ParseYuan(%q) = %d, %v; want refused", in, got, err)
		}
	}
	_, err := reward.ParseYuan("1.234")
	if msg := apperr.Message(err); msg != "金额“1.234”：金额最多保留 2 位小数（到分）" {
		t.Errorf("three decimals: %q", msg)
	}
}

func TestFormatFen(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00", 1: "0.01", 200_000_000: "2,000,000.00", 123_456_789: "1,234,567.89", -150: "-1.50"} {
		if got := reward.FormatFen(fen); got != want {
			t.Errorf("FormatFen(%d) = %q, want %q", fen, got, want)
		}
	}
	if got := reward.FormatWan(200_000_000); got != "200万元" {
		t.Errorf("FormatWan = %q", got)
	}
	if got := reward.FormatWan(1_234_567); got != "12,345.67元" {
		t.Errorf("FormatWan = %q", got)
	}
}

func TestMask(t *testing.T) {
	if got := reward.Mask("6222021234567890"); got != "************7890" {
		t.Errorf("Mask = %q", got)
	}
	if got := reward.Mask("123"); got != "***" {
		t.Errorf("Mask short = %q", got)
	}
}
