package web

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/review"
	"zjtx/internal/xlsx"
)

var findingColumns = []xlsx.TableColumn{
	{Header: "企业名称", Width: 36}, {Header: "统一社会信用代码", Width: 22}, {Header: "区县", Width: 12},
	{Header: "梯度", Width: 20}, {Header: "日期", Width: 12}, {Header: "数量", Width: 8}, {Header: "说明", Width: 70},
}

// reviewExport downloads the 回头看 of the page's area as one workbook for
// the review meeting: a summary sheet of the counts, then a sheet per check
// listing its enterprises.
func (w *Web) reviewExport(rw http.ResponseWriter, r *http.Request) {
	rv, err := w.loadReview(r, r.URL.Query().Get("region"))
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	sheets := []xlsx.Sheet{w.reviewSummarySheet(rv.Counts)}
	for _, ch := range cultivation.Checks {
		rows := w.findingRows(review.Of(rv.Found, ch, rv.Region))
		sheets = append(sheets, xlsx.Sheet{Name: cultivation.CheckZH[ch], Cols: findingColumns,
			Rows: func(yield func([]any, error) bool) {
				for _, f := range rows {
					if !yield([]any{f.Name, f.USCC, f.RegionName, f.TierName, f.DueText, f.Count, f.Note}, nil) {
						return
					}
				}
			}})
	}
	day := w.today().Format("20060102")
	name := "回头看-" + day + ".xlsx"
	if rv.Region != "" {
		name = w.region[rv.Region] + name
	}
	w.writeSheets(rw, r, &download{rw: rw, name: name, ascii: "zjtx-review-" + day + ".xlsx"}, sheets)
}

// reviewSummarySheet is the counts, a row per region, a column per check.
func (w *Web) reviewSummarySheet(counts []review.Counts) xlsx.Sheet {
	cols := []xlsx.TableColumn{{Header: "区域", Width: 16}}
	for _, ch := range cultivation.Checks {
		cols = append(cols, xlsx.TableColumn{Header: cultivation.CheckZH[ch], Width: 14})
	}
	cols = append(cols, xlsx.TableColumn{Header: "合计", Width: 10})
	var rows [][]any
	for _, row := range w.reviewRows(counts) {
		cells := []any{row.Name}
		for _, c := range row.Cells {
			cells = append(cells, c.N)
		}
		rows = append(rows, append(cells, row.Total))
	}
	return xlsx.Sheet{Name: "汇总", Cols: cols, Rows: sliceRows(rows)}
}
