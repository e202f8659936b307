package web

import (
	"iter"
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/xlsx"
)

// backupColumns are the columns of a list's export.
var backupColumns = []xlsx.TableColumn{
	{Header: "企业名称", Width: 36},
	{Header: "统一社会信用代码", Width: 22},
	{Header: "区县（市）/开发区", Width: 16},
	{Header: "行业", Width: 28},
	{Header: "状态", Width: 10},
	{Header: "纳入原因", Width: 60},
	{Header: "纳入规则", Width: 36},
	{Header: "纳入人", Width: 16},
	{Header: "纳入时间", Width: 20},
	{Header: "最近评价结论", Width: 12},
	{Header: "状态说明", Width: 40},
}

// backupListExport streams a tier's list, with the page's filters and no
// pages, as a workbook. The store applies the caller's scope.
func (w *Web) backupListExport(rw http.ResponseWriter, r *http.Request) {
	tier, ok := pathTier(r)
	if !ok {
		tierNotFound(rw, r)
		return
	}
	f := w.backupFilter(tier, r.URL.Query())
	day := w.today().Format("20060102")
	d := &download{rw: rw, name: cultivation.TierName(tier) + "后备清单-" + day + ".xlsx", ascii: "zjtx-backup-" + tier + "-" + day + ".xlsx"}
	w.streamTable(rw, r, d, cultivation.TierName(tier)+"后备清单", backupColumns, w.backupCells(w.store.EachBackupEntry(r.Context(), f)))
}

// backupCells turns entries into the export's rows.
func (w *Web) backupCells(entries iter.Seq2[*cultivation.Entry, error]) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for e, err := range entries {
			if err != nil {
				yield(nil, err)
				return
			}
			outcome := "未评价"
			if e.Outcome != "" {
				outcome = enterprise.OutcomeLabel(enterprise.OutcomeOf(e.Outcome))
			}
			industry := e.Industry
			if n := enterprise.IndustryName(e.Industry); n != "" {
				industry += " " + n
			}
			if !yield([]any{e.Name, e.USCC, e.RegionName, industry, cultivation.StatusName(e.Status), e.Reason,
				w.ruleName(e.Source), e.AddedByName, e.Since.In(cst).Format("2006-01-02 15:04"), outcome, e.Note}, nil) {
				return
			}
		}
	}
}
