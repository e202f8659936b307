package xlsx

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// Limits of an import. A filled template of the city's few thousand
// enterprises is well under a megabyte; the limits keep a hostile file (a zip
// bomb, a million rows) from costing memory. Limits (guard.go) bounds the
// unpacked file.
const (
	MaxUploadSize = 32 << 20 // bytes of the .xlsx file
	MaxRows       = 100_000  // data rows per sheet
)

// Errors of a file that cannot be imported at all, for errors.Is. Import
// returns them inside an apperr.Error (EINVALID) whose message is Chinese
// and whose chain reads in English.
var (
	ErrNotWorkbook = errors.New("the file is not an Excel workbook (.xlsx)")
	ErrNotTemplate = errors.New("the workbook is not the enterprise import template")
	ErrTooLarge    = errors.New("the file is too large")
)

// Codes of row problems found by Import itself; the others are the codes of
// profile.FieldError.
const (
	CodeNoEnterprise = "no_enterprise" // a 年度数据 row whose USCC has no 企业 row
	CodeYearRows     = "year_rows"     // an enterprise rejected for errors in its 年度数据 rows
)

// RowError is one problem with one row: which sheet, which row (as Excel
// numbers it, the header being row 1), which column, and what, in English
// and Chinese. A warning does not stop the row from being imported.
type RowError struct {
	Sheet     string `json:"sheet"`
	Row       int    `json:"row"`
	Column    string `json:"column,omitempty"` // the header; "" for the row as a whole
	Path      string `json:"path,omitempty"`   // the profile path, when the problem is with one field
	Code      string `json:"code"`
	Message   string `json:"message"`    // English, without the location
	MessageZH string `json:"message_zh"` // Chinese, without the location
	Warning   bool   `json:"warning,omitempty"`
}

// Error returns the English message with its location.
func (e RowError) Error() string {
	loc := fmt.Sprintf("sheet %s row %d", e.Sheet, e.Row)
	if e.Column != "" {
		loc += " column " + e.Column
	}
	return loc + ": " + e.Message
}

// TextZH returns the Chinese message with its location:
// 企业表第 12 行「统一社会信用代码」：校验位错误…
func (e RowError) TextZH() string {
	s := fmt.Sprintf("%s表第 %d 行", e.Sheet, e.Row)
	if e.Column != "" {
		s += "「" + e.Column + "」"
	}
	if e.Warning {
		s += "（提示）"
	}
	return s + "：" + e.MessageZH
}

// Counts summarises an import.
type Counts struct {
	Enterprises int // non-blank rows of 企业
	YearRows    int // non-blank rows of 年度数据
	Imported    int // enterprises without errors, each with all its year rows
	Rejected    int // enterprise rows not imported
	ErrorRows   int // rows of either sheet with at least one error
	Warnings    int
}

// Result is what Import found.
type Result struct {
	// Records are the enterprises without errors, in sheet order: the
	// profile with its years, and the record fields the sheet carries
	// (USCC, Name, Region, Industry, Chain, Status). The store's Prepare
	// is still to be called.
	Records []*enterprise.Record
	// Errors are every problem, errors and warnings, ordered by sheet, row
	// and column.
	Errors []RowError
	// Ignored are headers that name no column, as "sheet!cell header".
	Ignored []string
	Counts  Counts

	// rows are the rows each record was read from, for Merge and Refuse.
	rows map[*enterprise.Record]*entRow
	// refused counts the records Refuse took back.
	refused int
}

// BadRows returns the rows with at least one error (not only warnings), by sheet.
func (r *Result) BadRows() map[string][]int {
	out := map[string][]int{}
	for _, e := range r.Errors {
		if e.Warning {
			continue
		}
		if rows := out[e.Sheet]; len(rows) == 0 || rows[len(rows)-1] != e.Row {
			out[e.Sheet] = append(rows, e.Row)
		}
	}
	return out
}

// Import reads a filled template. Each row of 企业 becomes a profile, joined
// with its 年度数据 rows by 统一社会信用代码; every cell is read by its
// column's kind and every assembled profile is checked with
// profile.Validate. A row with any error yields nothing, and an enterprise is
// imported only when its 企业 row and all its 年度数据 rows are clean.
// Blank cells are unknown, never zero; updating an enterprise on file, they
// leave its values as they are (Merge). An exported 企业 row carries the
// record's version (数据版本), which the store compares.
//
// regions are the regions the caller may import into: 所属区县 must name one
// of them (by name or code).
//
// The error is for a file that cannot be read as the template at all (not a
// workbook, no 企业 sheet, a missing key column, too large); problems with
// rows are in the Result.
func Import(r io.Reader, regions []auth.Region) (*Result, error) {
	data, err := readUpload(r, ImportLimits)
	if err != nil {
		return nil, err
	}
	return ImportBytes(data, regions, ImportLimits)
}

// ImportBytes is Import of a file already read, under lim: the public
// self-test reads its upload with SelfTestLimits.
func ImportBytes(data []byte, regions []auth.Region, lim Limits) (*Result, error) {
	f, err := openUpload(data, lim)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	im := &importer{res: &Result{}, regions: newRegionIndex(regions), byUSCC: map[string][]*entRow{}}
	if err := im.readEnterprises(f); err != nil {
		return nil, err
	}
	if err := im.readYears(f); err != nil {
		return nil, err
	}
	im.join()
	im.finish()
	return im.res, nil
}

func invalid(err error, zh string) error {
	return apperr.Wrap(fmt.Errorf("xlsx: %w", err), apperr.EINVALID, zh)
}

const notWorkbookZH = "文件不是 Excel 工作簿（.xlsx），请下载导入模板填写后上传"

// readUpload reads an upload, up to one byte past lim.File so that Check
// can tell a file over the limit.
func readUpload(r io.Reader, lim Limits) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.File+1))
	if err != nil {
		return nil, apperr.Wrap(fmt.Errorf("xlsx: read the upload: %w", err), apperr.EINVALID, "无法读取上传的文件")
	}
	return data, nil
}

// openReader reads an upload within lim and opens it (openUpload).
func openReader(r io.Reader, lim Limits) (*excelize.File, error) {
	data, err := readUpload(r, lim)
	if err != nil {
		return nil, err
	}
	return openUpload(data, lim)
}

// openUpload checks an upload against lim and opens it as a workbook.
// Worksheets and shared strings larger than unzipXMLInMemory are left by
// excelize in temporary files and streamed from there.
func openUpload(data []byte, lim Limits) (*excelize.File, error) {
	if len(data) == 0 {
		return nil, invalid(fmt.Errorf("%w: the file is empty", ErrNotWorkbook), notWorkbookZH)
	}
	if err := Check(data, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.Unzipped, UnzipXMLSizeLimit: min(unzipXMLInMemory, lim.Unzipped)})
	if err != nil {
		return nil, invalid(fmt.Errorf("%w: %v", ErrNotWorkbook, err), notWorkbookZH)
	}
	return f, nil
}

type entRow struct {
	row   int
	rec   *enterprise.Record
	bad   bool
	years []*yearRow
	// filled marks the columns of enterpriseSheet whose cell is not blank:
	// what an update changes (Merge).
	filled []bool
	// failed holds the paths whose cell could not be read, so that
	// Validate's complaint about the same field ("required") is not
	// reported twice.
	failed map[string]bool
}

type yearRow struct {
	row    int
	uscc   string
	year   int
	y      *profile.Year
	bad    bool
	failed map[string]bool
	filled []bool // of YearColumns, as entRow.filled
}

// filledCells marks the cells of a row that are not blank (scan leaves
// blank cells "").
func filledCells(cells []string) []bool {
	out := make([]bool, len(cells))
	for i, v := range cells {
		out[i] = v != ""
	}
	return out
}

type importer struct {
	res     *Result
	regions regionIndex
	ents    []*entRow
	byUSCC  map[string][]*entRow
	yrs     []*yearRow
	// headers are the file's own header texts, by sheet and column path.
	headers map[string]map[string]string
}

func (im *importer) add(sheet string, row int, path, code, en, zh string, warning bool) {
	col := im.headers[sheet][path]
	im.res.Errors = append(im.res.Errors, RowError{Sheet: sheet, Row: row, Column: col, Path: path,
		Code: code, Message: en, MessageZH: zh, Warning: warning})
}

// scan reads the header row of sheet, maps its columns onto table, and calls
// fn for every non-blank row with the cells in table order ("" for a column
// the file lacks). Columns named in need must be present.
func (im *importer) scan(f *excelize.File, sheet string, table []Column, need []string, fn func(row int, cells []string)) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return invalid(fmt.Errorf("%w: read sheet %s: %v", ErrNotTemplate, sheet, err), "无法读取「"+sheet+"」工作表")
	}
	defer rows.Close()
	if !rows.Next() {
		return invalid(fmt.Errorf("%w: sheet %s has no header row", ErrNotTemplate, sheet),
			"「"+sheet+"」工作表没有表头，请使用导入模板")
	}
	header, err := rows.Columns()
	if err != nil {
		return invalid(fmt.Errorf("%w: read sheet %s: %v", ErrNotTemplate, sheet, err), "无法读取「"+sheet+"」工作表")
	}
	byNorm := map[string]int{}
	for i, c := range table {
		byNorm[normHeader(c.Header)] = i
	}
	// at[j] is the table index of file column j, or -1.
	at := make([]int, len(header))
	seen := map[int]string{}
	if im.headers == nil {
		im.headers = map[string]map[string]string{}
	}
	im.headers[sheet] = map[string]string{}
	for j, h := range header {
		at[j] = -1
		n := normHeader(h)
		if n == "" || n == ErrorHeader {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		i, ok := byNorm[n]
		if !ok {
			im.res.Ignored = append(im.res.Ignored, sheet+"!"+cell+" "+strings.TrimSpace(h))
			continue
		}
		if prev, dup := seen[i]; dup {
			return invalid(fmt.Errorf("%w: sheet %s: column %q appears twice (%s and %s)", ErrNotTemplate, sheet, table[i].Header, prev, cell),
				fmt.Sprintf("「%s」工作表中「%s」列重复（%s 与 %s），请删除其中一列", sheet, table[i].Header, prev, cell))
		}
		seen[i] = cell
		if table[i].ExportOnly {
			continue
		}
		at[j] = i
		im.headers[sheet][table[i].Path] = strings.TrimSpace(h)
	}
	for _, path := range need {
		if _, ok := im.headers[sheet][path]; !ok {
			h := ""
			for _, c := range table {
				if c.Path == path {
					h = c.Header
				}
			}
			return invalid(fmt.Errorf("%w: sheet %s has no column %q", ErrNotTemplate, sheet, h),
				fmt.Sprintf("「%s」工作表缺少「%s」列，请使用导入模板", sheet, h))
		}
	}
	cells := make([]string, len(table))
	n := 0
	for row := 2; rows.Next(); row++ {
		raw, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return invalid(fmt.Errorf("%w: read sheet %s row %d: %v", ErrNotTemplate, sheet, row, err),
				fmt.Sprintf("无法读取「%s」工作表第 %d 行", sheet, row))
		}
		clear(cells)
		blank := true
		for j, v := range raw {
			if j < len(at) && at[j] >= 0 && strings.TrimSpace(v) != "" {
				cells[at[j]] = v
				blank = false
			}
		}
		if blank {
			continue
		}
		if n++; n > MaxRows {
			return tooLarge(fmt.Sprintf("sheet %s has more than %d rows", sheet, MaxRows),
				fmt.Sprintf("「%s」工作表超过 %d 行，请分批导入", sheet, MaxRows))
		}
		fn(row, cells)
	}
	if err := rows.Error(); err != nil {
		return invalid(fmt.Errorf("%w: read sheet %s: %v", ErrNotTemplate, sheet, err), "无法读取「"+sheet+"」工作表")
	}
	return nil
}

// readCells parses and stores the cells of one row; it reports each cell
// that cannot be read and returns the paths of those cells.
func (im *importer) readCells(sheet string, row int, table []Column, cells []string, rec *enterprise.Record, y string) map[string]bool {
	var failed map[string]bool
	fail := func(path, code, en, zh string) {
		if failed == nil {
			failed = map[string]bool{}
		}
		failed[path] = true
		im.add(sheet, row, path, code, en, zh, false)
	}
	for i := range table {
		c := &table[i]
		if c.Path == pathYear || c.ExportOnly {
			continue
		}
		v, ce := c.parse(cells[i], im.regions)
		if ce != nil {
			fail(c.Path, ce.code, ce.en, ce.zh)
			continue
		}
		if v == "" {
			continue
		}
		if err := c.set(rec, y, v); err != nil {
			fail(c.Path, profile.CodeFormat, err.Error(), fmt.Sprintf("“%s”格式不正确", strings.TrimSpace(cells[i])))
		}
	}
	return failed
}

func (im *importer) readEnterprises(f *excelize.File) error {
	if idx, _ := f.GetSheetIndex(SheetEnterprise); idx < 0 {
		return invalid(fmt.Errorf("%w: no sheet %s", ErrNotTemplate, SheetEnterprise),
			"工作簿中没有「"+SheetEnterprise+"」工作表，请使用导入模板")
	}
	return im.scan(f, SheetEnterprise, enterpriseSheet, []string{"uscc", "name"}, im.readEnterpriseRow)
}

// readEnterpriseRow reads the cells of one 企业 row, in enterpriseSheet
// order (a CSV line fills the EnterpriseColumns that lead it).
func (im *importer) readEnterpriseRow(row int, cells []string) {
	im.res.Counts.Enterprises++
	rec := &enterprise.Record{Profile: new(profile.Profile), Status: enterprise.StatusActive}
	e := &entRow{row: row, rec: rec, filled: filledCells(cells)}
	e.failed = im.readCells(SheetEnterprise, row, enterpriseSheet, cells, rec, "")
	e.bad = len(e.failed) > 0
	im.ents = append(im.ents, e)
	if u := rec.Profile.USCC; u != "" {
		im.byUSCC[u] = append(im.byUSCC[u], e)
	}
}

func (im *importer) readYears(f *excelize.File) error {
	if idx, _ := f.GetSheetIndex(SheetYears); idx < 0 {
		return nil // an import of enterprise facts alone
	}
	return im.scan(f, SheetYears, YearColumns, []string{"uscc", pathYear}, func(row int, cells []string) {
		im.res.Counts.YearRows++
		im.readYearRow(row, cells)
	})
}

// readYearRow reads the cells of one 年度数据 row (in YearColumns order).
func (im *importer) readYearRow(row int, cells []string) {
	yr := &yearRow{row: row, filled: filledCells(cells)}
	im.yrs = append(im.yrs, yr)
	var year string
	for i := range YearColumns {
		c := &YearColumns[i]
		if c.Path != pathYear {
			continue
		}
		v, ce := c.parse(cells[i], im.regions)
		if ce != nil {
			im.add(SheetYears, row, c.Path, ce.code, ce.en, ce.zh, false)
			yr.bad = true
			// Without the year no figure has a place, but the row
			// still belongs to its enterprise, which it keeps out.
			yr.uscc, _ = YearColumns[yearUSCC].parse(cells[yearUSCC], im.regions)
			return
		}
		year = v
		yr.year, _ = strconv.Atoi(v)
	}
	rec := &enterprise.Record{Profile: new(profile.Profile)}
	yr.failed = im.readCells(SheetYears, row, YearColumns, cells, rec, year)
	yr.bad = len(yr.failed) > 0
	yr.uscc = rec.Profile.USCC
	yr.y = rec.Profile.Years[yr.year]
	if yr.y == nil {
		yr.y = new(profile.Year) // a year with no figure yet: known to exist
	}
}

// yearUSCC is the index of the 统一社会信用代码 column of YearColumns.
var yearUSCC = slices.IndexFunc(YearColumns, func(c Column) bool { return c.Path == "uscc" })

func rowList(rows []int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r)
	}
	return strings.Join(s, "、")
}

// join checks the keys across rows (repeated USCCs, repeated years, years
// without an enterprise) and attaches the year rows to their enterprises.
func (im *importer) join() {
	for _, e := range im.ents {
		dups := im.byUSCC[e.rec.Profile.USCC]
		if len(dups) < 2 {
			continue
		}
		rows := make([]int, len(dups))
		for i, d := range dups {
			rows[i] = d.row
		}
		im.add(SheetEnterprise, e.row, "uscc", profile.CodeDuplicate,
			fmt.Sprintf("the code appears more than once in the file (rows %s)", rowList(rows)),
			fmt.Sprintf("统一社会信用代码在本文件中重复（第 %s 行）", rowList(rows)), false)
		e.bad = true
	}
	type key struct {
		uscc string
		year int
	}
	byKey := map[key][]*yearRow{}
	for _, yr := range im.yrs {
		if yr.y != nil && yr.uscc != "" {
			k := key{yr.uscc, yr.year}
			byKey[k] = append(byKey[k], yr)
		}
	}
	for _, yr := range im.yrs {
		if yr.uscc == "" {
			continue
		}
		if dups := byKey[key{yr.uscc, yr.year}]; yr.y != nil && len(dups) > 1 {
			rows := make([]int, len(dups))
			for i, d := range dups {
				rows[i] = d.row
			}
			im.add(SheetYears, yr.row, pathYear, profile.CodeDuplicate,
				fmt.Sprintf("year %d of this enterprise appears more than once (rows %s)", yr.year, rowList(rows)),
				fmt.Sprintf("同一企业的 %d 年度数据重复（第 %s 行）", yr.year, rowList(rows)), false)
			yr.bad = true
		}
		ents := im.byUSCC[yr.uscc]
		if len(ents) == 0 {
			im.add(SheetYears, yr.row, "uscc", CodeNoEnterprise,
				fmt.Sprintf("no row of sheet %s has the code %s", SheetEnterprise, yr.uscc),
				fmt.Sprintf("「%s」表中没有统一社会信用代码为 %s 的企业", SheetEnterprise, yr.uscc), false)
			yr.bad = true
			continue
		}
		ents[0].years = append(ents[0].years, yr)
	}
}

// finish assembles and validates each profile, decides which enterprises
// are imported and orders the problems.
func (im *importer) finish() {
	res := im.res
	for _, e := range im.ents {
		p := e.rec.Profile
		for _, yr := range e.years {
			if _, dup := p.Years[yr.year]; dup || yr.y == nil {
				continue // reported in join; the first row stands for the year
			}
			if p.Years == nil {
				p.Years = map[int]*profile.Year{}
			}
			p.Years[yr.year] = yr.y
		}
		im.validate(e)
		var badYears []int
		for _, yr := range e.years {
			if yr.bad {
				badYears = append(badYears, yr.row)
			}
		}
		if len(badYears) > 0 && !e.bad {
			im.add(SheetEnterprise, e.row, "", CodeYearRows,
				fmt.Sprintf("rows %s of sheet %s have errors; the enterprise is not imported", rowList(badYears), SheetYears),
				fmt.Sprintf("「%s」表第 %s 行有错误，本企业未导入", SheetYears, rowList(badYears)), false)
			e.bad = true
		}
		if e.bad || len(badYears) > 0 {
			continue
		}
		r := e.rec
		r.USCC, r.Name, r.Region, r.Industry = p.USCC, p.Name, p.Region, p.Industry
		res.Records = append(res.Records, r)
		if res.rows == nil {
			res.rows = map[*enterprise.Record]*entRow{}
		}
		res.rows[r] = e
	}
	res.tally()
}

// tally orders the problems by sheet, row and column and counts them.
func (res *Result) tally() {
	sheetRank := func(s string) int {
		if s == SheetEnterprise {
			return 0
		}
		return 1
	}
	colRank := func(e RowError) int {
		table := enterpriseSheet
		if e.Sheet == SheetYears {
			table = YearColumns
		}
		if e.Path == "" {
			return len(table) // the row as a whole: after its cells
		}
		return slices.IndexFunc(table, func(c Column) bool { return c.Path == e.Path })
	}
	slices.SortStableFunc(res.Errors, func(a, b RowError) int {
		return cmp.Or(cmp.Compare(sheetRank(a.Sheet), sheetRank(b.Sheet)), cmp.Compare(a.Row, b.Row), cmp.Compare(colRank(a), colRank(b)))
	})
	c := &res.Counts
	c.Imported = len(res.Records) - res.refused
	c.Rejected = c.Enterprises - c.Imported
	c.ErrorRows, c.Warnings = 0, 0
	for _, rows := range res.BadRows() {
		c.ErrorRows += len(rows)
	}
	for _, e := range res.Errors {
		if e.Warning {
			c.Warnings++
		}
	}
}

// validate checks the assembled profile and reports each problem on the row
// and in the column it comes from: a year's figures on its 年度数据 row,
// everything else on the 企业 row.
func (im *importer) validate(e *entRow) {
	for _, fe := range profile.Validate(e.rec.Profile) {
		sheet, row, failed, mark := SheetEnterprise, e.row, e.failed, &e.bad
		table := enterpriseSheet
		if y, ok := yearOf(fe.Path); ok {
			for _, yr := range e.years {
				if yr.year == y {
					sheet, row, failed, mark, table = SheetYears, yr.row, yr.failed, &yr.bad, YearColumns
					break
				}
			}
		}
		path := columnPath(table, fe.Path)
		if failed[path] {
			continue
		}
		en, zh := bareMessages(fe)
		im.add(sheet, row, path, fe.Code, en, zh, fe.Warning)
		if !fe.Warning {
			*mark = true
		}
	}
}

// yearOf returns Y of a path "years.Y…".
func yearOf(path string) (int, bool) {
	rest, ok := strings.CutPrefix(path, "years.")
	if !ok {
		return 0, false
	}
	ys, _, _ := strings.Cut(rest, ".")
	y, err := strconv.Atoi(ys)
	return y, err == nil
}

// columnPath returns the Path of the column of table that holds the field at
// the profile path p, or "" when no column does.
func columnPath(table []Column, p string) string {
	fi, ok := profile.Describe(p)
	if !ok {
		return ""
	}
	pat := fi.Pattern
	for {
		for _, c := range table {
			if c.Path == pat {
				return c.Path
			}
		}
		// product.domains[] is held by the column product.domains.
		trimmed, ok := strings.CutSuffix(pat, "[]")
		if !ok {
			return ""
		}
		pat = trimmed
	}
}

// bareMessages strips the path and field name that profile messages lead
// with: the row error names its column instead.
func bareMessages(fe profile.FieldError) (en, zh string) {
	en, zh = fe.Message, fe.MessageZH
	if fe.Path == "" {
		return en, zh
	}
	en = strings.TrimPrefix(en, fe.Path+": ")
	if rest, ok := strings.CutPrefix(zh, fe.Path); ok {
		if _, after, found := strings.Cut(rest, "："); found {
			zh = after
		}
	}
	return en, zh
}
