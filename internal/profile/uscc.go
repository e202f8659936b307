package profile

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The unified social credit code (统一社会信用代码), GB 32100-2015: 18
// characters from a 31-character set (digits and capitals without I, O, S,
// V, Z), laid out as
//
//	1     registration authority (登记管理部门代码)
//	2     kind of organisation (机构类别代码)
//	3–8   administrative region of registration (登记管理机关行政区划码), digits
//	9–17  organisation code (主体标识码)
//	18    check digit (校验码)
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are the weights of positions 1–17: 3^(i-1) mod 31.
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// USCCCheckDigit returns the check character for the first 17 characters of
// a code: 31 − (Σ value×weight mod 31), where 31 becomes 0.
func USCCCheckDigit(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("profile: USCC body must be 17 characters, not %d", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccChars, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("profile: character %d (%q) is not allowed in a USCC", i+1, first17[i])
		}
		sum += v * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccChars[c], nil
}

// CheckUSCC returns nil for a well-formed code with the right check digit,
// and otherwise a FieldError at path "uscc" saying what is wrong, for
// callers outside a profile (an Excel row, a search box).
func CheckUSCC(s string) *FieldError {
	const path = "uscc"
	fail := func(code, en, zh string) *FieldError { e := newError(path, code, en, zh); return &e }
	if n := utf8.RuneCountInString(s); n != 18 {
		return fail(CodeFormat,
			fmt.Sprintf("must be 18 characters, not %d", n),
			fmt.Sprintf("应为 18 位，实际为 %d 位", n))
	}
	pos := 0
	for _, c := range s {
		pos++
		if c < utf8.RuneSelf && strings.IndexByte(usccChars, byte(c)) >= 0 {
			continue
		}
		hint, hintZH := "", ""
		if c >= 'a' && c <= 'z' {
			hint, hintZH = "; use capital letters", "，字母须大写"
		}
		return fail(CodeFormat,
			fmt.Sprintf("character %d (%q) is not allowed: the code uses 0-9 and A-Y without I, O, S, V, Z%s", pos, c, hint),
			fmt.Sprintf("第 %d 位字符“%c”不合法：只能使用数字和除 I、O、S、V、Z 外的大写字母%s", pos, c, hintZH))
	}
	// From here on every character is one ASCII byte.
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return fail(CodeFormat,
				"characters 3-8 (the region code of the registering authority) must be digits",
				"第 3–8 位（登记管理机关行政区划码）须为数字")
		}
	}
	want, _ := USCCCheckDigit(s[:17])
	if s[17] != want {
		return fail(CodeCheckDigit,
			fmt.Sprintf("wrong check digit %c (expected %c): the code is mistyped", s[17], want),
			fmt.Sprintf("校验位错误（第 18 位为 %c，应为 %c），请核对代码", s[17], want))
	}
	return nil
}
