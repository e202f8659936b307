package web

import (
	"iter"
	"net/http"
	"strings"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// auditColumns are the columns of the audit log's export.
var auditColumns = []xlsx.TableColumn{
	{Header: "时间", Width: 20},
	{Header: "操作人", Width: 22},
	{Header: "角色", Width: 14},
	{Header: "客户端地址", Width: 16},
	{Header: "操作", Width: 16},
	{Header: "对象", Width: 30},
	{Header: "区县", Width: 12},
	{Header: "变更内容", Width: 60},
	{Header: "操作组", Width: 10},
	{Header: "链序号", Width: 10},
	{Header: "哈希", Width: 66},
}

// auditExport streams the audit log, with the page's filters and no pages,
// as a workbook: one row per entry, named as on the page.
func (w *Web) auditExport(rw http.ResponseWriter, r *http.Request) {
	var v auditListView
	f := w.auditFilter(r.URL.Query(), &v)
	if len(v.Errors) > 0 {
		var fields []httpx.Field
		for name, msg := range v.Errors {
			fields = append(fields, httpx.Field{Path: name, Message: msg})
		}
		httpx.Error(rw, r, httpx.Invalid("查询条件有误", fields...))
		return
	}
	day := w.today().Format("20060102")
	d := &download{rw: rw, name: "操作日志-" + day + ".xlsx", ascii: "zjtx-audit-" + day + ".xlsx"}
	w.streamTable(rw, r, d, "操作日志", auditColumns, w.auditCells(w.store.EachAudit(r.Context(), f)))
}

// auditCells turns entries into the export's rows.
func (w *Web) auditCells(entries iter.Seq2[*auth.AuditEntry, error]) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for e, err := range entries {
			if err != nil {
				yield(nil, err)
				return
			}
			row := w.auditRowOf(e)
			region := row.RegionName
			if region == "" {
				region = e.Region
			}
			if !yield([]any{e.At.In(cst).Format("2006-01-02 15:04:05"), row.ActorText, row.RoleName, e.ClientAddr,
				row.ActionName, row.Object, region, strings.Join(row.Changes, "\n"), e.GroupID, e.Seq, e.Hash}, nil) {
				return
			}
		}
	}
}
