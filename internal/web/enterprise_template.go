package web

import (
	"bytes"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

// enterpriseTemplate sends the bulk-import template: the 企业 and 年度数据
// sheets with drop-downs, limited to the regions the caller may import into,
// for the last three data years.
func (w *Web) enterpriseTemplate(rw http.ResponseWriter, r *http.Request) {
	c, _ := httpx.Caller(r)
	y := w.today().Year()
	var buf bytes.Buffer
	if err := xlsx.Template(&buf, c.ManagedRegions(w.regions), []int{y - 3, y - 2, y - 1}); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	setAttachment(rw, xlsxType, "企业批量导入模板.xlsx", "zjtx-import-template.xlsx")
	_, _ = rw.Write(buf.Bytes())
}
