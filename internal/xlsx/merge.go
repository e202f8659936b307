package xlsx

import (
	"slices"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// Merge turns a record Import read for an enterprise already on file into
// the update of stored: a copy of the stored record with the filled cells of
// its rows written over it. A blank cell leaves the stored value as it is,
// so an import never turns a known value (a zero included) into an
// unknown; what the sheets do not carry (IP, awards, R&D institutions,
// standards, 创客中国 placings, other honours and titles, a honour's start,
// the years without a row) is kept. The merged profile is validated again:
// new figures may not fit the stored ones (主营业务收入 above 营业收入).
// It is the merge function of sqlstore's SaveEnterprises; a record Import
// did not return is left alone.
func (res *Result) Merge(imported, stored *enterprise.Record) error {
	e := res.rows[imported]
	if e == nil || stored == nil || stored.Profile == nil {
		return nil
	}
	merged := &enterprise.Record{Profile: stored.Profile.Clone(), Chain: stored.Chain, Status: stored.Status}
	overlay(enterpriseSheet, e.filled, imported, merged, "")
	for _, yr := range e.years {
		if merged.Profile.Years == nil {
			merged.Profile.Years = map[int]*profile.Year{}
		}
		if merged.Profile.Years[yr.year] == nil {
			merged.Profile.Years[yr.year] = new(profile.Year) // a row without figures: the year exists
		}
		overlay(YearColumns, yr.filled, imported, merged, strconv.Itoa(yr.year))
	}
	for _, fe := range profile.Validate(merged.Profile) {
		if !fe.Warning {
			return apperr.Errorf(apperr.EINVALID, "与平台上已有的数据合并后有误：%s", fe.MessageZH)
		}
	}
	imported.Profile, imported.Chain, imported.Status = merged.Profile, merged.Chain, merged.Status
	return nil
}

// overlay writes the filled cells of table, read into from, over to; y is
// the year of a 年度数据 row.
func overlay(table []Column, filled []bool, from, to *enterprise.Record, y string) {
	for i := range table {
		c := &table[i]
		if !filled[i] || c.ExportOnly || c.Hidden || c.Path == pathYear {
			continue
		}
		fp, tp := from.Profile, to.Profile
		switch {
		case c.Kind == KindDomains:
			// get returns the labels; the codes are copied as they are.
			if tp.Product == nil {
				tp.Product = new(profile.Product)
			}
			tp.Product.Domains = slices.Clone(fp.Product.Domains)
		case strings.HasPrefix(c.Path, "titles[]."):
			overlayTitle(c, fp, tp)
		default:
			if v, ok := c.get(from, y); ok {
				_ = c.set(to, y, v) // read by set from the same text on import
			}
		}
	}
}

// overlayTitle writes a title cell over the stored title of the same tier:
// the sheet's one title is the tier it names, not the stored highest.
func overlayTitle(c *Column, from, to *profile.Profile) {
	if len(from.Titles) == 0 {
		return
	}
	t := from.Titles[0]
	i := slices.IndexFunc(to.Titles, func(s profile.Title) bool { return s.Tier == t.Tier })
	if i < 0 {
		to.Titles = append(to.Titles, profile.Title{Tier: t.Tier})
		i = len(to.Titles) - 1
	}
	switch c.Path {
	case "titles[].recognized":
		to.Titles[i].Recognized = t.Recognized
	case "titles[].valid_to":
		to.Titles[i].ValidTo = t.ValidTo
	}
}

// Refuse reports the records the store did not write, by their index in
// Records, each on its 企业 row with the store's Chinese reason, and counts
// them as rejected; the annotated workbook then marks them as it marks
// rows with errors.
func (res *Result) Refuse(refused map[int]error) {
	for i, err := range refused {
		e := res.rows[res.Records[i]]
		if e == nil {
			continue
		}
		code := apperr.Code(err)
		res.Errors = append(res.Errors, RowError{Sheet: SheetEnterprise, Row: e.row, Code: code,
			Message: "not imported: " + code, MessageZH: apperr.Message(err)})
		res.refused++
	}
	res.tally()
}
