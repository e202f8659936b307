package xlsx

import (
	"fmt"
	"io"
	"iter"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
)

// Export writes an enterprise list as a workbook with the template's sheets
// and columns, so that an export can be edited and imported again, plus the
// export-only columns (区县代码, 当前有效梯度称号 and, on 年度数据, 企业名称),
// which Import ignores.
//
// Records are read one at a time and written through excelize's stream
// writer, which spills to temporary files: memory stays bounded whatever the
// number of records. An error from the sequence stops the export and is
// returned. regions give the names of the region codes; a code not among them
// is written as the code.
//
// The sheets carry what the columns carry: one title (the highest), the
// 高新技术企业 honour's end date, and no IP, awards, R&D institutions,
// standards or 创客中国 placings; those travel in the profile JSON.
func Export(w io.Writer, records iter.Seq2[*enterprise.Record, error], regions []auth.Region) error {
	b, err := newBook(regions, nil, true)
	if err != nil {
		return err
	}
	for rec, err := range records {
		if err == nil {
			err = b.writeRecord(rec)
		}
		if err != nil {
			b.close()
			return fmt.Errorf("xlsx: export: %w", err)
		}
	}
	if err := b.finish(w); err != nil {
		return fmt.Errorf("xlsx: export: %w", err)
	}
	return nil
}

// Records returns the records of a slice as a sequence for Export.
func Records(rs []*enterprise.Record) iter.Seq2[*enterprise.Record, error] {
	return func(yield func(*enterprise.Record, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}
