package profile_test

import (
	"slices"
	"strings"
	"testing"

	"zjtx/internal/profile"
)

// TestValidateRules applies one change to the clean spec example and checks
// that exactly the expected problem appears, at the expected path.
func TestValidateRules(t *testing.T) {
	type set struct{ path, value string }
	tests := []struct {
		name   string
		change []set
		edit   func(p *profile.Profile) // for changes that SetPath cannot express
		want   []problem
		wantZH string // a fragment of the first problem's Chinese message
	}{
		// Identity.
		{name: "USCCRequired", change: []set{{"uscc", ""}}, want: []problem{{"uscc", profile.CodeRequired, false}}, wantZH: "uscc（统一社会信用代码）：必填"},
		{name: "USCCCheckDigit", change: []set{{"uscc", "91410173MA3XQ8N1DA"}}, want: []problem{{"uscc", profile.CodeCheckDigit, false}}},
		{name: "USCCLength", change: []set{{"uscc", "91410173MA3XQ8N1D"}}, want: []problem{{"uscc", profile.CodeFormat, false}}},
		{name: "USCCRegionNotDigits", change: []set{{"uscc", "9141A173MA3XQ8N1DR"}}, want: []problem{{"uscc", profile.CodeFormat, false}}},
		{name: "NameRequired", change: []set{{"name", ""}}, want: []problem{{"name", profile.CodeRequired, false}}, wantZH: "name（企业名称）：必填，不能为空"},
		{name: "NameBlank", change: []set{{"name", "  "}}, want: []problem{{"name", profile.CodeRequired, false}}},
		{name: "RegionFiveDigits", change: []set{{"region", "41017"}}, want: []problem{{"region", profile.CodeFormat, false}}},
		{name: "RegionLetters", change: []set{{"region", "41017A"}}, want: []problem{{"region", profile.CodeFormat, false}}},
		{name: "IndustrySectionOnly", change: []set{{"industry", "C"}}, want: []problem{{"industry", profile.CodeFormat, false}}},
		{name: "IndustryFiveDigits", change: []set{{"industry", "C34841"}}, want: []problem{{"industry", profile.CodeFormat, false}}},
		{name: "IndustryLowercase", change: []set{{"industry", "c3484"}}, want: []problem{{"industry", profile.CodeFormat, false}}},
		{name: "IndustrySectionU", change: []set{{"industry", "U9700"}}, want: []problem{{"industry", profile.CodeFormat, false}}},
		{name: "IndustryDivisionOutsideSection", change: []set{{"industry", "B3484"}}, want: []problem{{"industry", profile.CodeFormat, false}}, wantZH: "大类 34 不属于门类 B"},
		{name: "IndustryDivision", change: []set{{"industry", "I65"}}},
		{name: "IndustryGroup", change: []set{{"industry", "K702"}}},
		// Dates.
		{name: "EstablishedYear1800", change: []set{{"established", "1800-01-01"}}, want: []problem{{"established", profile.CodeRange, false}}},
		{name: "NicheBeforeEstablishedWarns", change: []set{{"niche_since", "2010-01-01"}}, want: []problem{{"niche_since", profile.CodeDateOrder, true}}},
		{name: "BanDateYear3000", change: []set{{"flags.data_fraud_ban_until", "3000-01-01"}}, want: []problem{{"flags.data_fraud_ban_until", profile.CodeRange, false}}},
		// Amounts.
		{name: "RDExpenseNegative", change: []set{{"years.2025.rd_expense", "-0.01"}}, want: []problem{{"years.2025.rd_expense", profile.CodeNegative, false}}, wantZH: "years.2025.rd_expense（研发费用）：不能为负数"},
		{name: "NetProfitNegativeIsALoss", change: []set{{"years.2025.net_profit", "-50"}}},
		{name: "ZeroRevenue", change: []set{{"years.2025.revenue", "0"}, {"years.2025.main_revenue", "0"}}},
		{name: "PlatformScore100", change: []set{{"years.2026.platform_score", "100"}}},
		{name: "PlatformScoreAbove100", change: []set{{"years.2026.platform_score", "100.5"}}, want: []problem{{"years.2026.platform_score", profile.CodeRange, false}}, wantZH: "应在 0 到 100 之间（实际为 100.5）"},
		{name: "PlatformScoreNegative", change: []set{{"years.2026.platform_score", "-1"}}, want: []problem{{"years.2026.platform_score", profile.CodeRange, false}}},
		{name: "LocalScore15", change: []set{{"local_score", "15"}}},
		{name: "LocalScoreAbove15", change: []set{{"local_score", "15.0001"}}, want: []problem{{"local_score", profile.CodeRange, false}}},
		{name: "MarketShareOne", change: []set{{"product.market_share", "1"}}},
		{name: "MarketShareAboveOne", change: []set{{"product.market_share", "1.2"}}, want: []problem{{"product.market_share", profile.CodeRange, false}}, wantZH: "product.market_share（全国细分市场占有率）：应在 0 到 1 之间"},
		{name: "MarketShareNegative", change: []set{{"product.market_share", "-0.1"}}, want: []problem{{"product.market_share", profile.CodeRange, false}}},
		{name: "MarketRankZero", change: []set{{"product.market_rank", "0"}}, want: []problem{{"product.market_rank", profile.CodeRange, false}}},
		{name: "DigitalLevelZero", change: []set{{"digital_level", "0"}}, want: []problem{{"digital_level", profile.CodeRange, false}}},
		{name: "DigitalLevelFour", change: []set{{"digital_level", "4"}}},
		{name: "DigitalLevelFive", change: []set{{"digital_level", "5"}}, want: []problem{{"digital_level", profile.CodeRange, false}}, wantZH: "应在 1 到 4 之间"},
		// Headcounts.
		{name: "EmployeesNegative", change: []set{{"years.2025.employees", "-1"}, {"years.2025.rd_staff", "-1"}, {"years.2025.tech_staff", "-1"}}, want: []problem{
			{"years.2025.employees", profile.CodeNegative, false}, {"years.2025.rd_staff", profile.CodeNegative, false}, {"years.2025.tech_staff", profile.CodeNegative, false}}},
		{name: "RDStaffEqualsEmployees", change: []set{{"years.2025.rd_staff", "120"}, {"years.2025.tech_staff", "120"}}},
		{name: "RDStaffAboveEmployees", change: []set{{"years.2025.rd_staff", "121"}}, want: []problem{{"years.2025.rd_staff", profile.CodeExceeds, false}}, wantZH: "研发人员数（121 人）不能超过从业人员数（120 人）"},
		{name: "TechStaffAboveEmployees", change: []set{{"years.2024.tech_staff", "111"}}, want: []problem{{"years.2024.tech_staff", profile.CodeExceeds, false}}},
		{name: "MainRevenueAboveRevenueWarns", change: []set{{"years.2025.main_revenue", "3645.0001"}}, want: []problem{{"years.2025.main_revenue", profile.CodeExceeds, true}}, wantZH: "主营业务收入（3645.0001 万元）超过营业收入（3645 万元）"},
		{name: "MainRevenueEqualsRevenue", change: []set{{"years.2025.main_revenue", "3645"}}},
		// Enumerations.
		{name: "IPKindUnknown", change: []set{}, edit: func(p *profile.Profile) { p.IP[0].Kind = "trademark" }, want: []problem{{"ip[0].kind", profile.CodeUnknownValue, false}}, wantZH: "ip[0].kind（知识产权类别）：未知取值“trademark”"},
		{name: "IPKindMissing", edit: func(p *profile.Profile) { p.IP[0].Kind = "" }, want: []problem{{"ip[0].kind", profile.CodeRequired, false}}},
		{name: "IPHolderRankNegative", change: []set{{"ip[0].holder_rank", "-1"}}, want: []problem{{"ip[0].holder_rank", profile.CodeNegative, false}}},
		{name: "IPTransferDateWithoutTransferWarns", change: []set{{"ip[0].transfer_date", "2022-01-01"}}, want: []problem{{"ip[0].transfer_date", profile.CodeInconsistent, true}}},
		{name: "IPTransferred", change: []set{{"ip[0].transfer_date", "2022-01-01"}, {"ip[0].transferred_in", "true"}}},
		{name: "HonorKindUnknown", edit: func(p *profile.Profile) { p.Honors[0].Kind = "famous_brand" }, want: []problem{{"honors[0].kind", profile.CodeUnknownValue, false}}},
		{name: "TitleTierUnknown", edit: func(p *profile.Profile) { p.Titles[0].Tier = "giant" }, want: []problem{{"titles[0].tier", profile.CodeUnknownValue, false}}},
		{name: "AwardLevelUnknown", edit: func(p *profile.Profile) { p.Awards[0].Level = "municipal" }, want: []problem{{"awards[0].level", profile.CodeUnknownValue, false}}},
		{name: "AwardYearMissing", change: []set{{"awards[0].year", "0"}}, want: []problem{{"awards[0].year", profile.CodeRequired, false}}},
		{name: "AwardYear1899", change: []set{{"awards[0].year", "1899"}}, want: []problem{{"awards[0].year", profile.CodeRange, false}}},
		{name: "AwardRankNegative", change: []set{{"awards[0].rank", "-2"}}, want: []problem{{"awards[0].rank", profile.CodeNegative, false}}},
		{name: "RDInstitutionLevelUnknown", edit: func(p *profile.Profile) { p.RDInstitutions[0].Level = "county" }, want: []problem{{"rd_institutions[0].level", profile.CodeUnknownValue, false}}},
		{name: "StandardLevelUnknown", edit: func(p *profile.Profile) { p.Standards[0].Level = "enterprise" }, want: []problem{{"standards[0].level", profile.CodeUnknownValue, false}}},
		{name: "StandardRoleUnknown", edit: func(p *profile.Profile) { p.Standards[0].Role = "drafter" }, want: []problem{{"standards[0].role", profile.CodeUnknownValue, false}}},
		{name: "StandardYearMissing", change: []set{{"standards[0].year", "0"}}, want: []problem{{"standards[0].year", profile.CodeRequired, false}}},
		{name: "MakerChinaResultUnknown", edit: func(p *profile.Profile) { p.MakerChina[0].Result = "winner" }, want: []problem{{"maker_china[0].result", profile.CodeUnknownValue, false}}},
		{name: "MakerChinaYear2101", change: []set{{"maker_china[0].year", "2101"}}, want: []problem{{"maker_china[0].year", profile.CodeRange, false}}},
		{name: "DomainUnknown", edit: func(p *profile.Profile) { p.Product.Domains = append(p.Product.Domains, "blockchain") }, want: []problem{{"product.domains[1]", profile.CodeUnknownValue, false}}},
		{name: "DomainDuplicate", edit: func(p *profile.Profile) { p.Product.Domains = append(p.Product.Domains, "six_basics") }, want: []problem{{"product.domains[1]", profile.CodeDuplicate, false}}},
		{name: "RDMethodEnum", edit: func(p *profile.Profile) { p.RDMethod = "revenue" }, want: []problem{{"rd_method", profile.CodeUnknownValue, false}}},
		{name: "RDMethodCost", change: []set{{"rd_method", "cost"}}},
		// Validity windows.
		{name: "HonorEndsBeforeStart", change: []set{{"honors[0].valid_to", "2023-11-30"}}, want: []problem{{"honors[0].valid_to", profile.CodeDateOrder, false}}, wantZH: "有效期止 2023-11-30 早于有效期起 2023-12-01"},
		{name: "HonorOneDay", change: []set{{"honors[0].valid_to", "2023-12-01"}}},
		{name: "TitleEndsBeforeRecognition", change: []set{{"titles[0].valid_to", "2023-12-31"}}, want: []problem{{"titles[0].valid_to", profile.CodeDateOrder, false}}},
		// Years set from Go.
		{name: "YearKeyOutOfRange", edit: func(p *profile.Profile) { p.Years[1899] = &profile.Year{} }, want: []problem{{"years.1899", profile.CodeFormat, false}}},
		{name: "YearNil", edit: func(p *profile.Profile) { p.Years[2023] = nil }, want: []problem{{"years.2023", profile.CodeRequired, false}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustExample(t)
			for _, c := range tc.change {
				if err := p.SetPath(c.path, c.value); err != nil {
					t.Fatal(err)
				}
			}
			if tc.edit != nil {
				tc.edit(p)
			}
			errs := profile.Validate(p)
			if got := problems(errs); !sameProblems(got, tc.want) {
				t.Fatalf("problems = %v\nwant %v\n%v", got, tc.want, errs)
			}
			if tc.wantZH != "" && !strings.Contains(errs[0].MessageZH, tc.wantZH) {
				t.Errorf("MessageZH = %q, want it to contain %q", errs[0].MessageZH, tc.wantZH)
			}
			for _, e := range errs {
				if e.Message == "" || e.MessageZH == "" || e.Code == "" {
					t.Errorf("incomplete problem %+v", e)
				}
			}
		})
	}
}

// Every negative amount except the net profit is an error.
func TestValidateMoneyNonNegative(t *testing.T) {
	fields := []string{"revenue", "main_revenue", "rd_expense", "total_assets", "total_liabilities",
		"equity_financing", "sales_revenue", "cost_expense_total"}
	for _, f := range fields {
		path := "years.2025." + f
		p := mustExample(t)
		if err := p.SetPath(path, "-1"); err != nil {
			t.Fatal(err)
		}
		errs := profile.Validate(p)
		errs = slices.DeleteFunc(errs, func(e profile.FieldError) bool { return e.Warning })
		want := []problem{{path, profile.CodeNegative, false}}
		if got := problems(errs); !sameProblems(got, want) {
			t.Errorf("%s = -1: problems %v, want %v", path, got, want)
		}
	}
}

func TestValidateCollectsAll(t *testing.T) {
	p := &profile.Profile{
		Industry: "X1",
		Years:    map[int]*profile.Year{2025: {Revenue: dec("-1"), Employees: i64(5), RDStaff: i64(6)}},
		IP:       []profile.IP{{Kind: "x"}, {}},
	}
	got := problems(profile.Validate(p))
	want := []problem{
		{"uscc", profile.CodeRequired, false},
		{"name", profile.CodeRequired, false},
		{"industry", profile.CodeFormat, false},
		{"years.2025.revenue", profile.CodeNegative, false},
		{"years.2025.rd_staff", profile.CodeExceeds, false},
		{"ip[0].kind", profile.CodeUnknownValue, false},
		{"ip[1].kind", profile.CodeRequired, false},
	}
	if !sameProblems(got, want) {
		t.Errorf("problems = %v\nwant %v", got, want)
	}
	if got := profile.Validate(nil); !got.HasErrors() {
		t.Error("Validate(nil) passed")
	}
}

func TestLabelAndDescribe(t *testing.T) {
	tests := []struct{ path, label, unit, kind string }{
		{"years.2025.rd_expense", "研发费用", "万元", "decimal"},
		{"years.*.employees", "从业人员数", "人", "integer"},
		{"ip[12].kind", "知识产权类别", "", "string"},
		{"flags.data_fraud_ban_until", "数据造假禁报截止日", "", "date_or_null"},
		{"product.domains[0]", "主导产品所属领域", "", "string"},
		{"quality.own_brand", "自主品牌", "", "bool"},
		{"honors", "资质荣誉", "", "list"},
		{"established", "成立日期", "", "date"},
	}
	for _, tc := range tests {
		fi, ok := profile.Describe(tc.path)
		if !ok || fi.Label != tc.label || fi.Unit != tc.unit || fi.Kind != tc.kind {
			t.Errorf("Describe(%s) = %+v, %v; want %s %s %s", tc.path, fi, ok, tc.label, tc.unit, tc.kind)
		}
	}
	if fi, _ := profile.Describe("ip[0].kind"); len(fi.Enum) != 10 {
		t.Errorf("ip kinds = %v", fi.Enum)
	}
	if _, ok := profile.Describe("years.2025.profit"); ok {
		t.Error("Describe knows an unknown path")
	}
}

func dec(s string) *profile.Dec {
	d, err := profile.ParseDec(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func i64(n int64) *int64 { return &n }
