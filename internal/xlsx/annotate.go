package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// redFill is the light red of a row with errors (the "bad" fill of Excel's
// conditional formats).
const redFill = "FFC7CE"

// Annotate writes the uploaded workbook back with a 错误原因 column on each
// data sheet: every row with an error gets its messages there and a light red
// fill, so the user can fix the rows and upload the file again. Rows without
// errors are left as they were; an annotation left from an earlier round on a
// row that is now clean is removed with its fill. original is the file as
// uploaded, res what Import returned for it.
func Annotate(w io.Writer, original io.Reader, res *Result) error {
	data, err := readUpload(original, ImportLimits)
	if err != nil {
		return err
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
