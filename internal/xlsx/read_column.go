package xlsx

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"
)

// ReadColumn returns the cells below the header of one column of a sheet, ""
// for rows that end before it: how a test or a check reads back what an
// export or an annotated workbook holds.
func ReadColumn(data []byte, sheet, header string) ([]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("xlsx: not a workbook: %w", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		return nil, fmt.Errorf("xlsx: sheet %s: %v", sheet, err)
	}
	col := slices.Index(rows[0], header)
	if col < 0 {
		return nil, fmt.Errorf("xlsx: sheet %s has no column %s: %v", sheet, header, rows[0])
	}
	out := make([]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		v := ""
		if col < len(r) {
			v = r[col]
		}
		out = append(out, v)
	}
	return out, nil
}
