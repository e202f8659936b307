package xlsx_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/xlsx"
)

// zhengzhou are the 16 regions the migrations seed.
var zhengzhou = []auth.Region{
	{Code: "410102", Name: "中原区", Kind: "district", National: true},
	{Code: "410103", Name: "二七区", Kind: "district", National: true},
	{Code: "410104", Name: "管城回族区", Kind: "district", National: true},
	{Code: "410105", Name: "金水区", Kind: "district", National: true},
	{Code: "410106", Name: "上街区", Kind: "district", National: true},
	{Code: "410108", Name: "惠济区", Kind: "district", National: true},
	{Code: "410122", Name: "中牟县", Kind: "county", National: true},
	{Code: "410181", Name: "巩义市", Kind: "county_city", National: true},
	{Code: "410182", Name: "荥阳市", Kind: "county_city", National: true},
	{Code: "410183", Name: "新密市", Kind: "county_city", National: true},
	{Code: "410184", Name: "新郑市", Kind: "county_city", National: true},
	{Code: "410185", Name: "登封市", Kind: "county_city", National: true},
	{Code: "410171", Name: "郑州经济技术开发区", Kind: "zone", National: true},
	{Code: "410172", Name: "郑州高新技术产业开发区", Kind: "zone", National: true},
	{Code: "410173", Name: "郑州航空港经济综合实验区", Kind: "zone", National: true},
	{Code: "410199", Name: "郑东新区", Kind: "zone"},
}

// uscc returns a well-formed code with a correct check digit, distinct for
// each i.
func uscc(i int) string {
	body := fmt.Sprintf("91410100MA%07d", i)
	c, err := profile.USCCCheckDigit(body)
	if err != nil {
		panic(err)
	}
	return body + string(c)
}

// row is one sheet row by header; values are written as excelize writes
// them (strings as text, numbers as numbers).
type row map[string]any

// workbook fills a fresh template with the rows given and returns the file.
func workbook(t testing.TB, ents, years []row) []byte {
	t.Helper()
	var tpl bytes.Buffer
	if err := xlsx.Template(&tpl, zhengzhou, []int{2024, 2025}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&tpl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fill(t, f, xlsx.SheetEnterprise, ents)
	fill(t, f, xlsx.SheetYears, years)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func fill(t testing.TB, f *excelize.File, sheet string, rows []row) {
	t.Helper()
	header, err := f.GetRows(sheet)
	if err != nil || len(header) == 0 {
		t.Fatalf("%s: no header: %v", sheet, err)
	}
	col := map[string]int{}
	for j, h := range header[0] {
		col[h] = j + 1
	}
	for i, r := range rows {
		for h, v := range r {
			j, ok := col[h]
			if !ok {
				t.Fatalf("%s: no column %q", sheet, h)
			}
			cell, _ := excelize.CoordinatesToCellName(j, i+2)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// importBytes imports b and fails the test on a file-level error.
func importBytes(t testing.TB, b []byte) *xlsx.Result {
	t.Helper()
	res, err := xlsx.Import(bytes.NewReader(b), zhengzhou)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func encode(t testing.TB, p *profile.Profile) string {
	t.Helper()
	b, err := profile.EncodeBytes(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decode(t testing.TB, js string) *profile.Profile {
	t.Helper()
	p, errs := profile.DecodeBytes([]byte(js))
	if errs.HasErrors() {
		t.Fatalf("decode: %v", errs)
	}
	return p
}

// errorsText lists the problems of a result, one per line, for failure
// messages.
func errorsText(res *xlsx.Result) string {
	var b bytes.Buffer
	for _, e := range res.Errors {
		fmt.Fprintln(&b, e.TextZH())
	}
	return b.String()
}

// fullProfile fills every field the sheets carry.
func fullProfile(t testing.TB, i int) *enterprise.Record {
	t.Helper()
	p := decode(t, fmt.Sprintf(`{
	  "uscc": %q, "name": "郑州示例精密机械有限公司%d", "region": "410173", "industry": "C3484",
	  "legal_person": true, "established": "2014-03-18", "niche_since": "2016-01-01",
	  "flags": {"abnormal_list": false, "serious_dishonesty": false, "prohibited_product": false,
	            "major_incident_3y": false, "tax_violation_3y": false, "research_misconduct": false,
	            "data_fraud_ban_until": null, "single_champion": false, "group_conflict": true},
	  "years": {
	    "2024": {"revenue": 3375, "main_revenue": 2700, "rd_expense": 101.25, "total_assets": 2900,
	             "total_liabilities": 1500, "net_profit": -18.5, "employees": 110, "rd_staff": 11,
	             "tech_staff": 18, "equity_financing": 0},
	    "2025": {"revenue": 3645, "main_revenue": 2916, "rd_expense": 109.3512, "total_assets": 3000,
	             "total_liabilities": 1500, "net_profit": 218.7, "employees": 120, "rd_staff": 12,
	             "tech_staff": 20, "equity_financing": 0, "sales_revenue": 3600, "cost_expense_total": 3300},
	    "2026": {"platform_score": 55.5}
	  },
	  "honors": [{"kind": "high_tech_enterprise", "valid_to": "2026-11-30"}],
	  "titles": [{"tier": "innovative", "recognized": "2024-01-01", "valid_to": "2026-12-31"}],
	  "quality": {"quality_award": false, "quality_system_cert": true, "own_brand": true,
	              "standard_participation": true, "mgmt_system_cert": true, "developed_market_cert": false},
	  "digital_level": 2, "core_business_on_is": true,
	  "product": {"name": "高精度滚珠丝杠", "strategic_emerging": true, "domains": ["six_basics", "chain_key_link"],
	              "market_share": 0.1234, "market_rank": 3},
	  "local_score": 8, "rd_method": "sales"
	}`, uscc(i), i))
	return &enterprise.Record{Profile: p, Chain: "新材料", Status: enterprise.StatusActive}
}
