package web

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// dashboardExport downloads the home's sections as a workbook, a sheet per
// section, in the caller's scope: the numbers the charts show.
func (w *Web) dashboardExport(rw http.ResponseWriter, r *http.Request) {
	sections, err := w.dashboardSections(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	day := w.today().Format("20060102")
	d := &download{rw: rw, name: "梯度培育统计-" + day + ".xlsx", ascii: "zjtx-dashboard-" + day + ".xlsx"}
	w.writeSheets(rw, r, d, sectionSheets(sections))
}

// writeSheets writes a workbook of sheets to d; an error before the first
// byte is the error page.
func (w *Web) writeSheets(rw http.ResponseWriter, r *http.Request, d *download, sheets []xlsx.Sheet) {
	if err := xlsx.Sheets(d, sheets); err != nil && !d.started {
		httpx.Error(rw, r, err)
	}
}
