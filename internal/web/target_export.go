package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// targetExport downloads the year's targets page as a workbook: completion
// and forecast, the ranking, and the recommendation places of 强化结果运用.
func (w *Web) targetExport(rw http.ResponseWriter, r *http.Request) {
	year, err := w.targetYear(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	f, err := w.targetFigures(r, year)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	board := dashSection{Title: "目标完成与预测", Table: dashTable{Head: []string{"区域", "梯度", "目标", "已认定", "完成率", "预测"}}}
	for _, row := range w.boardRows(f.Rows) {
		for _, c := range row.Cells {
			board.Table.Rows = append(board.Table.Rows, []any{row.Name, tierNames[c.Tier], c.Target, c.Done, c.Rate, c.Forecast})
		}
	}
	rank := dashSection{Title: "完成率排名", Table: dashTable{Head: []string{"名次", "区县（市）", "目标", "已认定", "完成率"}}}
	for _, k := range f.Ranking {
		rank.Table.Rows = append(rank.Table.Rows, []any{k.Place, w.targetRegionName(k.Region), k.Target, k.Done, percent(k.Rate())})
	}
	q := f.Params.Quota
	quota := dashSection{Title: "推荐名额", Table: dashTable{Head: []string{"区县（市）", tierShort[q.Tier] + "目标",
		tierShort[q.BasisTier] + "目标", tierShort[q.BasisTier] + "已认定", "完成率", "基础名额", "增加", "档位", "推荐名额"}}}
	for _, a := range w.quotaRows(f.Alloc) {
		quota.Table.Rows = append(quota.Table.Rows, []any{a.Name, a.Target, a.BasisTarget, a.BasisDone, a.BasisRate, a.Base, a.Extra, a.Band, a.Places})
	}
	quota.Table.Rows = append(quota.Table.Rows, []any{"合计", "", "", "", "", "", "", "", f.Places})
	name := strconv.Itoa(year) + "年培育目标与推荐名额.xlsx"
	d := &download{rw: rw, name: name, ascii: "zjtx-targets-" + strconv.Itoa(year) + ".xlsx"}
	w.writeSheets(rw, r, d, sectionSheets([]dashSection{board, rank, quota}))
}
