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

func table(w io.Writer, sheet string, cols []TableColumn, rows iter.Seq2[[]any, error]) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
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
	for row, err := range rows {
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
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
