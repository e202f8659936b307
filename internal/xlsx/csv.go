package xlsx

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"zjtx/internal/auth"
	"zjtx/internal/profile"
)

// Limits of a CSV population upload (ImportCSV). A population of 100,000
// enterprises with three data years is 300,000 lines of about 150 bytes:
// some 45 MB.
const (
	MaxCSVSize    = 128 << 20 // bytes
	MaxCSVLines   = 1_000_000 // data lines
	MaxCSVColumns = 200
	MaxCSVCell    = 1000 // characters of one cell
)

// SheetCSV is the "sheet" of the errors of a CSV upload.
const SheetCSV = "CSV"

// ImportCSV reads a population as CSV (UTF-8, a BOM allowed) in the import
// template's columns: the header holds the headers of both sheets (企业 and
// 年度数据; 统一社会信用代码 once), and each line is one enterprise's data
// year. The enterprise cells are read from the first line of each USCC;
// later lines of the same USCC may leave them blank. Every cell is read as
// Import reads it, and every problem is reported with its line (the header
// being line 1) and column on sheet SheetCSV; an enterprise with any error
// is not imported. The error is for a file that cannot be read as CSV at
// all or breaks a limit.
func ImportCSV(r io.Reader, regions []auth.Region) (*Result, error) {
	lr := &io.LimitedReader{R: r, N: MaxCSVSize + 1}
	br := bufio.NewReader(lr)
	if bom, _ := br.Peek(3); string(bom) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, invalid(fmt.Errorf("%w: no header line: %v", ErrNotTemplate, err), "CSV 文件没有表头行，请使用导入模板的列名")
	}
	if len(header) > MaxCSVColumns {
		return nil, invalid(fmt.Errorf("%w: %d columns, at most %d", ErrTooLarge, len(header), MaxCSVColumns),
			fmt.Sprintf("CSV 文件超过 %d 列", MaxCSVColumns))
	}
	im := &importer{res: &Result{}, regions: newRegionIndex(regions), byUSCC: map[string][]*entRow{},
		headers: map[string]map[string]string{SheetEnterprise: {}, SheetYears: {}}}
	entAt, yrAt := csvColumns(im, header)
	for _, need := range []struct{ sheet, path, header string }{{SheetEnterprise, "uscc", "统一社会信用代码"},
		{SheetEnterprise, "name", "企业名称"}, {SheetYears, pathYear, "年度"}} {
		if _, ok := im.headers[need.sheet][need.path]; !ok {
			return nil, invalid(fmt.Errorf("%w: no column %q", ErrNotTemplate, need.header),
				fmt.Sprintf("CSV 文件缺少「%s」列，请使用导入模板的列名", need.header))
		}
	}
	entCells := make([]string, len(enterpriseSheet)) // EnterpriseColumns lead enterpriseSheet
	yrCells := make([]string, len(YearColumns))
	lines := 0
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if lr.N <= 0 {
			return nil, invalid(fmt.Errorf("%w: more than %d MiB", ErrTooLarge, MaxCSVSize>>20),
				fmt.Sprintf("文件超过 %d MB，请分批导入", MaxCSVSize>>20))
		}
		if err != nil {
			return nil, invalid(fmt.Errorf("xlsx: CSV line %d: %v", line, err), fmt.Sprintf("CSV 文件第 %d 行无法读取（引号或分隔符有误）", line))
		}
		if lines++; lines > MaxCSVLines {
			return nil, invalid(fmt.Errorf("%w: more than %d lines", ErrTooLarge, MaxCSVLines), fmt.Sprintf("CSV 文件超过 %d 行，请分批导入", MaxCSVLines))
		}
		if im.csvLine(line, rec, entAt, yrAt, entCells, yrCells) {
			continue
		}
	}
	im.join()
	im.finish()
	for i := range im.res.Errors {
		im.res.Errors[i].Sheet = SheetCSV
	}
	return im.res, nil
}

// csvColumns maps the header onto both tables: at[j] is the table index of
// file column j, or −1.
func csvColumns(im *importer, header []string) (entAt, yrAt []int) {
	entAt, yrAt = make([]int, len(header)), make([]int, len(header))
	index := func(table []Column) map[string]int {
		m := map[string]int{}
		for i, c := range table {
			if !c.ExportOnly {
				m[normHeader(c.Header)] = i
			}
		}
		return m
	}
	ents, yrs := index(EnterpriseColumns), index(YearColumns)
	for j, h := range header {
		n := normHeader(h)
		entAt[j], yrAt[j] = -1, -1
		if i, ok := ents[n]; ok {
			entAt[j] = i
			im.headers[SheetEnterprise][EnterpriseColumns[i].Path] = strings.TrimSpace(h)
		}
		if i, ok := yrs[n]; ok {
			yrAt[j] = i
			im.headers[SheetYears][YearColumns[i].Path] = strings.TrimSpace(h)
		}
		if entAt[j] < 0 && yrAt[j] < 0 && n != "" && n != ErrorHeader {
			im.res.Ignored = append(im.res.Ignored, SheetCSV+"!"+strconv.Itoa(j+1)+" "+strings.TrimSpace(h))
		}
	}
	return entAt, yrAt
}

// csvLine reads one line: the enterprise row for a USCC not seen before,
// and the year row. It reports whether the line was blank.
func (im *importer) csvLine(line int, rec []string, entAt, yrAt []int, entCells, yrCells []string) bool {
	clear(entCells)
	clear(yrCells)
	blank := true
	for j, v := range rec {
		if j >= len(entAt) || strings.TrimSpace(v) == "" {
			continue
		}
		blank = false
		if utf8.RuneCountInString(v) > MaxCSVCell {
			im.add(SheetYears, line, "", profile.CodeFormat, fmt.Sprintf("column %d is longer than %d characters", j+1, MaxCSVCell),
				fmt.Sprintf("第 %d 列超过 %d 个字符", j+1, MaxCSVCell), false)
			v = ""
		}
		if entAt[j] >= 0 {
			entCells[entAt[j]] = v
		}
		if yrAt[j] >= 0 {
			yrCells[yrAt[j]] = v
		}
	}
	if blank {
		return true
	}
	uscc, _ := YearColumns[yearUSCC].parse(yrCells[yearUSCC], im.regions)
	if uscc == "" || len(im.byUSCC[uscc]) == 0 {
		im.readEnterpriseRow(line, entCells)
	}
	if strings.TrimSpace(yrCells[yearColumn]) == "" {
		return false // enterprise facts alone
	}
	im.res.Counts.YearRows++
	im.readYearRow(line, yrCells)
	return false
}

// yearColumn is the index of the 年度 column of YearColumns.
var yearColumn = slices.IndexFunc(YearColumns, func(c Column) bool { return c.Path == pathYear })

// AnnotateCSV writes the CSV upload again with a last column 错误原因 that
// says, on each line with a problem, every problem of the line in Chinese
// (the English is in the Result), so the file can be corrected and
// uploaded again. An existing 错误原因 column is replaced.
func AnnotateCSV(w io.Writer, original []byte, res *Result) error {
	byLine := map[int][]string{}
	for _, e := range res.Errors {
		msg := e.MessageZH
		if e.Column != "" {
			msg = "「" + e.Column + "」" + msg
		}
		byLine[e.Row] = append(byLine[e.Row], msg)
	}
	b := original
	if strings.HasPrefix(string(b), "\uFEFF") {
		b = b[3:]
	}
	cr := csv.NewReader(strings.NewReader(string(b)))
	cr.FieldsPerRecord = -1
	if _, err := io.WriteString(w, "\uFEFF"); err != nil { // Excel opens UTF-8 CSV by its BOM
		return err
	}
	cw := csv.NewWriter(w)
	errCol := -1
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("xlsx: annotate CSV line %d: %w", line, err)
		}
		if line == 1 {
			errCol = slices.IndexFunc(rec, func(h string) bool { return normHeader(h) == ErrorHeader })
		}
		if errCol >= 0 && errCol < len(rec) {
			rec = slices.Delete(rec, errCol, errCol+1)
		}
		cell := ErrorHeader
		if line > 1 {
			cell = strings.Join(byLine[line], "；")
		}
		if err := cw.Write(append(rec, cell)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
