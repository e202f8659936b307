package profile_test

import (
	"slices"
	"testing"

	"zjtx/internal/profile"
)

func TestSizeClass(t *testing.T) {
	type in struct {
		industry        string
		employees       *int64
		revenue, assets *profile.Dec
	}
	tests := []struct {
		name  string
		in    in
		row   string
		sme   bool
		known bool
		size  profile.Size
	}{
		// 工业: SME if 从业人员 < 1000 or 营业收入 < 40000 (以下 is strict).
		{"Industry999PeopleHugeRevenue", in{"C3484", i64(999), dec("500000"), nil}, "industry", true, true, profile.SizeMedium},
		{"Industry1000PeopleHugeRevenue", in{"C3484", i64(1000), dec("40000"), nil}, "industry", false, true, profile.SizeLarge},
		{"Industry1000PeopleRevenueJustBelow", in{"C3484", i64(1000), dec("39999.9999"), nil}, "industry", true, true, profile.SizeMedium},
		// Medium needs ≥ 300 people and ≥ 2000 万元 (及以上 is inclusive).
		{"IndustryMediumEdge", in{"C3484", i64(300), dec("2000"), nil}, "industry", true, true, profile.SizeMedium},
		{"Industry299People", in{"C3484", i64(299), dec("2000"), nil}, "industry", true, true, profile.SizeSmall},
		{"IndustryRevenueBelowMedium", in{"C3484", i64(300), dec("1999.9999"), nil}, "industry", true, true, profile.SizeSmall},
		// Small needs ≥ 20 people and ≥ 300 万元; otherwise micro.
		{"IndustrySmallEdge", in{"B0610", i64(20), dec("300"), nil}, "industry", true, true, profile.SizeSmall},
		{"Industry19People", in{"D4411", i64(19), dec("300"), nil}, "industry", true, true, profile.SizeMicro},
		{"IndustryRevenue299", in{"C13", i64(25), dec("299.99"), nil}, "industry", true, true, profile.SizeMicro},
		{"SpecExampleYear2025", in{"C3484", i64(120), dec("3645"), nil}, "industry", true, true, profile.SizeSmall},
		// Unknown figures: decided when the known one decides, else unknown.
		{"Industry999PeopleRevenueUnknown", in{"C3484", i64(999), nil, nil}, "industry", true, true, profile.SizeUnknown},
		{"Industry10PeopleRevenueUnknownIsMicro", in{"C3484", i64(10), nil, nil}, "industry", true, true, profile.SizeMicro},
		{"Industry1000PeopleRevenueUnknown", in{"C3484", i64(1000), nil, nil}, "industry", false, false, profile.SizeUnknown},
		{"IndustryNothingKnown", in{"C3484", nil, nil, nil}, "industry", false, false, profile.SizeUnknown},
		{"IndustryPeopleUnknownRevenueSmall", in{"C3484", nil, dec("100"), nil}, "industry", true, true, profile.SizeMicro},
		// 软件和信息技术服务业: < 300 people or < 10000; medium ≥ 100 and ≥ 1000; small ≥ 10 and ≥ 50.
		{"Software300People", in{"I6513", i64(300), dec("10000"), nil}, "software", false, true, profile.SizeLarge},
		{"Software299People", in{"I6513", i64(299), dec("10000"), nil}, "software", true, true, profile.SizeMedium},
		{"SoftwareSmallEdge", in{"I65", i64(10), dec("50"), nil}, "software", true, true, profile.SizeSmall},
		{"SoftwareMicro", in{"I6510", i64(10), dec("49.9999"), nil}, "software", true, true, profile.SizeMicro},
		// 信息传输业.
		{"InformationTransmission", in{"I6410", i64(1999), dec("200000"), nil}, "information_transmission", true, true, profile.SizeMedium},
		{"InformationTransmissionLarge", in{"I6311", i64(2000), dec("100000"), nil}, "information_transmission", false, true, profile.SizeLarge},
		// 批发业 and 零售业.
		{"Wholesale200People", in{"F5171", i64(200), dec("40000"), nil}, "wholesale", false, true, profile.SizeLarge},
		{"WholesaleSmallEdge", in{"F5171", i64(5), dec("1000"), nil}, "wholesale", true, true, profile.SizeSmall},
		{"Wholesale4People", in{"F5171", i64(4), dec("1000"), nil}, "wholesale", true, true, profile.SizeMicro},
		{"RetailMedium", in{"F5211", i64(50), dec("500"), nil}, "retail", true, true, profile.SizeMedium},
		// 建筑业 reads revenue and assets, not people.
		{"ConstructionLarge", in{"E4710", i64(5), dec("80000"), dec("80000")}, "construction", false, true, profile.SizeLarge},
		{"ConstructionAssetsBelow", in{"E4811", i64(5000), dec("80000"), dec("79999")}, "construction", true, true, profile.SizeMedium},
		{"ConstructionMicro", in{"E50", nil, dec("6000"), dec("299")}, "construction", true, true, profile.SizeMicro},
		{"ConstructionAssetsUnknown", in{"E4710", nil, dec("90000"), nil}, "construction", false, false, profile.SizeUnknown},
		// 交通运输业, 仓储业 and 邮政业; 装卸搬运 G591 is transport.
		{"RoadTransport", in{"G5430", i64(300), dec("3000"), nil}, "transport", true, true, profile.SizeMedium},
		{"LoadingIsTransport", in{"G5910", i64(250), dec("1000"), nil}, "transport", true, true, profile.SizeSmall},
		{"Warehousing200People", in{"G5920", i64(200), dec("30000"), nil}, "warehousing", false, true, profile.SizeLarge},
		{"WarehousingMedium", in{"G5951", i64(100), dec("1000"), nil}, "warehousing", true, true, profile.SizeMedium},
		{"Postal", in{"G6010", i64(300), dec("2000"), nil}, "postal", true, true, profile.SizeMedium},
		// 住宿业, 餐饮业.
		{"Hotel", in{"H6110", i64(100), dec("2000"), nil}, "accommodation", true, true, profile.SizeMedium},
		{"Restaurant9People", in{"H6210", i64(9), dec("5000"), nil}, "catering", true, true, profile.SizeMicro},
		// 房地产开发经营 (K7010) and 物业管理 (K7020); the rest of K is 其他未列明.
		{"RealEstateDevelopmentLarge", in{"K7010", i64(50), dec("200000"), dec("10000")}, "real_estate_development", false, true, profile.SizeLarge},
		{"RealEstateDevelopmentAssetsBelow", in{"K7010", i64(50), dec("200000"), dec("9999")}, "real_estate_development", true, true, profile.SizeMedium},
		{"RealEstateDevelopmentSmall", in{"K701", nil, dec("100"), dec("2000")}, "real_estate_development", true, true, profile.SizeSmall},
		{"PropertyManagementMicro", in{"K7020", i64(99), dec("5000"), nil}, "property_management", true, true, profile.SizeMicro},
		{"RealEstateAgencyIsOther", in{"K7030", i64(100), dec("999999"), nil}, "other", true, true, profile.SizeMedium},
		// 租赁和商务服务业 reads people and assets.
		{"LeasingLarge", in{"L7212", i64(300), nil, dec("120000")}, "leasing_business_services", false, true, profile.SizeLarge},
		{"LeasingSmall", in{"L7212", i64(99), dec("1"), dec("100")}, "leasing_business_services", true, true, profile.SizeSmall},
		// 农、林、牧、渔业 reads revenue only.
		{"AgricultureLarge", in{"A0111", i64(5000), dec("20000"), nil}, "agriculture", false, true, profile.SizeLarge},
		{"AgricultureSmall", in{"A0111", nil, dec("50"), nil}, "agriculture", true, true, profile.SizeSmall},
		{"AgricultureMicro", in{"A05", nil, dec("49.99"), nil}, "agriculture", true, true, profile.SizeMicro},
		// 其他未列明行业 (科学研究和技术服务业 M…): people only.
		{"Research299", in{"M7320", i64(299), dec("999999"), nil}, "other", true, true, profile.SizeMedium},
		{"Research300", in{"M7320", i64(300), nil, nil}, "other", false, true, profile.SizeLarge},
		{"Research99", in{"M7491", i64(99), nil, nil}, "other", true, true, profile.SizeSmall},
		{"Research10", in{"M75", i64(10), nil, nil}, "other", true, true, profile.SizeSmall},
		{"Research9", in{"M75", i64(9), nil, nil}, "other", true, true, profile.SizeMicro},
		{"EducationIsOther", in{"P8336", i64(9), nil, nil}, "other", true, true, profile.SizeMicro},
		// Codes the table cannot classify.
		{"Railway", in{"G5311", i64(10), dec("1"), nil}, "", false, false, profile.SizeUnknown},
		{"Finance", in{"J6620", i64(10), dec("1"), nil}, "", false, false, profile.SizeUnknown},
		{"G59TooCoarse", in{"G59", i64(10), dec("1"), nil}, "", false, false, profile.SizeUnknown},
		{"K70TooCoarse", in{"K70", i64(10), dec("1"), dec("1")}, "", false, false, profile.SizeUnknown},
		{"SectionGTooCoarse", in{"G", i64(10), dec("1"), nil}, "", false, false, profile.SizeUnknown},
		{"SectionCIsEnough", in{"C", i64(10), dec("1"), nil}, "industry", true, true, profile.SizeMicro},
		{"NoIndustry", in{"", i64(10), dec("1"), nil}, "", false, false, profile.SizeUnknown},
		{"MalformedIndustry", in{"3484", i64(10), dec("1"), nil}, "", false, false, profile.SizeUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := profile.SizeClass(tc.in.industry, tc.in.employees, tc.in.revenue, tc.in.assets)
			if got.Row != tc.row || got.SME != tc.sme || got.Known != tc.known || got.Size != tc.size {
				t.Errorf("SizeClass = row %q sme %v known %v size %q; want row %q sme %v known %v size %q (%+v)",
					got.Row, got.SME, got.Known, got.Size, tc.row, tc.sme, tc.known, tc.size, got)
			}
			if got.Row == "" && (got.Reason == "" || got.ReasonZH == "") {
				t.Error("no row and no reason")
			}
			if got.Row != "" && (got.RowZH == "" || got.Clause == "") {
				t.Errorf("row without its name or clause: %+v", got)
			}
		})
	}
}

func TestSizeClassMissing(t *testing.T) {
	got := profile.SizeClass("C3484", i64(1000), nil, nil)
	if !slices.Equal(got.Missing, []string{"revenue"}) {
		t.Errorf("Missing = %v, want [revenue]", got.Missing)
	}
	got = profile.SizeClass("E4710", nil, nil, nil)
	if !slices.Equal(got.Missing, []string{"revenue", "total_assets"}) {
		t.Errorf("Missing = %v", got.Missing)
	}
	got = profile.SizeClass("C3484", i64(100), dec("3000"), nil)
	if got.Missing != nil {
		t.Errorf("Missing = %v for a decided size", got.Missing)
	}
}

func TestProfileSizeClass(t *testing.T) {
	p := mustExample(t)
	if got := p.SizeClass(2025); !got.Known || !got.SME || got.Size != profile.SizeSmall || got.RowZH != "工业" {
		t.Errorf("2025: %+v", got)
	}
	if got := p.SizeClass(2026); got.Known { // 2026 holds only the platform score
		t.Errorf("2026: %+v", got)
	}
	if got := p.SizeClass(2019); got.Known {
		t.Errorf("absent year: %+v", got)
	}
}

func TestSizeZH(t *testing.T) {
	for s, want := range map[profile.Size]string{
		profile.SizeLarge: "大型", profile.SizeMedium: "中型", profile.SizeSmall: "小型", profile.SizeMicro: "微型", profile.SizeUnknown: "未知",
	} {
		if s.ZH() != want {
			t.Errorf("%q.ZH() = %s", s, s.ZH())
		}
	}
}
