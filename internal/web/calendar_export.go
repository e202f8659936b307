package web

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

var calendarColumns = []xlsx.TableColumn{
	{Header: "到期日", Width: 12}, {Header: "尚余天数", Width: 10}, {Header: "事项", Width: 26},
	{Header: "企业名称", Width: 36}, {Header: "区县", Width: 12}, {Header: "称号", Width: 24}, {Header: "说明", Width: 60},
}

// calendarExport downloads the calendar, with the page's filters, as a
// workbook.
func (w *Web) calendarExport(rw http.ResponseWriter, r *http.Request) {
	v, err := w.calendar(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	day := w.today().Format("20060102")
	d := &download{rw: rw, name: "动态管理日历-" + day + ".xlsx", ascii: "zjtx-calendar-" + day + ".xlsx"}
	err = xlsx.Table(d, "动态管理日历", calendarColumns, func(yield func([]any, error) bool) {
		for _, it := range v.Items {
			if !yield([]any{it.Due.String(), it.DaysLeft, it.KindName, it.EnterpriseName, it.RegionName, it.TierName, it.Note}, nil) {
				return
			}
		}
	})
	if err != nil && !d.started {
		httpx.Error(rw, r, err)
	}
}
