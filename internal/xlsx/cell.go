package xlsx

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/auth"
	"zjtx/internal/profile"
)

// cellError is a problem with one cell, before any profile rule is applied.
type cellError struct {
	code   string
	en, zh string
}

func badCell(code, en, zh string) *cellError { return &cellError{code: code, en: en, zh: zh} }

// noneText is how a known "none" is written: no data-fraud ban, no product
// domain.
const noneText = "无"

// regionIndex maps region names and codes to codes and codes to names.
type regionIndex struct {
	byText map[string]string // name or code → code
	names  map[string]string // code → name
	list   []auth.Region
}

func newRegionIndex(regions []auth.Region) regionIndex {
	ri := regionIndex{byText: map[string]string{}, names: map[string]string{}, list: regions}
	for _, r := range regions {
		ri.byText[r.Name] = r.Code
		ri.byText[r.Code] = r.Code
		ri.names[r.Code] = r.Name
	}
	return ri
}

// parse reads the raw text of a cell as the column's kind and returns what
// profile.SetPath takes ("" for a blank cell: unknown). Raw text is the
// stored value: a number as written in the file, a date as its serial.
func (c *Column) parse(raw string, regions regionIndex) (string, *cellError) {
	s := strings.TrimSpace(raw)
	if s == "" {
		if c.Required {
			return "", badCell(profile.CodeRequired, "is required", "必填，不能为空")
		}
		return "", nil
	}
	switch c.Kind {
	case KindText:
		return s, nil
	case KindCode:
		return strings.ToUpper(strings.Join(strings.Fields(s), "")), nil
	case KindRegion:
		if code, ok := regions.byText[s]; ok {
			return code, nil
		}
		return "", badCell(profile.CodeUnknownValue,
			fmt.Sprintf("%q is not one of the regions that may be imported here", s),
			fmt.Sprintf("“%s”不是可导入的区县（市），请从下拉列表选择", s))
	case KindEnum:
		if o, ok := optionByText(c.Options, s); ok {
			return o.Value, nil
		}
		return "", unknownOption(s, c.Options)
	case KindBool:
		switch strings.ToUpper(s) {
		case "是", "Y", "YES", "TRUE", "1":
			return "true", nil
		case "否", "N", "NO", "FALSE", "0":
			return "false", nil
		}
		return "", badCell(profile.CodeFormat, fmt.Sprintf("%q is not 是 or 否", s), fmt.Sprintf("“%s”应为“是”或“否”", s))
	case KindDate:
		return parseDate(s)
	case KindBanDate:
		if s == noneText {
			return "null", nil
		}
		return parseDate(s)
	case KindInt, KindYear:
		r, ok := profile.ParseNumber(s)
		if !ok || !r.IsInt() || !r.Num().IsInt64() {
			return "", badCell(profile.CodeFormat, fmt.Sprintf("%q is not a whole number", s), fmt.Sprintf("“%s”应为整数", s))
		}
		n := r.Num().Int64()
		if c.Kind == KindYear && (n < profile.MinYear || n > profile.MaxYear) {
			return "", badCell(profile.CodeRange,
				fmt.Sprintf("%d is not a year from %d to %d", n, profile.MinYear, profile.MaxYear),
				fmt.Sprintf("%d 不是 %d–%d 之间的四位年份", n, profile.MinYear, profile.MaxYear))
		}
		return strconv.FormatInt(n, 10), nil
	case KindMoney, KindScore:
		d, err := profile.ParseAmount(s)
		switch {
		case errors.Is(err, profile.ErrNotNumber):
			return "", badCell(profile.CodeFormat, fmt.Sprintf("%q is not a number", s), fmt.Sprintf("“%s”不是数字", s))
		case err != nil:
			return "", badCell(profile.CodeFormat, fmt.Sprintf("%s has more than 4 decimal places or is too large", s),
				fmt.Sprintf("%s 最多保留 4 位小数且不超过 14 位整数", s))
		}
		return d.String(), nil
	case KindPercent:
		return parsePercent(s)
	case KindDomains:
		if s == noneText {
			return noneSet, nil
		}
		var vals []string
		for _, part := range strings.FieldsFunc(s, isListSep) {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			o, ok := optionByText(c.Options, part)
			if !ok {
				return "", unknownOption(part, c.Options)
			}
			vals = append(vals, o.Value)
		}
		return strings.Join(vals, ","), nil
	}
	panic("xlsx: column of unknown kind")
}

func isListSep(r rune) bool { return strings.ContainsRune("、,，;；\n", r) }

func unknownOption(s string, opts []Option) *cellError {
	ls := labels(opts)
	return badCell(profile.CodeUnknownValue,
		fmt.Sprintf("unknown value %q; allowed: %s", s, strings.Join(ls, ", ")),
		fmt.Sprintf("未知取值“%s”，可选：%s", s, strings.Join(ls, "、")))
}

// parsePercent reads a share by profile.ParseShare's rule (12%, 0.12 and 12
// are all 12 %), stated in 填写说明.
func parsePercent(s string) (string, *cellError) {
	d, err := profile.ParseShare(s)
	switch {
	case errors.Is(err, profile.ErrNotNumber):
		return "", badCell(profile.CodeFormat, fmt.Sprintf("%q is not a percentage such as 12%%, 0.12 or 12", s),
			fmt.Sprintf("“%s”不是百分数，应填写如 12%%、0.12 或 12", s))
	case errors.Is(err, profile.ErrShareRange):
		return "", badCell(profile.CodeRange, fmt.Sprintf("%s is not between 0%% and 100%%", s),
			fmt.Sprintf("%s 应在 0%% 到 100%% 之间", s))
	case err != nil:
		return "", badCell(profile.CodeFormat, fmt.Sprintf("%s has more than 2 decimal places as a percentage", s),
			fmt.Sprintf("%s 作为百分数最多保留 2 位小数", s))
	}
	return d.String(), nil
}

// parseDate reads an Excel date serial (the stored form of a date cell) or a
// text date YYYY-MM-DD; / and . are accepted as separators and months and
// days may have one digit.
func parseDate(s string) (string, *cellError) {
	bad := badCell(profile.CodeFormat, fmt.Sprintf("%q is not a date; write YYYY-MM-DD", s),
		fmt.Sprintf("“%s”不是日期，请按 YYYY-MM-DD 填写，如 2024-03-18", s))
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// Serial 1 is 1900-01-01; anything below 1 or with a time of day
		// left over is not a date a user typed.
		if f < 1 || f != math.Trunc(f) || f > 2958465 {
			return "", bad
		}
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return "", bad
		}
		return t.Format(time.DateOnly), nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 || len(parts[0]) != 4 {
		return "", bad
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 {
			return "", bad
		}
		n[i] = v
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return "", bad
	}
	return t.Format(time.DateOnly), nil
}

// excelEpoch is day 0 of the 1900 date system as Excel counts it (Excel's
// phantom 1900-02-29 puts serial 61 at 1900-03-01).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func dateSerial(d profile.Date) int64 {
	t := time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC)
	return int64(t.Sub(excelEpoch).Hours() / 24)
}

// value turns the text GetPath returns into the cell written on export:
// numbers as numbers, dates as date serials, codes as their labels.
func (c *Column) value(s string, regions regionIndex) any {
	switch c.Kind {
	case KindRegion:
		if name, ok := regions.names[s]; ok {
			return name
		}
		return s
	case KindEnum, KindBool:
		return optionLabel(c.Options, s)
	case KindDate, KindBanDate:
		if s == "null" {
			return noneText
		}
		d, err := profile.ParseDate(s)
		if err != nil || d.Y < 1900 {
			return s
		}
		return dateSerial(d)
	case KindInt, KindYear:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	case KindMoney, KindScore, KindPercent:
		// A float64 holds every decimal of up to 15 significant digits
		// exactly enough that its shortest form, which is what the file
		// stores, is the decimal itself.
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	}
	return s
}
