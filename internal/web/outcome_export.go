package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/xlsx"
)

var outcomeColumns = []xlsx.TableColumn{
	{Header: "服务机构", Width: 40}, {Header: "机构类型", Width: 14}, {Header: "推荐", Width: 8}, {Header: "已联系", Width: 8},
	{Header: "已签约", Width: 8}, {Header: "已交付", Width: 8}, {Header: "已评价", Width: 8}, {Header: "平均评分", Width: 10},
	{Header: "平均响应时长（小时）", Width: 20}, {Header: "补齐差距项", Width: 12}, {Header: "服务后晋升梯度", Width: 16},
}

// outcomeExport downloads the institutions' outcomes of a year, in the
// caller's scope, for the annual assessment (年度考核).
func (w *Web) outcomeExport(rw http.ResponseWriter, r *http.Request) {
	v, err := w.institutionPage(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	d := &download{rw: rw, name: fmt.Sprintf("服务机构年度考核-%d.xlsx", v.Year), ascii: fmt.Sprintf("zjtx-institution-outcomes-%d.xlsx", v.Year)}
	err = xlsx.Table(d, fmt.Sprintf("%d年度服务成效", v.Year), outcomeColumns, func(yield func([]any, error) bool) {
		for _, o := range v.Outcomes {
			if !yield([]any{o.Institution, o.KindText, o.Matches, o.Contacted, o.Signed, o.Delivered, o.Rated,
				fmt.Sprintf("%.1f", o.AvgScore), fmt.Sprintf("%.1f", o.ResponseHours), o.GapsClosed, o.TiersGained}, nil) {
				return
			}
		}
	})
	if err != nil && !d.started {
		httpx.Error(rw, r, err)
	}
}
