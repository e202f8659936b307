package xlsx

import (
	"fmt"
	"slices"
)

// ReadColumn returns the cells below the header of one column of a sheet, ""
// for rows that end before it: how a test or a check reads back what an
// export or an annotated workbook holds. The file is checked against
// ImportLimits and read a row at a time.
func ReadColumn(data []byte, sheet, header string) ([]string, error) {
	f, err := openUpload(data, ImportLimits)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("xlsx: sheet %s: %w", sheet, err)
	}
	defer rows.Close()
	col := -1
	var out []string
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("xlsx: sheet %s: %w", sheet, err)
		}
		if col < 0 {
			if col = slices.Index(cells, header); col < 0 {
				return nil, fmt.Errorf("xlsx: sheet %s has no column %s: %v", sheet, header, cells)
			}
			continue
		}
		v := ""
		if col < len(cells) {
			v = cells[col]
		}
		out = append(out, v)
	}
	if col < 0 {
		return nil, fmt.Errorf("xlsx: sheet %s has no header row", sheet)
	}
	return out, rows.Error()
}
