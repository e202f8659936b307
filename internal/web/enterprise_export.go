package web

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// enterpriseExport streams the enterprise list, with the list page's
// filters, as a workbook in the template's layout, so it can be edited and
// imported again. The store applies the caller's scope.
func (w *Web) enterpriseExport(rw http.ResponseWriter, r *http.Request) {
	f := w.listFilter(r.URL.Query())
	day := w.today().Format("20060102")
	d := &download{rw: rw, name: "企业名单-" + day + ".xlsx", ascii: "zjtx-enterprises-" + day + ".xlsx"}
	if err := xlsx.Export(d, w.store.EachEnterprise(r.Context(), f), w.regions); err != nil {
		if !d.started {
			httpx.Error(rw, r, err)
			return
		}
		w.log.ErrorContext(r.Context(), "excel export broke off", "err", err)
	}
}
