package xlsx

import (
	"fmt"
	"io"
	"iter"

	"github.com/xuri/excelize/v2"
)

// TableColumn is a column of a plain table: its header and width.
type TableColumn struct {
	Header string
	Width  float64
}

// Table writes a workbook of one sheet: a bold header row that stays in view
// and the rows, each a cell per column (text, numbers, times). Rows are
// streamed through excelize's stream writer as Export's are, so a table of
// any length takes bounded memory. An error from rows stops the table and
// is returned; nothing has been written to w then.
func Table(w io.Writer, sheet string, cols []TableColumn, rows iter.Seq2[[]any, error]) error {
	if err := table(w, sheet, cols, rows); err != nil {
		return fmt.Errorf("xlsx: table %s: %w", sheet, err)
	}
	return nil
}

// Sheet is one sheet of a workbook of tables.
type Sheet struct {
	Name string
	Cols []TableColumn
	Rows iter.Seq2[[]any, error]
}

// Sheets writes a workbook of several plain tables, one sheet each, styled
// as Table's; a dashboard exports its sections so.
func Sheets(w io.Writer, sheets []Sheet) error {
	if err := writeSheets(w, sheets); err != nil {
		return fmt.Errorf("xlsx: sheets: %w", err)
	}
	return nil
}

func table(w io.Writer, sheet string, cols []TableColumn, rows iter.Seq2[[]any, error]) error {
	return writeSheets(w, []Sheet{{Name: sheet, Cols: cols, Rows: rows}})
}

func writeSheets(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.Name)
		} else {
			_, err = f.NewSheet(sh.Name)
		}
		if err != nil {
			return err
		}
		if err := writeSheet(f, sh, bold, wrap); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// writeSheet streams one sheet: a bold header row that stays in view, then
// the rows.
func writeSheet(f *excelize.File, sh Sheet, bold, wrap int) error {
	sw, err := f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	head := make([]any, len(sh.Cols))
	for i, c := range sh.Cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
		head[i] = excelize.Cell{StyleID: bold, Value: c.Header}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	n := 1
	for row, err := range sh.Rows {
		if err != nil {
			return err
		}
		n++
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = excelize.Cell{StyleID: wrap, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}
