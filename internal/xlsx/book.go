package xlsx

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
)

// lastRow is the last row the template's validations cover: the whole sheet.
const lastRow = excelize.TotalRows

// book is a workbook being written: the template's layout with the two data
// sheets open as stream writers, so that an export of any size holds only a
// row at a time in memory (the stream writers spill to temporary files).
type book struct {
	f        *excelize.File
	regions  regionIndex
	entCols  []Column
	yearCols []Column
	ent, yr  *excelize.StreamWriter
	entRow   int
	yrRow    int
	entVals  []any
	yrVals   []any
	years    []int
}

// newBook lays out the workbook. With export, the export-only columns are
// included.
func newBook(regions []auth.Region, dataYears []int, export bool) (*book, error) {
	b := &book{f: excelize.NewFile(), regions: newRegionIndex(regions)}
	keep := func(c Column) bool { return export || !c.ExportOnly && !c.Hidden }
	for _, c := range enterpriseSheet {
		if keep(c) {
			b.entCols = append(b.entCols, c)
		}
	}
	for _, c := range YearColumns {
		if keep(c) {
			b.yearCols = append(b.yearCols, c)
		}
	}
	b.entVals = make([]any, len(b.entCols))
	b.yrVals = make([]any, len(b.yearCols))
	if err := b.layout(dataYears); err != nil {
		_ = b.f.Close()
		return nil, fmt.Errorf("xlsx: lay out the workbook: %w", err)
	}
	return b, nil
}

func (b *book) layout(dataYears []int) error {
	f := b.f
	if err := f.SetSheetName("Sheet1", SheetEnterprise); err != nil {
		return err
	}
	for _, name := range []string{SheetYears, SheetInstructions, SheetRegions} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := b.writeRegions(); err != nil {
		return err
	}
	if err := b.writeInstructions(dataYears); err != nil {
		return err
	}
	var err error
	if b.ent, err = b.dataSheet(SheetEnterprise, b.entCols, 2, dataYears); err != nil {
		return err
	}
	b.entRow = 1
	if b.yr, err = b.dataSheet(SheetYears, b.yearCols, 2, dataYears); err != nil {
		return err
	}
	b.yrRow = 1
	return nil
}

// dataSheet writes the header row of a data sheet, its column widths and
// formats, its drop-downs and checks, and freezes the header and the first
// frozenCols columns.
func (b *book) dataSheet(sheet string, cols []Column, frozenCols int, dataYears []int) (*excelize.StreamWriter, error) {
	f := b.f
	for i, c := range cols {
		if err := b.addValidation(sheet, i+1, c, dataYears); err != nil {
			return nil, fmt.Errorf("%s %s: %w", sheet, c.Header, err)
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
	})
	if err != nil {
		return nil, err
	}
	required, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "C00000"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
	})
	if err != nil {
		return nil, err
	}
	styles := map[Kind]int{}
	row := make([]any, len(cols))
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return nil, err
		}
		s, ok := styles[c.Kind]
		if !ok {
			if s, err = f.NewStyle(columnStyle(c.Kind)); err != nil {
				return nil, err
			}
			styles[c.Kind] = s
		}
		if err := sw.SetColStyle(i+1, i+1, s); err != nil {
			return nil, err
		}
		if c.Hidden {
			if err := sw.SetColVisible(i+1, i+1, false); err != nil {
				return nil, err
			}
		}
		h := header
		if c.Required {
			h = required
		}
		row[i] = excelize.Cell{StyleID: h, Value: c.Header}
	}
	top, _ := excelize.CoordinatesToCellName(frozenCols+1, 2)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: frozenCols, YSplit: 1, TopLeftCell: top, ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 36}); err != nil {
		return nil, err
	}
	return sw, nil
}

// columnStyle is the number format of a column's cells: text for codes so
// that Excel keeps them as typed, dates as YYYY-MM-DD, money with up to four
// decimals, shares as percentages.
func columnStyle(k Kind) *excelize.Style {
	text, date, money := "@", "yyyy-mm-dd", "#,##0.00##"
	switch k {
	case KindText, KindCode:
		return &excelize.Style{CustomNumFmt: &text}
	case KindDate, KindBanDate:
		return &excelize.Style{CustomNumFmt: &date}
	case KindMoney:
		return &excelize.Style{CustomNumFmt: &money}
	case KindInt, KindYear:
		return &excelize.Style{NumFmt: 1}
	case KindPercent:
		return &excelize.Style{NumFmt: 10}
	}
	return &excelize.Style{}
}

// addValidation adds the drop-down or check of one column. Lists stop a
// wrong entry; numeric checks only warn, because Import reads more forms
// than Excel's checks know (12% typed as text, dates as text).
func (b *book) addValidation(sheet string, col int, c Column, dataYears []int) error {
	name, _ := excelize.ColumnNumberToName(col)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", name, name, lastRow))
	stop := excelize.DataValidationErrorStyleStop
	warn := excelize.DataValidationErrorStyleWarning
	var err error
	switch {
	case c.ExportOnly || c.Hidden:
		return nil
	case c.Kind == KindRegion:
		if len(b.regions.list) == 0 {
			return nil
		}
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", SheetRegions, len(b.regions.list)+1))
		dv.SetError(stop, c.Header, "请从下拉列表选择区县（市）")
	case c.Kind == KindYear && len(dataYears) > 0:
		ys := make([]string, len(dataYears))
		for i, y := range dataYears {
			ys[i] = strconv.Itoa(y)
		}
		err = dv.SetDropList(ys)
		dv.SetError(warn, c.Header, "本次填报的数据年度为 "+strings.Join(ys, "、"))
	case c.Options != nil && c.Kind != KindDomains:
		err = dv.SetDropList(labels(c.Options))
		dv.SetError(stop, c.Header, "请从下拉列表选择："+strings.Join(labels(c.Options), "、"))
	case c.Kind == KindDate:
		err = dv.SetRange(1, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		dv.SetError(warn, c.Header, "请填写日期，格式 YYYY-MM-DD，如 2024-03-18")
	case c.Kind == KindCode && c.Path == "uscc":
		err = dv.SetRange(18, 18, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorEqual)
		dv.SetError(warn, c.Header, "统一社会信用代码应为 18 位")
	case c.Min != nil || c.Max != nil:
		t := excelize.DataValidationTypeDecimal
		if c.Kind == KindInt || c.Kind == KindYear {
			t = excelize.DataValidationTypeWhole
		}
		switch {
		case c.Min != nil && c.Max != nil:
			err = dv.SetRange(*c.Min, *c.Max, t, excelize.DataValidationOperatorBetween)
			dv.SetError(warn, c.Header, fmt.Sprintf("应在 %g 到 %g 之间", *c.Min, *c.Max))
		default:
			err = dv.SetRange(*c.Min, 0, t, excelize.DataValidationOperatorGreaterThanOrEqual)
			dv.SetError(warn, c.Header, fmt.Sprintf("不能小于 %g", *c.Min))
		}
	default:
		return nil
	}
	if err != nil {
		return err
	}
	return b.f.AddDataValidation(sheet, dv)
}

func (b *book) writeRegions() error {
	f := b.f
	rows := [][]any{{"区县（市）", "代码"}}
	for _, r := range b.regions.list {
		rows = append(rows, []any{r.Name, r.Code})
	}
	for i, r := range rows {
		if err := f.SetSheetRow(SheetRegions, "A"+strconv.Itoa(i+1), &r); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetRegions, "A1", "B1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(SheetRegions, "A", "A", 28); err != nil {
		return err
	}
	return f.SetColWidth(SheetRegions, "B", "B", 10)
}

// kindRule says in words what a column accepts.
func kindRule(c Column) string {
	switch c.Kind {
	case KindText:
		return "文本"
	case KindCode:
		return "文本，字母大写"
	case KindRegion:
		return "从下拉列表选择区县（市）名称，导入时换算为代码"
	case KindEnum:
		return "从下拉列表选择：" + strings.Join(labels(c.Options), "、")
	case KindBool:
		return "从下拉列表选择：是、否"
	case KindDate:
		return "日期，YYYY-MM-DD"
	case KindBanDate:
		return "“无”，或日期 YYYY-MM-DD"
	case KindInt:
		return "整数"
	case KindYear:
		return "四位年份"
	case KindMoney:
		return "数字，单位万元，最多 4 位小数"
	case KindScore:
		return "数字，最多 4 位小数"
	case KindPercent:
		return "百分数"
	case KindDomains:
		return "多选，可选：" + strings.Join(labels(c.Options), "、")
	}
	return ""
}

// instructions are the general rules of 填写说明; the column rules follow.
var instructions = []string{
	"1. 「企业」表每家企业填一行；「年度数据」表每家企业每个年度填一行，按统一社会信用代码与「企业」表对应。",
	"2. 金额单位为万元，人数单位为人；数字最多保留 4 位小数。",
	"3. 日期可填 Excel 日期或文本 YYYY-MM-DD（如 2024-03-18）。",
	"4. 空白表示未知（缺数据），不是 0；数值为 0 的请填 0。评价时，未知的指标记为“缺数据”，不按不达标处理。更新平台上已有的企业时，空白表示该项不修改。",
	"5. 全国细分市场占有率：填 12%、0.12 或 12 均表示 12%。带 % 的按百分数读；不大于 1 的数按比例读（0.5 即 50%，1 即 100%）；大于 1 的数按百分数读。1% 请填 1% 或 0.01。",
	"6. 红色表头为必填列。第一行表头请勿修改；列的顺序可以调整，无法识别的列在导入时忽略。",
	"7. 一行中有任何错误，该行不导入；「年度数据」有错误的企业整体不导入。导入后可下载标注了「错误原因」的文件，修改标红的行后重新上传。",
	"8. 同一文件中统一社会信用代码不得重复；「年度数据」中同一企业同一年度只能有一行。",
	"9. 修改平台上已有的企业，请先导出最新名单，在导出的文件上修改后导入：导出的每一行带有隐藏的「数据版本」列。导出后平台上已被修改的企业不会被覆盖，该行标注为冲突；本模板（没有数据版本）只能新增企业。",
}

func (b *book) writeInstructions(dataYears []int) error {
	f, sh := b.f, SheetInstructions
	lines := [][]any{{"企业批量导入模板 · 填写说明"}}
	for _, l := range instructions {
		lines = append(lines, []any{l})
	}
	if len(dataYears) > 0 {
		ys := slices.Clone(dataYears)
		slices.Sort(ys)
		s := make([]string, len(ys))
		for i, y := range ys {
			s[i] = strconv.Itoa(y)
		}
		lines = append(lines, []any{"10. 本次填报的数据年度：" + strings.Join(s, "、") + "。"})
	}
	lines = append(lines, []any{}, []any{"工作表", "表头", "必填", "填写要求", "说明"})
	tableHeader := len(lines)
	for _, part := range []struct {
		sheet string
		cols  []Column
	}{{SheetEnterprise, EnterpriseColumns}, {SheetYears, YearColumns}} {
		for _, c := range part.cols {
			if c.ExportOnly || c.Hidden {
				continue
			}
			req := ""
			if c.Required {
				req = "是"
			}
			lines = append(lines, []any{part.sheet, c.Header, req, kindRule(c), c.Note})
		}
	}
	for i, l := range lines {
		if err := f.SetSheetRow(sh, "A"+strconv.Itoa(i+1), &l); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", bold); err != nil {
		return err
	}
	th := "A" + strconv.Itoa(tableHeader)
	if err := f.SetCellStyle(sh, th, "E"+strconv.Itoa(tableHeader), bold); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 10, "B": 34, "C": 6, "D": 48, "E": 60} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

// writeRecord writes one enterprise row and its year rows.
func (b *book) writeRecord(rec *enterprise.Record) error {
	if rec == nil || rec.Profile == nil {
		return fmt.Errorf("xlsx: export: record without a profile")
	}
	for i := range b.entCols {
		c := &b.entCols[i]
		b.entVals[i] = nil
		if s, ok := c.get(rec, ""); ok {
			b.entVals[i] = c.value(s, b.regions)
		}
	}
	b.entRow++
	if err := b.ent.SetRow("A"+strconv.Itoa(b.entRow), b.entVals); err != nil {
		return err
	}
	p := rec.Profile
	b.years = b.years[:0]
	for y := range p.Years {
		b.years = append(b.years, y)
	}
	slices.Sort(b.years)
	for _, y := range b.years {
		ys := strconv.Itoa(y)
		for i := range b.yearCols {
			c := &b.yearCols[i]
			b.yrVals[i] = nil
			if c.Path == pathYear {
				b.yrVals[i] = y
				continue
			}
			if s, ok := c.get(rec, ys); ok {
				b.yrVals[i] = c.value(s, b.regions)
			}
		}
		b.yrRow++
		if err := b.yr.SetRow("A"+strconv.Itoa(b.yrRow), b.yrVals); err != nil {
			return err
		}
	}
	return nil
}

// finish flushes the stream writers and writes the workbook to w.
func (b *book) finish(w io.Writer) error {
	defer b.f.Close()
	if err := b.ent.Flush(); err != nil {
		return err
	}
	if err := b.yr.Flush(); err != nil {
		return err
	}
	// The first sheet (企业) is active in a new file. SetActiveSheet would
	// parse every worksheet back, the streamed ones included.
	return b.f.Write(w)
}

// close releases the temporary files of an abandoned book.
func (b *book) close() { _ = b.f.Close() }

// Template writes the bulk-import template: sheets 企业 and 年度数据 with
// their headers, formats, drop-downs (the regions given, 是/否, titles…) and
// checks; 填写说明 with the rules of every column; and 区县代码 with the
// region names and codes. dataYears, when given, fill the 年度 drop-down.
func Template(w io.Writer, regions []auth.Region, dataYears []int) error {
	b, err := newBook(regions, dataYears, false)
	if err != nil {
		return err
	}
	if err := b.finish(w); err != nil {
		return fmt.Errorf("xlsx: template: %w", err)
	}
	return nil
}
