package profile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Validate checks p against the rules of spec/profile.md and returns every
// problem, errors and warnings, in document order. A nil result means p is
// clean; use Errors.HasErrors to ignore warnings.
//
// Validate checks facts, not eligibility: an enterprise on the abnormal list
// is a valid profile that fails a criterion later.
func Validate(p *Profile) Errors {
	v := &validator{}
	if p == nil {
		v.err("", CodeRequired, "no profile", "缺少企业画像")
		return v.errs
	}
	checkFields(v, "", p, profileFields)
	if p.USCC != "" {
		if e := CheckUSCC(p.USCC); e != nil {
			v.errs = append(v.errs, *e)
		}
	}
	if p.Region != "" && !isDigits(p.Region, 6) {
		v.err("region", CodeFormat, "must be a 6-digit administrative division code", "应为 6 位数字行政区划代码")
	}
	if p.Industry != "" {
		checkIndustry(v, p.Industry)
	}
	if p.Established != nil && p.NicheSince != nil && p.NicheSince.Before(*p.Established) {
		v.warn("niche_since", CodeDateOrder,
			fmt.Sprintf("%s is before the establishment date %s", p.NicheSince, p.Established),
			fmt.Sprintf("%s 早于成立日期 %s，请核对", p.NicheSince, p.Established))
	}
	if p.Flags != nil {
		checkFields(v, "flags", p.Flags, flagsFields)
	}
	for _, y := range sortedYears(p.Years) {
		checkYear(v, y, p.Years[y])
	}
	if p.Quality != nil {
		checkFields(v, "quality", p.Quality, qualityFields)
	}
	if p.Product != nil {
		checkFields(v, "product", p.Product, productFields)
		checkDomains(v, p.Product.Domains)
	}
	for _, l := range lists {
		l.validate(v, p)
	}
	return v.errs
}

type validator struct{ errs Errors }

func (v *validator) err(path, code, en, zh string) {
	v.errs = append(v.errs, newError(path, code, en, zh))
}

func (v *validator) warn(path, code, en, zh string) {
	v.errs = append(v.errs, newWarning(path, code, en, zh))
}

// checkFields applies the rules the field tables declare: required strings,
// enumerations, numeric bounds and date ranges.
func checkFields[T any](v *validator, path string, dst *T, fields []field[T]) {
	for i := range fields {
		f := &fields[i]
		// The path is joined only when a problem is reported: a clean
		// profile is validated without building a string per field.
		at := fieldAt{path, f.key}
		switch r := f.ref(dst).(type) {
		case *string:
			switch {
			case strings.TrimSpace(*r) == "":
				if f.req {
					v.err(at.path(), CodeRequired, "is required", "必填，不能为空")
				}
			case f.enum != nil && !slices.Contains(f.enum, *r):
				v.unknownValue(at.path(), *r, f.enum)
			}
		case **Dec:
			if *r != nil {
				v.bounds(at, **r, f.lo, f.hi)
			}
		case *int:
			v.intBounds(at, int64(*r), f.lo, f.hi, f.req)
		case **int:
			if *r != nil {
				v.intBounds(at, int64(**r), f.lo, f.hi, false)
			}
		case **int64:
			if *r != nil {
				v.intBounds(at, **r, f.lo, f.hi, false)
			}
		case **Date:
			if *r != nil {
				v.date(at, **r)
			}
		case *BanDate:
			if r.Until != nil {
				v.date(at, *r.Until)
			}
		}
	}
}

// fieldAt is a path not yet joined.
type fieldAt struct{ base, key string }

func (a fieldAt) path() string { return join(a.base, a.key) }

func (v *validator) unknownValue(path, val string, allowed []string) {
	v.err(path, CodeUnknownValue,
		fmt.Sprintf("unknown value %q; allowed: %s", val, strings.Join(allowed, ", ")),
		fmt.Sprintf("未知取值“%s”，可选：%s", val, strings.Join(allowed, "、")))
}

func (v *validator) bounds(at fieldAt, x Dec, lo, hi *Dec) {
	switch {
	case lo != nil && *lo == 0 && x < 0 && hi == nil:
		v.err(at.path(), CodeNegative, fmt.Sprintf("must not be negative, not %s", x), fmt.Sprintf("不能为负数（实际为 %s）", x))
	case (lo != nil && x < *lo) || (hi != nil && x > *hi):
		v.outOfRange(at.path(), x.String(), lo, hi)
	}
}

// intBounds checks a whole number against bounds held as Dec; the bounds
// are whole, so comparing against their integer part is exact and cannot
// overflow the way scaling x up could.
func (v *validator) intBounds(at fieldAt, x int64, lo, hi *Dec, req bool) {
	if x == 0 && req {
		// A required number left at 0 was not stated, rather than out of range.
		v.err(at.path(), CodeRequired, "is required", "必填，不能为空")
		return
	}
	switch {
	case lo != nil && *lo == 0 && x < 0 && hi == nil:
		v.err(at.path(), CodeNegative, fmt.Sprintf("must not be negative, not %d", x), fmt.Sprintf("不能为负数（实际为 %d）", x))
	case (lo != nil && x < int64(*lo)/DecScale) || (hi != nil && x > int64(*hi)/DecScale):
		v.outOfRange(at.path(), fmt.Sprint(x), lo, hi)
	}
}

func (v *validator) outOfRange(path, x string, lo, hi *Dec) {
	switch {
	case lo != nil && hi != nil:
		v.err(path, CodeRange, fmt.Sprintf("must be between %s and %s, not %s", lo, hi, x),
			fmt.Sprintf("应在 %s 到 %s 之间（实际为 %s）", lo, hi, x))
	case lo != nil:
		v.err(path, CodeRange, fmt.Sprintf("must be at least %s, not %s", lo, x),
			fmt.Sprintf("不能小于 %s（实际为 %s）", lo, x))
	default:
		v.err(path, CodeRange, fmt.Sprintf("must be at most %s, not %s", hi, x),
			fmt.Sprintf("不能大于 %s（实际为 %s）", hi, x))
	}
}

// date refuses dates outside MinYear–MaxYear: ParseDate accepts year 0001,
// which in a profile can only be a typing error.
func (v *validator) date(at fieldAt, d Date) {
	if d.Y < MinYear || d.Y > MaxYear {
		v.err(at.path(), CodeRange,
			fmt.Sprintf("the year of %s must be between %d and %d", d, MinYear, MaxYear),
			fmt.Sprintf("日期 %s 的年份须在 %d–%d 之间", d, MinYear, MaxYear))
	}
}

func checkYear(v *validator, y int, yr *Year) {
	path := "years." + strconv.Itoa(y)
	if y < MinYear || y > MaxYear {
		v.err(path, CodeFormat,
			fmt.Sprintf("a year key must be a four-digit year from %d to %d", MinYear, MaxYear),
			fmt.Sprintf("年度须为 %d–%d 之间的四位年份", MinYear, MaxYear))
		return
	}
	if yr == nil {
		v.err(path, CodeRequired, "the year entry is null", "年度数据为空")
		return
	}
	checkFields(v, path, yr, yearFields)
	// A part cannot exceed its whole: both are headcounts of the same
	// enterprise on the same basis (职工总数).
	staffWithin(v, path, "rd_staff", "研发人员数", yr.RDStaff, yr.Employees)
	staffWithin(v, path, "tech_staff", "科技人员数", yr.TechStaff, yr.Employees)
	// Only a warning: 主营业务收入 above 营业收入 is almost always a typing
	// error, but audit reports with differing scopes exist, and the engine
	// caps the share at 100 % anyway.
	if yr.MainRevenue != nil && yr.Revenue != nil && *yr.MainRevenue > *yr.Revenue {
		v.warn(join(path, "main_revenue"), CodeExceeds,
			fmt.Sprintf("main_revenue (%s) exceeds revenue (%s)", yr.MainRevenue, yr.Revenue),
			fmt.Sprintf("主营业务收入（%s 万元）超过营业收入（%s 万元），请核对", yr.MainRevenue, yr.Revenue))
	}
}

func staffWithin(v *validator, path, key, zh string, n, employees *int64) {
	if n != nil && employees != nil && *n > *employees {
		v.err(join(path, key), CodeExceeds,
			fmt.Sprintf("%s (%d) exceeds employees (%d)", key, *n, *employees),
			fmt.Sprintf("%s（%d 人）不能超过从业人员数（%d 人）", zh, *n, *employees))
	}
}

func checkDomains(v *validator, ds []string) {
	for i, d := range ds {
		checkDomain(v, index("product.domains", i), d, ds[:i])
	}
}

// checkDomain checks one member of the product.domains set against the
// members before it.
func checkDomain(v *validator, path, d string, before []string) {
	switch {
	case !slices.Contains(productDomains, d):
		v.unknownValue(path, d, productDomains)
	case slices.Contains(before, d):
		v.err(path, CodeDuplicate, fmt.Sprintf("%q is listed twice", d), fmt.Sprintf("“%s”重复", d))
	}
}

func checkIP(v *validator, path string, e *IP) {
	if e.Pending && e.Granted != nil {
		v.err(join(path, "granted"), CodeInconsistent,
			"an application still pending has no grant date",
			"申请中（尚未授权）的知识产权不应填写授权日期；已授权的请取消“申请中”")
	}
	if e.TransferDate != nil && !e.TransferredIn {
		v.warn(join(path, "transfer_date"), CodeInconsistent,
			"a transfer date is given but transferred_in is false",
			"填写了受让日期，但“受让取得”为否，请核对")
	}
}

func checkHonor(v *validator, path string, e *Honor) {
	dateOrder(v, path, e.ValidFrom, e.ValidTo, "valid_from", "有效期起")
}

func checkTitle(v *validator, path string, e *Title) {
	dateOrder(v, path, e.Recognized, e.ValidTo, "recognized", "认定日期")
}

// dateOrder reports a validity that ends before it starts.
func dateOrder(v *validator, path string, from, to *Date, fromKey, fromZH string) {
	if from != nil && to != nil && to.Before(*from) {
		v.err(join(path, "valid_to"), CodeDateOrder,
			fmt.Sprintf("valid_to %s is before %s %s", to, fromKey, from),
			fmt.Sprintf("有效期止 %s 早于%s %s", to, fromZH, from))
	}
}

// Sections of GB/T 4754-2017 and the two-digit divisions (大类) each holds.
var sectionDivisions = map[byte][2]int{
	'A': {1, 5}, 'B': {6, 12}, 'C': {13, 43}, 'D': {44, 46}, 'E': {47, 50},
	'F': {51, 52}, 'G': {53, 60}, 'H': {61, 62}, 'I': {63, 65}, 'J': {66, 69},
	'K': {70, 70}, 'L': {71, 72}, 'M': {73, 75}, 'N': {76, 79}, 'O': {80, 82},
	'P': {83, 83}, 'Q': {84, 85}, 'R': {86, 90}, 'S': {91, 96}, 'T': {97, 97},
}

// checkIndustry accepts a GB/T 4754-2017 code written as its section letter
// and 2–4 digits (division 大类, group 中类, class 小类), such as C3484, and
// refuses a division that does not belong to the section (C0610).
func checkIndustry(v *validator, code string) {
	if len(code) < 3 || len(code) > 5 || code[0] < 'A' || code[0] > 'T' || !isDigits(code[1:], len(code)-1) {
		v.err("industry", CodeFormat,
			fmt.Sprintf("must be a GB/T 4754-2017 code: a section letter A-T and 2-4 digits, such as C3484, not %q", code),
			fmt.Sprintf("应为 GB/T 4754-2017 行业代码：门类字母 A–T 加 2–4 位数字，如 C3484，不能是“%s”", code))
		return
	}
	div := int(code[1]-'0')*10 + int(code[2]-'0')
	if r := sectionDivisions[code[0]]; div < r[0] || div > r[1] {
		v.err("industry", CodeFormat,
			fmt.Sprintf("division %02d does not belong to section %c (divisions %02d-%02d)", div, code[0], r[0], r[1]),
			fmt.Sprintf("大类 %02d 不属于门类 %c（应为 %02d–%02d）", div, code[0], r[0], r[1]))
	}
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func sortedYears(m map[int]*Year) []int {
	ys := make([]int, 0, len(m))
	for y := range m {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// ValidateAt checks what only the assessment date can decide: facts dated
// after it (a founding date after the day the enterprise is assessed, or
// after today for a stored record) are typing errors, and the engine would
// count negative years from them.
func ValidateAt(p *Profile, day Date) Errors {
	v := &validator{}
	for _, f := range []struct {
		key string
		d   *Date
	}{{"established", p.Established}, {"niche_since", p.NicheSince}} {
		if f.d != nil && day.Before(*f.d) {
			v.err(f.key, CodeDateOrder,
				fmt.Sprintf("%s is after the assessment date %s", f.d, day),
				fmt.Sprintf("%s 晚于评价日期 %s，请核对", f.d, day))
		}
	}
	return v.errs
}
