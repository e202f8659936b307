package xlsxtest

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// SetCells returns the workbook with cells of one row set, found by their
// header on the sheet's first row; "" clears a cell. Values are written as
// text, as a user typing into a text-formatted cell leaves them.
func SetCells(t testing.TB, data []byte, sheet string, row int, cells map[string]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: no header: %v", sheet, err)
	}
	for h, v := range cells {
		col := slices.Index(rows[0], h)
		if col < 0 {
			t.Fatalf("%s: no column %s", sheet, h)
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, row)
		var val any = v
		if v == "" {
			val = nil
		}
		if err := f.SetCellValue(sheet, cell, val); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
