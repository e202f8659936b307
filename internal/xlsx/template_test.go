package xlsx_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/xlsx"
)

func openTemplate(t *testing.T) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.Template(&b, zhengzhou, []int{2024, 2025}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the template does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func templateHeaders(cols []xlsx.Column) []string {
	var hs []string
	for _, c := range cols {
		if !c.ExportOnly {
			hs = append(hs, c.Header)
		}
	}
	return hs
}

// validationFor returns the data validation whose range starts in the
// column with header h.
func validationFor(t *testing.T, f *excelize.File, sheet, h string) *excelize.DataValidation {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	j := slices.Index(rows[0], h)
	if j < 0 {
		t.Fatalf("%s: no header %q", sheet, h)
	}
	name, _ := excelize.ColumnNumberToName(j + 1)
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, name+"2:") {
			return dv
		}
	}
	return nil
}

func TestTemplate(t *testing.T) {
	f := openTemplate(t)

	t.Run("Sheets", func(t *testing.T) {
		got := f.GetSheetList()
		want := []string{xlsx.SheetEnterprise, xlsx.SheetYears, xlsx.SheetInstructions, xlsx.SheetRegions}
		if !slices.Equal(got, want) {
			t.Errorf("sheets = %v, want %v", got, want)
		}
	})

	t.Run("Headers", func(t *testing.T) {
		for _, tc := range []struct {
			sheet string
			cols  []xlsx.Column
		}{{xlsx.SheetEnterprise, xlsx.EnterpriseColumns}, {xlsx.SheetYears, xlsx.YearColumns}} {
			rows, err := f.GetRows(tc.sheet)
			if err != nil || len(rows) == 0 {
				t.Fatalf("%s: %v", tc.sheet, err)
			}
			if want := templateHeaders(tc.cols); !slices.Equal(rows[0], want) {
				t.Errorf("%s headers = %v, want %v", tc.sheet, rows[0], want)
			}
			if len(rows) != 1 {
				t.Errorf("%s has %d rows, want the header alone", tc.sheet, len(rows))
			}
		}
		rows, _ := f.GetRows(xlsx.SheetYears)
		for _, h := range []string{"统一社会信用代码", "年度", "营业收入（万元）", "研发人员（人）", "专精特新发展评价得分"} {
			if !slices.Contains(rows[0], h) {
				t.Errorf("%s lacks %q", xlsx.SheetYears, h)
			}
		}
	})

	t.Run("HeaderBoldAndFrozen", func(t *testing.T) {
		for _, sheet := range []string{xlsx.SheetEnterprise, xlsx.SheetYears} {
			id, err := f.GetCellStyle(sheet, "B1")
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil || st.Font == nil || !st.Font.Bold {
				t.Errorf("%s!B1 is not bold (%v)", sheet, err)
			}
			panes, err := f.GetPanes(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("%s panes = %+v, want the header row frozen", sheet, panes)
			}
			w, err := f.GetColWidth(sheet, "A")
			if err != nil || w < 20 {
				t.Errorf("%s column A width = %v (%v), want room for a USCC", sheet, w, err)
			}
		}
	})

	t.Run("Validations", func(t *testing.T) {
		for _, tc := range []struct {
			sheet, header, typ, formula string
		}{
			{xlsx.SheetEnterprise, "所属区县（市）", "list", "'区县代码'!$A$2:$A$17"},
			{xlsx.SheetEnterprise, "独立法人资格", "list", `"是,否"`},
			{xlsx.SheetEnterprise, "列入经营异常名录", "list", `"是,否"`},
			{xlsx.SheetEnterprise, "企业状态", "list", `"在营,迁出,注销"`},
			{xlsx.SheetEnterprise, "中小企业数字化水平等级", "list", `"1,2,3,4"`},
			{xlsx.SheetEnterprise, "已获最高梯度称号", "list", `"科技型中小企业,创新型中小企业,专精特新中小企业,专精特新“小巨人”企业,重点“小巨人”企业,制造业单项冠军企业"`},
			{xlsx.SheetEnterprise, "研发投入评分口径", "list", `"研发费用占销售收入,研发费用占成本费用支出总额"`},
			{xlsx.SheetEnterprise, "成立日期", "date", "1"},
			{xlsx.SheetEnterprise, "统一社会信用代码", "textLength", "18"},
			{xlsx.SheetEnterprise, "全国细分市场占有率（%）", "decimal", "0"},
			{xlsx.SheetYears, "年度", "list", `"2024,2025"`},
			{xlsx.SheetYears, "营业收入（万元）", "decimal", "0"},
			{xlsx.SheetYears, "从业人员（人）", "whole", "0"},
		} {
			dv := validationFor(t, f, tc.sheet, tc.header)
			if dv == nil {
				t.Errorf("%s「%s」: no validation", tc.sheet, tc.header)
				continue
			}
			if dv.Type != tc.typ || dv.Formula1 != tc.formula {
				t.Errorf("%s「%s」: validation %s %s, want %s %s", tc.sheet, tc.header, dv.Type, dv.Formula1, tc.typ, tc.formula)
			}
		}
		if dv := validationFor(t, f, xlsx.SheetYears, "净利润（万元）"); dv != nil {
			t.Errorf("净利润 must allow a loss, has validation %s %s", dv.Type, dv.Formula1)
		}
	})

	t.Run("NumberFormats", func(t *testing.T) {
		// Cells written into the template pick up the column formats:
		// a date shows as YYYY-MM-DD, a share as a percentage.
		for _, tc := range []struct {
			sheet, cell string
			value       any
			want        string
		}{
			{xlsx.SheetEnterprise, "H2", 41716, "2014-03-18"},
			{xlsx.SheetYears, "C2", 3645.5, "3,645.50"},
		} {
			if err := f.SetCellValue(tc.sheet, tc.cell, tc.value); err != nil {
				t.Fatal(err)
			}
			col, _, _ := excelize.SplitCellName(tc.cell)
			id, err := f.GetColStyle(tc.sheet, col)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(tc.sheet, tc.cell, tc.cell, id); err != nil {
				t.Fatal(err)
			}
			got, _ := f.GetCellValue(tc.sheet, tc.cell)
			if got != tc.want {
				t.Errorf("%s!%s shows %q, want %q", tc.sheet, tc.cell, got, tc.want)
			}
		}
	})

	t.Run("Regions", func(t *testing.T) {
		rows, err := f.GetRows(xlsx.SheetRegions)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(zhengzhou)+1 {
			t.Fatalf("%d rows, want %d", len(rows), len(zhengzhou)+1)
		}
		for i, r := range zhengzhou {
			if got := rows[i+1]; got[0] != r.Name || got[1] != r.Code {
				t.Errorf("row %d = %v, want %s %s", i+2, got, r.Name, r.Code)
			}
		}
	})

	t.Run("Instructions", func(t *testing.T) {
		rows, err := f.GetRows(xlsx.SheetInstructions)
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, r := range rows {
			all.WriteString(strings.Join(r, "|"))
			all.WriteString("\n")
		}
		for _, want := range []string{"万元", "YYYY-MM-DD", "空白表示未知", "不是 0", "12%、0.12 或 12", "2024、2025",
			"企业|统一社会信用代码|是", "年度数据|研发费用（万元）"} {
			if !strings.Contains(all.String(), want) {
				t.Errorf("填写说明 lacks %q", want)
			}
		}
	})
}
