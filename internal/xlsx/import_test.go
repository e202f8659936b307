package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/xlsx"
)

// fullRows are the sheet rows of fullProfile(t, 1), typed the ways users
// type: a lower-case industry code, a text date and a date serial, a
// percentage as text, 是/否.
func fullRows() (ents, years []row) {
	ents = []row{{
		"统一社会信用代码": uscc(1), "企业名称": "郑州示例精密机械有限公司1", "所属区县（市）": "郑州航空港经济综合实验区",
		"国民经济行业分类代码": "c3484", "产业链": "新材料", "企业状态": "在营", "独立法人资格": "是",
		"成立日期": "2014-03-18", "从事特定细分市场起始日": 42370, // 2016-01-01
		"列入经营异常名录": "否", "列入严重失信主体名单": "否", "产品属禁止、限制或淘汰类": "否",
		"近三年发生重大安全、质量、环境事件": "否", "近三年偷漏税等违法违规": "否", "严重科研失信": "否",
		"数据造假禁报截止日": "无", "已获制造业单项冠军": "否", "与已认定小巨人存在控股或同集团关系": "是",
		"中小企业数字化水平等级": 2, "核心业务采用信息系统支撑": "是",
		"主导产品名称": "高精度滚珠丝杠", "主导产品属于《战略性新兴产业分类》": "是",
		"主导产品所属领域": "工业六基、产业链补短板/锻长板/填空白", "全国细分市场占有率（%）": "12.34%", "国内细分市场排名": 3,
		"省级以上质量奖": "否", "质量管理体系认证": "是", "自主品牌": "是", "参与制修订标准": "是", "管理体系认证": "是",
		"发达国家和地区产品认证": "否",
		"已获最高梯度称号":    "创新型中小企业", "称号认定日期": "2024-01-01", "称号有效期至": "2026/12/31",
		"高新技术企业有效期至": "2026-11-30", "省级特色化指标得分": 8, "研发投入评分口径": "研发费用占销售收入",
	}}
	years = []row{
		{"统一社会信用代码": uscc(1), "年度": 2024, "营业收入（万元）": 3375, "主营业务收入（万元）": 2700, "研发费用（万元）": 101.25,
			"资产总额（万元）": 2900, "负债总额（万元）": 1500, "净利润（万元）": -18.5, "从业人员（人）": 110, "研发人员（人）": 11,
			"科技人员（人）": 18, "新增股权融资（万元）": 0},
		{"统一社会信用代码": uscc(1), "年度": "2025", "营业收入（万元）": "3,645", "主营业务收入（万元）": 2916, "研发费用（万元）": 109.3512,
			"资产总额（万元）": 3000, "负债总额（万元）": 1500, "净利润（万元）": 218.7, "从业人员（人）": 120, "研发人员（人）": 12,
			"科技人员（人）": 20, "新增股权融资（万元）": "0", "销售收入（万元）": 3600, "成本费用支出总额（万元）": 3300},
		{"统一社会信用代码": uscc(1), "年度": 2026, "专精特新发展评价得分": 55.5},
	}
	return ents, years
}

func TestImportTemplateRoundTrip(t *testing.T) {
	ents, years := fullRows()
	// A second enterprise with the key columns alone: everything else unknown.
	ents = append(ents, row{"统一社会信用代码": uscc(2), "企业名称": "郑州最简企业", "所属区县（市）": "410105"})
	res := importBytes(t, workbook(t, ents, years))
	if len(res.Errors) != 0 {
		t.Fatalf("unexpected problems:\n%s", errorsText(res))
	}
	want := []*enterprise.Record{
		fullProfile(t, 1),
		{Profile: decode(t, fmt.Sprintf(`{"uscc": %q, "name": "郑州最简企业", "region": "410105"}`, uscc(2))), Status: enterprise.StatusActive},
	}
	if len(res.Records) != len(want) {
		t.Fatalf("%d records, want %d", len(res.Records), len(want))
	}
	for i, w := range want {
		got := res.Records[i]
		if g, w := encode(t, got.Profile), encode(t, w.Profile); g != w {
			t.Errorf("record %d profile\n got %s\nwant %s", i, g, w)
		}
		if got.Chain != w.Chain || got.Status != w.Status || got.USCC != w.Profile.USCC || got.Region != w.Profile.Region {
			t.Errorf("record %d = chain %q status %q uscc %q region %q", i, got.Chain, got.Status, got.USCC, got.Region)
		}
	}
	if c := res.Counts; c != (xlsx.Counts{Enterprises: 2, YearRows: 3, Imported: 2}) {
		t.Errorf("counts = %+v", c)
	}
}

// loc is where a problem is expected.
type loc struct {
	sheet  string
	row    int
	column string
	code   string
}

func baseRows() (ents, years []row) {
	for i := 1; i <= 3; i++ {
		ents = append(ents, row{"统一社会信用代码": uscc(i), "企业名称": fmt.Sprintf("企业%d", i), "所属区县（市）": "金水区"})
		years = append(years, row{"统一社会信用代码": uscc(i), "年度": 2025, "营业收入（万元）": 1000, "从业人员（人）": 50})
	}
	return ents, years
}

func TestImportErrors(t *testing.T) {
	const ent, yr = xlsx.SheetEnterprise, xlsx.SheetYears
	yearRows := loc{ent, 3, "", xlsx.CodeYearRows} // enterprise 2 rejected for its year row
	for _, tc := range []struct {
		name     string
		edit     func(ents, years []row) ([]row, []row)
		want     []loc
		imported int
		zh       string // a fragment of the first message
	}{
		{"CheckDigit", func(e, y []row) ([]row, []row) {
			bad := uscc(2)[:17] + "0"
			if bad == uscc(2) {
				bad = uscc(2)[:17] + "1"
			}
			e[1]["统一社会信用代码"], y[1]["统一社会信用代码"] = bad, bad
			return e, y
		}, []loc{{ent, 3, "统一社会信用代码", profile.CodeCheckDigit}}, 2, "企业表第 3 行「统一社会信用代码」：校验位错误"},
		{"USCCTooShort", func(e, y []row) ([]row, []row) {
			e[1]["统一社会信用代码"], y[1]["统一社会信用代码"] = "91410100", "91410100"
			return e, y
		}, []loc{{ent, 3, "统一社会信用代码", profile.CodeFormat}}, 2, "应为 18 位"},
		{"NameRequired", func(e, y []row) ([]row, []row) { e[1]["企业名称"] = " "; return e, y },
			[]loc{{ent, 3, "企业名称", profile.CodeRequired}}, 2, "必填"},
		{"RegionRequired", func(e, y []row) ([]row, []row) { e[1]["所属区县（市）"] = ""; return e, y },
			[]loc{{ent, 3, "所属区县（市）", profile.CodeRequired}}, 2, "必填"},
		{"RegionUnknown", func(e, y []row) ([]row, []row) { e[1]["所属区县（市）"] = "洛阳市"; return e, y },
			[]loc{{ent, 3, "所属区县（市）", profile.CodeUnknownValue}}, 2, "洛阳市"},
		{"BoolNotYesNo", func(e, y []row) ([]row, []row) { e[1]["独立法人资格"] = "可能"; return e, y },
			[]loc{{ent, 3, "独立法人资格", profile.CodeFormat}}, 2, "应为“是”或“否”"},
		{"ImpossibleDate", func(e, y []row) ([]row, []row) { e[1]["成立日期"] = "2024-02-30"; return e, y },
			[]loc{{ent, 3, "成立日期", profile.CodeFormat}}, 2, "不是日期"},
		{"DateYearOutOfRange", func(e, y []row) ([]row, []row) { e[1]["成立日期"] = "1850-01-01"; return e, y },
			[]loc{{ent, 3, "成立日期", profile.CodeRange}}, 2, "1900"},
		{"BanDateNotDate", func(e, y []row) ([]row, []row) { e[1]["数据造假禁报截止日"] = "永久"; return e, y },
			[]loc{{ent, 3, "数据造假禁报截止日", profile.CodeFormat}}, 2, "不是日期"},
		{"PercentOver100", func(e, y []row) ([]row, []row) { e[1]["全国细分市场占有率（%）"] = "120%"; return e, y },
			[]loc{{ent, 3, "全国细分市场占有率（%）", profile.CodeRange}}, 2, "0% 到 100%"},
		{"PercentTooPrecise", func(e, y []row) ([]row, []row) { e[1]["全国细分市场占有率（%）"] = "12.345%"; return e, y },
			[]loc{{ent, 3, "全国细分市场占有率（%）", profile.CodeFormat}}, 2, "2 位小数"},
		{"DigitalLevel5", func(e, y []row) ([]row, []row) { e[1]["中小企业数字化水平等级"] = 5; return e, y },
			[]loc{{ent, 3, "中小企业数字化水平等级", profile.CodeRange}}, 2, "1 到 4"},
		{"RankNotWhole", func(e, y []row) ([]row, []row) { e[1]["国内细分市场排名"] = 2.5; return e, y },
			[]loc{{ent, 3, "国内细分市场排名", profile.CodeFormat}}, 2, "应为整数"},
		{"RankZero", func(e, y []row) ([]row, []row) { e[1]["国内细分市场排名"] = 0; return e, y },
			[]loc{{ent, 3, "国内细分市场排名", profile.CodeRange}}, 2, "不能小于 1"},
		{"UnknownTier", func(e, y []row) ([]row, []row) { e[1]["已获最高梯度称号"] = "国家级小巨人"; return e, y },
			[]loc{{ent, 3, "已获最高梯度称号", profile.CodeUnknownValue}}, 2, "未知取值"},
		{"TitleDateWithoutTier", func(e, y []row) ([]row, []row) { e[1]["称号认定日期"] = "2024-01-01"; return e, y },
			[]loc{{ent, 3, "已获最高梯度称号", profile.CodeRequired}}, 2, "必填"},
		{"TitleEndsBeforeStart", func(e, y []row) ([]row, []row) {
			e[1]["已获最高梯度称号"], e[1]["称号认定日期"], e[1]["称号有效期至"] = "专精特新中小企业", "2024-01-01", "2023-12-31"
			return e, y
		}, []loc{{ent, 3, "称号有效期至", profile.CodeDateOrder}}, 2, "早于认定日期"},
		{"UnknownDomain", func(e, y []row) ([]row, []row) {
			e[1]["主导产品所属领域"] = "工业六基，航天"
			return e, y
		},
			[]loc{{ent, 3, "主导产品所属领域", profile.CodeUnknownValue}}, 2, "航天"},
		{"RepeatedDomain", func(e, y []row) ([]row, []row) {
			e[1]["主导产品所属领域"] = "工业六基、工业六基"
			return e, y
		},
			[]loc{{ent, 3, "主导产品所属领域", profile.CodeDuplicate}}, 2, "重复"},
		{"IndustryCode", func(e, y []row) ([]row, []row) { e[1]["国民经济行业分类代码"] = "3484"; return e, y },
			[]loc{{ent, 3, "国民经济行业分类代码", profile.CodeFormat}}, 2, "GB/T 4754-2017"},
		{"ScoreOver15", func(e, y []row) ([]row, []row) { e[1]["省级特色化指标得分"] = 16; return e, y },
			[]loc{{ent, 3, "省级特色化指标得分", profile.CodeRange}}, 2, "0 到 15"},
		{"UnknownStatus", func(e, y []row) ([]row, []row) { e[1]["企业状态"] = "停业"; return e, y },
			[]loc{{ent, 3, "企业状态", profile.CodeUnknownValue}}, 2, "停业"},
		{"NegativeRevenue", func(e, y []row) ([]row, []row) { y[1]["营业收入（万元）"] = -5; return e, y },
			[]loc{yearRows, {yr, 3, "营业收入（万元）", profile.CodeNegative}}, 2, "「年度数据」表第 3 行有错误"},
		{"MoneyNotNumber", func(e, y []row) ([]row, []row) { y[1]["研发费用（万元）"] = "一百"; return e, y },
			[]loc{yearRows, {yr, 3, "研发费用（万元）", profile.CodeFormat}}, 2, ""},
		{"MoneyFiveDecimals", func(e, y []row) ([]row, []row) { y[1]["研发费用（万元）"] = 1.23456; return e, y },
			[]loc{yearRows, {yr, 3, "研发费用（万元）", profile.CodeFormat}}, 2, ""},
		{"StaffExceedsEmployees", func(e, y []row) ([]row, []row) { y[1]["研发人员（人）"] = 60; return e, y },
			[]loc{yearRows, {yr, 3, "研发人员（人）", profile.CodeExceeds}}, 2, ""},
		{"PlatformScoreOver100", func(e, y []row) ([]row, []row) { y[1]["专精特新发展评价得分"] = 101; return e, y },
			[]loc{yearRows, {yr, 3, "专精特新发展评价得分", profile.CodeRange}}, 2, ""},
		{"YearNotNumber", func(e, y []row) ([]row, []row) { y[1]["年度"] = "二〇二五"; return e, y },
			[]loc{yearRows, {yr, 3, "年度", profile.CodeFormat}}, 2, ""},
		{"YearOutOfRange", func(e, y []row) ([]row, []row) { y[1]["年度"] = 25; return e, y },
			[]loc{yearRows, {yr, 3, "年度", profile.CodeRange}}, 2, ""},
		{"YearMissing", func(e, y []row) ([]row, []row) { y[1]["年度"] = ""; return e, y },
			[]loc{yearRows, {yr, 3, "年度", profile.CodeRequired}}, 2, ""},
		{"DuplicateYear", func(e, y []row) ([]row, []row) {
			return e, append(y, row{"统一社会信用代码": uscc(2), "年度": 2025, "营业收入（万元）": 900})
		}, []loc{yearRows, {yr, 3, "年度", profile.CodeDuplicate}, {yr, 5, "年度", profile.CodeDuplicate}}, 2, ""},
		{"YearWithoutEnterprise", func(e, y []row) ([]row, []row) {
			return e, append(y, row{"统一社会信用代码": uscc(99), "年度": 2025})
		}, []loc{{yr, 5, "统一社会信用代码", xlsx.CodeNoEnterprise}}, 3, "没有统一社会信用代码为"},
		{"DuplicateUSCC", func(e, y []row) ([]row, []row) {
			return append(e, row{"统一社会信用代码": uscc(1), "企业名称": "重复企业", "所属区县（市）": "金水区"}), y
		}, []loc{{ent, 2, "统一社会信用代码", profile.CodeDuplicate}, {ent, 5, "统一社会信用代码", profile.CodeDuplicate}}, 2, "重复（第 2、5 行）"},
		{"SeveralCellsOneRow", func(e, y []row) ([]row, []row) {
			e[1]["独立法人资格"], e[1]["成立日期"] = "x", "y"
			return e, y
		}, []loc{{ent, 3, "独立法人资格", profile.CodeFormat}, {ent, 3, "成立日期", profile.CodeFormat}}, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ents, years := baseRows()
			ents, years = tc.edit(ents, years)
			res := importBytes(t, workbook(t, ents, years))
			var got []loc
			for _, e := range res.Errors {
				if !e.Warning {
					got = append(got, loc{e.Sheet, e.Row, e.Column, e.Code})
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems = %v, want %v\n%s", got, tc.want, errorsText(res))
			}
			if len(res.Records) != tc.imported {
				t.Errorf("%d imported, want %d", len(res.Records), tc.imported)
			}
			for _, r := range res.Records {
				for _, l := range tc.want {
					if l.sheet == ent && r.USCC == ents[l.row-2]["统一社会信用代码"] {
						t.Errorf("row %d has an error but was imported", l.row)
					}
				}
			}
			if tc.zh != "" && len(res.Errors) > 0 && !strings.Contains(res.Errors[0].TextZH(), tc.zh) {
				t.Errorf("message %q lacks %q", res.Errors[0].TextZH(), tc.zh)
			}
			for _, e := range res.Errors {
				if e.Message == "" || e.MessageZH == "" || strings.HasPrefix(e.MessageZH, "years.") {
					t.Errorf("message not for a reader: %+v", e)
				}
			}
			c := res.Counts
			if c.Imported != tc.imported || c.Rejected != c.Enterprises-tc.imported || c.ErrorRows != len(res.BadRows()[ent])+len(res.BadRows()[yr]) {
				t.Errorf("counts = %+v", c)
			}
		})
	}
}

func TestImportWarningKeepsRow(t *testing.T) {
	ents, years := baseRows()
	years[0]["主营业务收入（万元）"] = 2000 // above revenue: a warning
	res := importBytes(t, workbook(t, ents, years))
	if len(res.Records) != 3 {
		t.Fatalf("%d imported, want 3\n%s", len(res.Records), errorsText(res))
	}
	if len(res.Errors) != 1 || !res.Errors[0].Warning || res.Errors[0].Column != "主营业务收入（万元）" || res.Errors[0].Row != 2 {
		t.Errorf("problems = %+v, want one warning on 年度数据 row 2", res.Errors)
	}
	if res.Counts.Warnings != 1 || res.Counts.ErrorRows != 0 {
		t.Errorf("counts = %+v", res.Counts)
	}
}

func TestImportCellForms(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header string
		value  any
		path   string
		want   string // "" = unknown
	}{
		{"BlankIsUnknown", "研发费用（万元）", "", "years.2025.rd_expense", ""},
		{"SpacesAreBlank", "研发费用（万元）", "  ", "years.2025.rd_expense", ""},
		{"ZeroIsZero", "研发费用（万元）", 0, "years.2025.rd_expense", "0"},
		{"ZeroTextIsZero", "研发费用（万元）", "0", "years.2025.rd_expense", "0"},
		{"ThousandsSeparator", "研发费用（万元）", "1,234.5", "years.2025.rd_expense", "1234.5"},
		{"FormulaNoise", "研发费用（万元）", 3644.9999999999995, "years.2025.rd_expense", "3645"},
		{"NegativeProfit", "净利润（万元）", -12.25, "years.2025.net_profit", "-12.25"},
		{"PercentText", "全国细分市场占有率（%）", "12%", "product.market_share", "0.12"},
		{"PercentWideSign", "全国细分市场占有率（%）", "12％", "product.market_share", "0.12"},
		{"PercentRatio", "全国细分市场占有率（%）", 0.12, "product.market_share", "0.12"},
		{"PercentNumber", "全国细分市场占有率（%）", 12, "product.market_share", "0.12"},
		{"PercentOneIsAll", "全国细分市场占有率（%）", 1, "product.market_share", "1"},
		{"PercentHundred", "全国细分市场占有率（%）", "100%", "product.market_share", "1"},
		{"PercentZero", "全国细分市场占有率（%）", 0, "product.market_share", "0"},
		{"DateText", "成立日期", "2014-03-18", "established", "2014-03-18"},
		{"DateSlashes", "成立日期", "2014/3/8", "established", "2014-03-08"},
		{"DateSerial", "成立日期", 41716, "established", "2014-03-18"},
		{"DateSerialText", "成立日期", "41716", "established", "2014-03-18"},
		{"DateAfterPhantomLeapDay", "成立日期", 61, "established", "1900-03-01"},
		{"BoolYes", "独立法人资格", "是", "legal_person", "true"},
		{"BoolNo", "独立法人资格", "否", "legal_person", "false"},
		{"BoolExcel", "独立法人资格", true, "legal_person", "true"},
		{"BanNone", "数据造假禁报截止日", "无", "flags.data_fraud_ban_until", "null"},
		{"BanDate", "数据造假禁报截止日", "2027-06-30", "flags.data_fraud_ban_until", "2027-06-30"},
		{"RegionByName", "所属区县（市）", "郑东新区", "region", "410199"},
		{"RegionByCode", "所属区县（市）", "410181", "region", "410181"},
		{"TierByCode", "已获最高梯度称号", "srdi", "titles[0].tier", "srdi"},
		{"USCCSpacesAndCase", "统一社会信用代码", " " + strings.ToLower(uscc(1)[:9]) + " " + uscc(1)[9:], "uscc", uscc(1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ents, years := baseRows()
			target := ents[0]
			if strings.HasPrefix(tc.path, "years.") {
				target = years[0]
			}
			target[tc.header] = tc.value
			res := importBytes(t, workbook(t, ents, years))
			if len(res.Errors) != 0 || len(res.Records) != 3 {
				t.Fatalf("%d imported, problems:\n%s", len(res.Records), errorsText(res))
			}
			got, ok := res.Records[0].Profile.GetPath(tc.path)
			if tc.want == "" && ok {
				t.Errorf("%s = %q, want unknown", tc.path, got)
			}
			if tc.want != "" && got != tc.want {
				t.Errorf("%s = %q (%v), want %q", tc.path, got, ok, tc.want)
			}
		})
	}
}

func TestImportEmptyDomainsIsKnownNone(t *testing.T) {
	ents, years := baseRows()
	ents[0]["主导产品所属领域"] = "无"
	res := importBytes(t, workbook(t, ents, years))
	p := res.Records[0].Profile
	if p.Product == nil || p.Product.Domains == nil || len(p.Product.Domains) != 0 {
		t.Errorf("domains = %#v, want a known empty set", p.Product)
	}
	if res.Records[1].Profile.Product != nil {
		t.Errorf("product of a row without product cells = %+v, want unknown", res.Records[1].Profile.Product)
	}
}

func TestImportBlankRowsAndColumnOrder(t *testing.T) {
	// A workbook made by hand: columns in another order, headers without
	// units, blank rows in between, an unknown column and no 年度数据 sheet.
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	if err := f.SetSheetName(sh, xlsx.SheetEnterprise); err != nil {
		t.Fatal(err)
	}
	sh = xlsx.SheetEnterprise
	rows := [][]any{
		{"企业名称", "备注", "统一社会信用代码", "所属区县"},
		{"甲公司", "x", uscc(1), "金水区"},
		{},
		{"", "只有备注", "", ""},
		{"乙公司", "", uscc(2), "中原区"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	res := importBytes(t, b.Bytes())
	if len(res.Errors) != 0 {
		t.Fatalf("problems:\n%s", errorsText(res))
	}
	if len(res.Records) != 2 || res.Records[1].Name != "乙公司" || res.Records[1].Region != "410102" {
		t.Errorf("records = %+v", res.Records)
	}
	if !slices.Equal(res.Ignored, []string{"企业!B1 备注"}) {
		t.Errorf("ignored = %v", res.Ignored)
	}
	if res.Counts.Enterprises != 2 {
		t.Errorf("counts = %+v, want the blank rows skipped", res.Counts)
	}
}

func TestImportRefusesNonWorkbook(t *testing.T) {
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	var plainZip bytes.Buffer
	zw := zip.NewWriter(&plainZip)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("hello"))
	zw.Close()
	noSheet := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		var b bytes.Buffer
		f.Write(&b)
		return b.Bytes()
	}()
	noKey := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetName("Sheet1", xlsx.SheetEnterprise)
		f.SetSheetRow(xlsx.SheetEnterprise, "A1", &[]any{"企业名称", "所属区县"})
		var b bytes.Buffer
		f.Write(&b)
		return b.Bytes()
	}()
	for _, tc := range []struct {
		name   string
		data   []byte
		target error
		zh     string
	}{
		{"Empty", nil, xlsx.ErrNotWorkbook, "不是 Excel 工作簿"},
		{"RandomBytes", random, xlsx.ErrNotWorkbook, "不是 Excel 工作簿"},
		{"CSV", []byte("统一社会信用代码,企业名称\n91410100MA0000001X,甲公司\n"), xlsx.ErrNotWorkbook, "不是 Excel 工作簿"},
		{"OldXLSHeader", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random...), xlsx.ErrNotWorkbook, "不是 Excel 工作簿"},
		{"ZipNotWorkbook", plainZip.Bytes(), nil, ""},
		{"NoEnterpriseSheet", noSheet, xlsx.ErrNotTemplate, "没有「企业」工作表"},
		{"NoUSCCColumn", noKey, xlsx.ErrNotTemplate, "缺少「统一社会信用代码」列"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := xlsx.Import(bytes.NewReader(tc.data), zhengzhou)
			if err == nil {
				t.Fatalf("accepted, result %+v", res)
			}
			if apperr.Code(err) != apperr.EINVALID {
				t.Errorf("code = %s, want %s (%v)", apperr.Code(err), apperr.EINVALID, err)
			}
			if tc.target != nil && !errors.Is(err, tc.target) {
				t.Errorf("err = %v, want %v", err, tc.target)
			}
			if msg := apperr.Message(err); !strings.Contains(msg, tc.zh) {
				t.Errorf("Chinese message %q lacks %q", msg, tc.zh)
			}
			if tc.target != nil && !strings.Contains(err.Error(), tc.target.Error()) {
				t.Errorf("English %q lacks %q", err.Error(), tc.target.Error())
			}
		})
	}
}

func TestImportRegionsLimitScope(t *testing.T) {
	ents, years := baseRows()
	ents[1]["所属区县（市）"] = "中原区"
	b := workbook(t, ents, years)
	res, err := xlsx.Import(bytes.NewReader(b), zhengzhou[3:4]) // 金水区 alone
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 2 || len(res.BadRows()[xlsx.SheetEnterprise]) != 1 {
		t.Errorf("a district official imported %d records, bad rows %v", len(res.Records), res.BadRows())
	}
}
