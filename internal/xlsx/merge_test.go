package xlsx_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/xlsx"
	"zjtx/internal/xlsx/xlsxtest"
)

// openRows opens a workbook and reads the rows of one sheet.
func openRows(t *testing.T, data []byte, sheet string) (*excelize.File, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		f.Close()
		t.Fatal(err)
	}
	return f, rows
}

// TestExportCarriesVersion: every exported 企业 row carries the record's
// version in a hidden column, which Import reads back; the template has no
// such column.
func TestExportCarriesVersion(t *testing.T) {
	a, b := fullProfile(t, 1), fullProfile(t, 2)
	a.Version, b.Version = 3, 17
	data := exportRecords(t, []*enterprise.Record{a, b})
	if got, _ := xlsx.ReadColumn(data, xlsx.SheetEnterprise, "数据版本"); !slices.Equal(got, []string{"3", "17"}) {
		t.Errorf("数据版本 %q", got)
	}
	f, rows := openRows(t, data, xlsx.SheetEnterprise)
	defer f.Close()
	name, _ := excelize.ColumnNumberToName(slices.Index(rows[0], "数据版本") + 1)
	if visible, err := f.GetColVisible(xlsx.SheetEnterprise, name); err != nil || visible {
		t.Errorf("数据版本 column %s visible %v %v", name, visible, err)
	}
	res := importBytes(t, data)
	if len(res.Records) != 2 || res.Records[0].Version != 3 || res.Records[1].Version != 17 {
		t.Fatalf("versions read back: %+v", res.Records)
	}
	if hs, _ := openTemplate(t).GetRows(xlsx.SheetEnterprise); slices.Contains(hs[0], "数据版本") {
		t.Errorf("the template has a 数据版本 column")
	}
	bad := importBytes(t, xlsxtest.SetCells(t, data, xlsx.SheetEnterprise, 2, map[string]string{"数据版本": "第三版"}))
	if len(bad.Errors) == 0 || bad.Errors[0].Column != "数据版本" {
		t.Errorf("a version that is not a number: %s", errorsText(bad))
	}
}

// TestMerge: an update writes the filled cells over the stored record and
// leaves everything else as stored: blank cells, known zeros and known
// empty lists, what the sheets do not carry, the years without a row.
func TestMerge(t *testing.T) {
	stored := fullProfile(t, 1)
	stored.Version = 4
	sp := stored.Profile
	from := profile.MustDate("2023-12-01")
	sp.Honors[0].ValidFrom = &from
	sp.Honors = append(sp.Honors, profile.Honor{Kind: profile.IPDemo})
	sp.Titles = append(sp.Titles, profile.Title{Tier: profile.TierTechSME})
	sp.Awards = []profile.Award{} // known: none
	sp.IP = []profile.IP{{Kind: profile.InventionPatent}}
	zero := profile.Dec(0)
	sp.Years[2025].EquityFinancing = &zero
	sp.Years[2023] = &profile.Year{}
	data := exportRecords(t, []*enterprise.Record{stored})
	// The export's 年度数据 rows are 2023 to 2026: row 4 is 2025.
	data = xlsxtest.SetCells(t, data, xlsx.SheetYears, 4, map[string]string{"营业收入（万元）": "3700", "研发费用（万元）": "", "新增股权融资（万元）": ""})
	data = xlsxtest.SetCells(t, data, xlsx.SheetEnterprise, 2, map[string]string{"产业链": "", "企业状态": "", "称号有效期至": "", "主导产品所属领域": "", "企业名称": "郑州更名精密机械有限公司"})
	res := importBytes(t, data)
	if len(res.Records) != 1 {
		t.Fatalf("problems:\n%s", errorsText(res))
	}
	imp := res.Records[0]
	if err := res.Merge(imp, stored); err != nil {
		t.Fatal(err)
	}
	p := imp.Profile
	y := p.Years[2025]
	for _, tt := range []struct {
		name      string
		got, want any
	}{
		{"name (filled)", p.Name, "郑州更名精密机械有限公司"},
		{"revenue 2025 (filled)", y.Revenue.String(), "3700"},
		{"rd_expense 2025 (blank: stored)", y.RDExpense.String(), sp.Years[2025].RDExpense.String()},
		{"equity_financing 2025 (blank: a known zero stays)", y.EquityFinancing != nil && *y.EquityFinancing == 0, true},
		{"chain (blank: stored)", imp.Chain, stored.Chain},
		{"status (blank: stored)", imp.Status, stored.Status},
		{"title valid_to (blank: stored)", p.Titles[0].ValidTo != nil && *p.Titles[0].ValidTo == *sp.Titles[0].ValidTo, true},
		{"titles (the unsheeted tech_sme kept)", len(p.Titles), 2},
		{"domains (blank: stored)", len(p.Product.Domains), 2},
		{"honours (both, the high-tech start kept)", len(p.Honors) == 2 && p.Honors[0].ValidFrom != nil, true},
		{"awards (known none stays known)", p.Awards != nil && len(p.Awards) == 0, true},
		{"ip (unsheeted)", len(p.IP), 1},
		{"year 2023 (no row: kept)", p.Years[2023] != nil, true},
		{"the stored profile is not changed", sp.Name, "郑州示例精密机械有限公司1"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	t.Run("KnownEmptyHonoursStayKnown", func(t *testing.T) {
		st := fullProfile(t, 1)
		st.Profile.Honors = []profile.Honor{} // 资质荣誉 0 项
		res := importBytes(t, exportRecords(t, []*enterprise.Record{st}))
		imp := res.Records[0]
		if err := res.Merge(imp, st); err != nil {
			t.Fatal(err)
		}
		if imp.Profile.Honors == nil || len(imp.Profile.Honors) != 0 {
			t.Errorf("honours %v, want known none", imp.Profile.Honors)
		}
	})
	t.Run("InvalidAfterMerge", func(t *testing.T) {
		// 研发人员 above the stored 从业人员 (120).
		data := xlsxtest.SetCells(t, exportRecords(t, []*enterprise.Record{stored}), xlsx.SheetYears, 4,
			map[string]string{"从业人员（人）": "", "研发人员（人）": "500"})
		res := importBytes(t, data)
		if len(res.Records) != 1 {
			t.Fatalf("problems:\n%s", errorsText(res))
		}
		if err := res.Merge(res.Records[0], stored); apperr.Code(err) != apperr.EINVALID {
			t.Errorf("err %v, want EINVALID", err)
		}
	})
}

// TestRefuse: a record the store refused is reported on its 企业 row and
// counted as rejected.
func TestRefuse(t *testing.T) {
	res := importBytes(t, exportRecords(t, []*enterprise.Record{fullProfile(t, 1), fullProfile(t, 2)}))
	res.Refuse(map[int]error{1: apperr.Errorf(apperr.ECONFLICT, "导出后已被修改")})
	if res.Counts.Imported != 1 || res.Counts.Rejected != 1 || res.Counts.ErrorRows != 1 {
		t.Errorf("counts %+v", res.Counts)
	}
	if len(res.Errors) != 1 || res.Errors[0].Row != 3 || res.Errors[0].Sheet != xlsx.SheetEnterprise || res.Errors[0].MessageZH != "导出后已被修改" {
		t.Errorf("errors %+v", res.Errors)
	}
}
