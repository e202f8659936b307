package xlsx_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/enterprise"
	"zjtx/internal/xlsx"
)

func exportRecords(t testing.TB, recs []*enterprise.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.Export(&b, xlsx.Records(recs), zhengzhou); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func roundTripRecords(t *testing.T) []*enterprise.Record {
	minimal := &enterprise.Record{Profile: decode(t, fmt.Sprintf(`{"uscc": %q, "name": "最简企业", "region": "410102"}`, uscc(2))),
		Status: enterprise.StatusActive}
	// Known "none" values, a ban date, a title alone, a moved-out record in
	// the zone with a platform code, an empty year entry.
	nones := &enterprise.Record{Profile: decode(t, fmt.Sprintf(`{
	  "uscc": %q, "name": "迁出企业", "region": "410199", "industry": "I6510",
	  "flags": {"data_fraud_ban_until": "2027-06-30", "abnormal_list": true},
	  "product": {"domains": []},
	  "titles": [{"tier": "little_giant"}],
	  "years": {"2023": {}, "2025": {"revenue": 0, "employees": 0, "net_profit": -0.0001}}
	}`, uscc(3))), Status: enterprise.StatusMovedOut}
	shares := &enterprise.Record{Profile: decode(t, fmt.Sprintf(`{
	  "uscc": %q, "name": "占有率企业", "region": "410185",
	  "product": {"market_share": 1, "strategic_emerging": false},
	  "honors": [{"kind": "high_tech_enterprise", "valid_to": "2027-01-01"}],
	  "years": {"2025": {"revenue": 12345678.1234, "rd_expense": 0.0001, "platform_score": 100}}
	}`, uscc(4))), Chain: "电子信息", Status: enterprise.StatusClosed}
	return []*enterprise.Record{fullProfile(t, 1), minimal, nones, shares}
}

func TestExportImportRoundTrip(t *testing.T) {
	recs := roundTripRecords(t)
	res := importBytes(t, exportRecords(t, recs))
	if len(res.Errors) != 0 || len(res.Ignored) != 0 {
		t.Fatalf("problems:\n%s ignored %v", errorsText(res), res.Ignored)
	}
	if len(res.Records) != len(recs) {
		t.Fatalf("%d records back, want %d", len(res.Records), len(recs))
	}
	for i, want := range recs {
		got := res.Records[i]
		if g, w := encode(t, got.Profile), encode(t, want.Profile); g != w {
			t.Errorf("record %d\n got %s\nwant %s", i, g, w)
		}
		if got.Chain != want.Chain || got.Status != want.Status {
			t.Errorf("record %d: chain %q status %q, want %q %q", i, got.Chain, got.Status, want.Chain, want.Status)
		}
	}
}

func TestExportColumns(t *testing.T) {
	rec := fullProfile(t, 1)
	rec.Tier = "innovative"
	rec.Outcomes = map[string]string{"innovative": "pass", "srdi": "missing"}
	rec.Version, rec.AssessedVersion = 3, 2
	// Two titles: the sheet carries the highest.
	rec.Profile.Titles = append(rec.Profile.Titles, rec.Profile.Titles[0])
	rec.Profile.Titles[1].Tier = "srdi"
	f, err := excelize.OpenReader(bytes.NewReader(exportRecords(t, []*enterprise.Record{rec})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cell := func(sheet, header string, row int) string {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		j := slices.Index(rows[0], header)
		if j < 0 {
			t.Fatalf("%s: no column %q", sheet, header)
		}
		if row >= len(rows) || j >= len(rows[row]) {
			return ""
		}
		return rows[row][j]
	}
	for _, tc := range []struct {
		sheet, header string
		row           int
		want          string
	}{
		{xlsx.SheetEnterprise, "所属区县（市）", 1, "郑州航空港经济综合实验区"},
		{xlsx.SheetEnterprise, "区县代码", 1, "410173"},
		{xlsx.SheetEnterprise, "当前有效梯度称号", 1, "创新型中小企业"},
		{xlsx.SheetEnterprise, "评价结论：创新型中小企业", 1, "符合"},
		{xlsx.SheetEnterprise, "评价结论：专精特新中小企业", 1, "待核实"},
		{xlsx.SheetEnterprise, "评价结论：科技型中小企业", 1, "未评价"},
		{xlsx.SheetEnterprise, "评价后档案已修改", 1, "是"},
		{xlsx.SheetEnterprise, "已获最高梯度称号", 1, "专精特新中小企业"},
		{xlsx.SheetEnterprise, "成立日期", 1, "2014-03-18"},
		{xlsx.SheetEnterprise, "全国细分市场占有率（%）", 1, "12.34%"},
		{xlsx.SheetEnterprise, "主导产品所属领域", 1, "工业六基、产业链补短板/锻长板/填空白"},
		{xlsx.SheetEnterprise, "数据造假禁报截止日", 1, "无"},
		{xlsx.SheetEnterprise, "企业状态", 1, "在营"},
		{xlsx.SheetYears, "企业名称", 1, "郑州示例精密机械有限公司1"},
		{xlsx.SheetYears, "年度", 2, "2025"},
		{xlsx.SheetYears, "研发费用（万元）", 2, "109.3512"},
		{xlsx.SheetYears, "净利润（万元）", 1, "-18.50"},
		{xlsx.SheetYears, "销售收入（万元）", 1, ""},
		{xlsx.SheetYears, "专精特新发展评价得分", 3, "55.5"},
	} {
		if got := cell(tc.sheet, tc.header, tc.row); got != tc.want {
			t.Errorf("%s「%s」row %d = %q, want %q", tc.sheet, tc.header, tc.row+1, got, tc.want)
		}
	}
	if dvs, _ := f.GetDataValidations(xlsx.SheetEnterprise); len(dvs) == 0 {
		t.Error("the export has no drop-downs")
	}
}

func TestExportStopsOnError(t *testing.T) {
	boom := errors.New("cursor lost")
	seq := func(yield func(*enterprise.Record, error) bool) {
		if !yield(fullProfile(t, 1), nil) {
			return
		}
		yield(nil, boom)
	}
	var b bytes.Buffer
	if err := xlsx.Export(&b, seq, zhengzhou); !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
	if b.Len() != 0 {
		t.Errorf("%d bytes written after a failed export", b.Len())
	}
}
