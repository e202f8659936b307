package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// MaxAnnotated is the largest unpacked size of the worksheets and shared
// strings of a file Annotate writes back: about 6,000 enterprises with every
// column filled and a year each, many more as a first filling leaves them.
const MaxAnnotated = 16 << 20

// ErrNotAnnotated is Annotate's answer for a file over MaxAnnotated.
var ErrNotAnnotated = errors.New("xlsx: the workbook is too large to annotate")

// sheetBytes returns the unpacked size of the parts excelize holds whole
// to write a workbook back; 0 for a file that is not a zip.
func sheetBytes(data []byte) int64 {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	var n int64
	for _, f := range zr.File {
		if bulkPart(f.Name) {
			n += int64(f.UncompressedSize64)
		}
	}
	return n
}

// ErrorList writes the problems of res as a workbook of one sheet, 错误原因,
// a row per problem (工作表, 行, 列, 错误原因): what a user gets instead of
// the annotated file when that would be too large. It is streamed, so it
// costs a row at a time.
func ErrorList(w io.Writer, res *Result) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", ErrorHeader); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(ErrorHeader)
	if err != nil {
		return err
	}
	for i, width := range []float64{10, 8, 24, 80} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetRow("A1", []any{"工作表", "行", "列", ErrorHeader}); err != nil {
		return err
	}
	for i, e := range res.Errors {
		msg := e.MessageZH
		if e.Warning {
			msg = "（提示）" + msg
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), []any{e.Sheet, e.Row, e.Column, msg}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: error list: %w", err)
	}
	return nil
}

// redFill is the light red of a row with errors (the "bad" fill of Excel's
// conditional formats).
const redFill = "FFC7CE"

// Annotate writes the uploaded workbook back with a 错误原因 column on each
// data sheet: every row with an error gets its messages there and a light red
// fill, so the user can fix the rows and upload the file again. Rows without
// errors are left as they were; an annotation left from an earlier round on a
// row that is now clean is removed with its fill. original is the file as
// uploaded, res what Import returned for it.
//
// Writing a workbook back, excelize holds its sheets whole in memory, some
// 30 times their unpacked size (a sheet of 10,000 full rows, 34 MB, took
// 350 MB): a file whose sheets unpack to more than MaxAnnotated is not
// annotated, Annotate returns ErrNotAnnotated, and ErrorList writes the
// problems as a list instead.
func Annotate(w io.Writer, original io.Reader, res *Result) error {
	data, err := readUpload(original, ImportLimits)
	if err != nil {
		return err
	}
	if sheetBytes(data) > MaxAnnotated {
		return ErrNotAnnotated
	}
	f, err := openUpload(data, ImportLimits)
	if err != nil {
		return err
	}
	defer f.Close()
	a := &annotator{f: f, filled: map[int]int{}, unfilled: map[int]int{}}
	for _, sheet := range []string{SheetEnterprise, SheetYears} {
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			continue
		}
		if err := a.sheet(sheet, res); err != nil {
			return fmt.Errorf("xlsx: annotate %s: %w", sheet, err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: annotate: %w", err)
	}
	return nil
}

type annotator struct {
	f        *excelize.File
	filled   map[int]int // style → the same style with the red fill
	unfilled map[int]int // style with the red fill → without
	msgStyle int
}

func (a *annotator) sheet(sheet string, res *Result) error {
	texts := map[int][]string{}
	bad := map[int]bool{}
	for _, e := range res.Errors {
		if e.Sheet != sheet {
			continue
		}
		if !e.Warning {
			bad[e.Row] = true
		}
		s := e.MessageZH
		if e.Column != "" {
			s = "「" + e.Column + "」" + s
		}
		if e.Warning {
			s = "（提示）" + s
		}
		texts[e.Row] = append(texts[e.Row], s)
	}
	errCol, width, stale, err := a.scan(sheet)
	if err != nil {
		return err
	}
	if len(bad) == 0 && len(stale) == 0 {
		return nil
	}
	f := a.f
	if err := a.styles(); err != nil {
		return err
	}
	head, _ := excelize.CoordinatesToCellName(errCol, 1)
	if err := f.SetCellStr(sheet, head, ErrorHeader); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, head, head, a.msgStyle); err != nil {
		return err
	}
	name, _ := excelize.ColumnNumberToName(errCol)
	if err := f.SetColWidth(sheet, name, name, 60); err != nil {
		return err
	}
	for row := range bad {
		cell, _ := excelize.CoordinatesToCellName(errCol, row)
		if err := f.SetCellStr(sheet, cell, strings.Join(texts[row], "；")); err != nil {
			return err
		}
		if err := a.restyle(sheet, row, width, a.filled, true); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, a.msgStyle); err != nil {
			return err
		}
	}
	for _, row := range stale {
		if bad[row] {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(errCol, row)
		if err := f.SetCellValue(sheet, cell, nil); err != nil {
			return err
		}
		if err := a.restyle(sheet, row, errCol, a.unfilled, false); err != nil {
			return err
		}
	}
	return nil
}

// scan finds the column of 错误原因 (an existing one, from an earlier round,
// or the one after the last header), the number of data columns, and the rows
// that carry an earlier annotation.
func (a *annotator) scan(sheet string) (errCol, width int, stale []int, err error) {
	rows, err := a.f.Rows(sheet)
	if err != nil {
		return 0, 0, nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return 1, 0, nil, rows.Error()
	}
	header, err := rows.Columns()
	if err != nil {
		return 0, 0, nil, err
	}
	for j, h := range header {
		if normHeader(h) == ErrorHeader && errCol == 0 {
			errCol = j + 1
		}
		if strings.TrimSpace(h) != "" {
			width = j + 1
		}
	}
	if errCol == 0 {
		errCol = width + 1
		return errCol, width, nil, rows.Error()
	}
	for row := 2; rows.Next(); row++ {
		cells, err := rows.Columns()
		if err != nil {
			return 0, 0, nil, err
		}
		if len(cells) >= errCol && strings.TrimSpace(cells[errCol-1]) != "" {
			stale = append(stale, row)
		}
	}
	return errCol, width, stale, rows.Error()
}

func (a *annotator) styles() error {
	if a.msgStyle != 0 {
		return nil
	}
	var err error
	a.msgStyle, err = a.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "9C0006"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{redFill}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	return err
}

// restyle gives cells 1…width of row the red fill (fill) or takes it away,
// keeping each cell's other formatting (number format, font, borders).
func (a *annotator) restyle(sheet string, row, width int, cache map[int]int, fill bool) error {
	for col := 1; col <= width; col++ {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		id, err := a.f.GetCellStyle(sheet, cell)
		if err != nil {
			return err
		}
		to, ok := cache[id]
		if !ok {
			st, err := a.f.GetStyle(id)
			if err != nil {
				return err
			}
			switch {
			case fill:
				st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{redFill}}
			case isRed(st.Fill):
				st.Fill = excelize.Fill{}
			default:
				cache[id] = id
				continue
			}
			if to, err = a.f.NewStyle(st); err != nil {
				return err
			}
			cache[id] = to
		}
		if to != id {
			if err := a.f.SetCellStyle(sheet, cell, cell, to); err != nil {
				return err
			}
		}
	}
	return nil
}

func isRed(fl excelize.Fill) bool {
	return fl.Type == "pattern" && len(fl.Color) > 0 && strings.HasSuffix(strings.ToUpper(fl.Color[0]), redFill)
}
