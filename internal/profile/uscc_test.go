package profile_test

import (
	"strings"
	"testing"

	"zjtx/internal/profile"
)

const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

func TestCheckUSCC(t *testing.T) {
	valid := []string{
		"91350100M000100Y43", // the commonly cited example
		"91410173MA3XQ8N1DR", // spec/profile.md
		"91110000600037341L",
		"91440300192317458F",
		"12100000000013306G", // a public institution (事业单位), computed
		"5111000050000000X5", // a letter in the organisation code, computed
	}
	for _, code := range valid {
		t.Run("Valid/"+code, func(t *testing.T) {
			if e := profile.CheckUSCC(code); e != nil {
				t.Fatalf("CheckUSCC(%s) = %v, want nil", code, e)
			}
		})
	}

	invalid := []struct {
		name, code, wantCode, wantZH string
	}{
		{"WrongCheckDigit", "91350100M000100Y44", profile.CodeCheckDigit, "应为 3"},
		{"TooShort", "91350100M000100Y4", profile.CodeFormat, "应为 18 位，实际为 17 位"},
		{"TooLong", "91350100M000100Y430", profile.CodeFormat, "实际为 19 位"},
		{"Empty", "", profile.CodeFormat, "实际为 0 位"},
		{"Lowercase", "91350100m000100y43", profile.CodeFormat, "字母须大写"},
		{"LetterI", "91350100MI00100Y43", profile.CodeFormat, "第 10 位字符“I”不合法"},
		{"LetterO", "9135010OM000100Y43", profile.CodeFormat, "第 8 位"},
		{"LetterZ", "Z1350100M000100Y43", profile.CodeFormat, "第 1 位"},
		{"LetterInRegionCode", "913501A0M000100Y43", profile.CodeFormat, "第 3–8 位"},
		{"Space", "91350100M000100Y4 ", profile.CodeFormat, "第 18 位"},
		{"FullWidthDigit", "９1350100M000100Y43", profile.CodeFormat, "第 1 位字符“９”不合法"},
	}
	for _, tc := range invalid {
		t.Run("Invalid/"+tc.name, func(t *testing.T) {
			e := profile.CheckUSCC(tc.code)
			if e == nil {
				t.Fatalf("CheckUSCC(%q) = nil, want %s", tc.code, tc.wantCode)
			}
			if e.Path != "uscc" || e.Code != tc.wantCode || !strings.Contains(e.MessageZH, tc.wantZH) {
				t.Errorf("CheckUSCC(%q) = %+v, want code %s and %q in the message", tc.code, *e, tc.wantCode, tc.wantZH)
			}
			if !strings.HasPrefix(e.MessageZH, "uscc（统一社会信用代码）：") {
				t.Errorf("MessageZH %q does not name the field", e.MessageZH)
			}
		})
	}
}

// The weights are the powers of 3 modulo the prime 31, all non-zero, so any
// single-character substitution changes the weighted sum and must be caught.
func TestCheckUSCCCatchesEverySubstitution(t *testing.T) {
	const code = "91410173MA3XQ8N1DR"
	for i := 0; i < len(code); i++ {
		for _, c := range usccChars {
			if byte(c) == code[i] {
				continue
			}
			mutated := code[:i] + string(c) + code[i+1:]
			if profile.CheckUSCC(mutated) == nil {
				t.Errorf("substituting %c at position %d gives %s, which passes", c, i+1, mutated)
			}
		}
	}
}

func TestUSCCCheckDigit(t *testing.T) {
	tests := []struct {
		body string
		want byte
	}{
		{"91350100M000100Y4", '3'},
		{"91410173MA3XQ8N1D", 'R'},
		{"12100000000013306", 'G'},
		{"00000000000000000", '0'}, // sum 0: 31 − 0 = 31, which is written 0
	}
	for _, tc := range tests {
		got, err := profile.USCCCheckDigit(tc.body)
		if err != nil || got != tc.want {
			t.Errorf("USCCCheckDigit(%s) = %c, %v; want %c", tc.body, got, err, tc.want)
		}
	}
	if _, err := profile.USCCCheckDigit("9135010"); err == nil {
		t.Error("USCCCheckDigit accepted a short body")
	}
	if _, err := profile.USCCCheckDigit("9135010IM000100Y4"); err == nil {
		t.Error("USCCCheckDigit accepted the letter I")
	}
}
