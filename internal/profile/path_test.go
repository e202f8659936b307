package profile_test

import (
	"errors"
	"reflect"
	"testing"

	"zjtx/internal/profile"
)

func TestSetPathGetPath(t *testing.T) {
	tests := []struct {
		path, value, want string
	}{
		{"years.2025.rd_expense", "150", "150"},
		{"years.2025.rd_expense", "150.1250", "150.125"},
		{"years.2025.net_profit", "-3.5", "-3.5"},
		{"years.2025.employees", "130", "130"},
		{"years.2027.revenue", "5000", "5000"}, // creates the year
		{"product.market_share", "0.15", "0.15"},
		{"product.market_rank", "2", "2"},
		{"product.name", "丝杠", "丝杠"},
		{"digital_level", "3", "3"},
		{"flags.abnormal_list", "true", "true"},
		{"flags.data_fraud_ban_until", "2027-12-31", "2027-12-31"},
		{"flags.data_fraud_ban_until", "null", "null"},
		{"niche_since", "2017-07-01", "2017-07-01"},
		{"quality.own_brand", "false", "false"},
		{"local_score", "12.5", "12.5"},
		{"rd_method", "sales", "sales"},
		{"legal_person", "false", "false"},
		{"ip[0].related", "false", "false"},
		{"ip[0].kind", "utility_model", "utility_model"},
		{"ip[0].granted", "2020-02-29", "2020-02-29"},
		{"honors[0].valid_to", "2029-11-30", "2029-11-30"},
		{"awards[0].rank", "1", "1"},
		{"product.domains[0]", "emerging", "emerging"},
		{"uscc", "91350100M000100Y43", "91350100M000100Y43"},
	}
	for _, tc := range tests {
		t.Run(tc.path+"="+tc.value, func(t *testing.T) {
			p := mustExample(t)
			if err := p.SetPath(tc.path, tc.value); err != nil {
				t.Fatal(err)
			}
			got, ok := p.GetPath(tc.path)
			if !ok || got != tc.want {
				t.Errorf("GetPath(%s) = %q, %v; want %q", tc.path, got, ok, tc.want)
			}
			if errs := profile.Validate(p); errs.HasErrors() {
				t.Errorf("valid change made the profile invalid: %v", errs)
			}
		})
	}
}

func TestSetPathCreatesContainers(t *testing.T) {
	p := &profile.Profile{USCC: "91350100M000100Y43", Name: "x"}
	for _, c := range [][2]string{
		{"years.2025.rd_expense", "150"},
		{"flags.single_champion", "false"},
		{"quality.quality_award", "true"},
		{"product.strategic_emerging", "true"},
	} {
		if err := p.SetPath(c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	if p.Years[2025] == nil || p.Years[2025].RDExpense.String() != "150" || p.Years[2025].Revenue != nil {
		t.Errorf("years = %+v", p.Years[2025])
	}
	if p.Flags == nil || *p.Flags.SingleChampion || p.Flags.AbnormalList != nil {
		t.Errorf("flags = %+v", p.Flags)
	}
	if p.Quality == nil || !*p.Quality.QualityAward || p.Product == nil || !*p.Product.StrategicEmerging {
		t.Errorf("quality %+v product %+v", p.Quality, p.Product)
	}
}

// SetPath must not write through the old pointer: a profile that shares it
// (a shallow copy) keeps its value.
func TestSetPathDoesNotWriteThroughSharedPointers(t *testing.T) {
	p := mustExample(t)
	shallow := *p
	years := map[int]*profile.Year{}
	for y, yr := range p.Years {
		c := *yr
		years[y] = &c
	}
	shallow.Years = years
	if err := shallow.SetPath("years.2025.rd_expense", "999"); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.GetPath("years.2025.rd_expense"); got != "109.35" {
		t.Errorf("original changed to %s", got)
	}
}

func TestSetPathErrors(t *testing.T) {
	tests := []struct {
		path, value string
		want        error
	}{
		{"years.2025.profit", "1", profile.ErrUnknownPath},
		{"years.25.revenue", "1", profile.ErrUnknownPath},
		{"years.2025", "1", profile.ErrNotScalar},
		{"years.2025.revenue.x", "1", profile.ErrUnknownPath},
		{"revenue", "1", profile.ErrUnknownPath},
		{"", "1", profile.ErrUnknownPath},
		{"flags", "true", profile.ErrNotScalar},
		{"flags.abnormal", "true", profile.ErrUnknownPath},
		{"ip", "x", profile.ErrNotScalar},
		{"ip[0]", "x", profile.ErrNotScalar},
		{"ip[5].kind", "ic_layout", profile.ErrIndex},
		{"ip[-1].kind", "ic_layout", profile.ErrUnknownPath},
		{"ip[01].kind", "ic_layout", profile.ErrUnknownPath},
		{"ip[0].kinds", "ic_layout", profile.ErrUnknownPath},
		{"product.domains", "six_basics", profile.ErrNotScalar},
		{"product.domains[3]", "six_basics", profile.ErrIndex},
		{"name[0]", "x", profile.ErrUnknownPath},
		{"years.2025.rd_expense", "1e3", profile.ErrValue},
		{"years.2025.rd_expense", "1.23456", profile.ErrValue},
		{"years.2025.rd_expense", "", profile.ErrValue},
		{"years.2025.employees", "12.5", profile.ErrValue},
		{"digital_level", "two", profile.ErrValue},
		{"flags.abnormal_list", "yes", profile.ErrValue},
		{"flags.abnormal_list", "1", profile.ErrValue},
		{"niche_since", "2016-13-01", profile.ErrValue},
		{"ip[0].kind", "trademark", profile.ErrValue},
		{"rd_method", "revenue", profile.ErrValue},
		{"product.domains[0]", "blockchain", profile.ErrValue},
	}
	for _, tc := range tests {
		t.Run(tc.path+"="+tc.value, func(t *testing.T) {
			p := mustExample(t)
			before := p.Clone()
			err := p.SetPath(tc.path, tc.value)
			if !errors.Is(err, tc.want) {
				t.Fatalf("SetPath(%q, %q) = %v, want %v", tc.path, tc.value, err, tc.want)
			}
			if !reflect.DeepEqual(p, before) {
				t.Error("a failed SetPath changed the profile")
			}
		})
	}
}

func TestGetPathAbsent(t *testing.T) {
	p := mustExample(t)
	for _, path := range []string{
		"years.2025.platform_score", // year exists, field absent
		"years.2030.revenue",        // no such year
		"rd_method",                 // empty string
		"ip[3].kind",                // no such element
		"years.2025.nonsense",       // unknown path
		"flags",                     // not a scalar
		"product.domains[5]",
	} {
		if v, ok := p.GetPath(path); ok {
			t.Errorf("GetPath(%s) = %q, true; want absent", path, v)
		}
	}
	if _, ok := p.GetPath("years.2030.revenue"); ok || p.Years[2030] != nil {
		t.Error("GetPath created a year")
	}
	empty := &profile.Profile{}
	if _, ok := empty.GetPath("flags.abnormal_list"); ok || empty.Flags != nil {
		t.Error("GetPath on absent flags")
	}
}

func TestUnsetPath(t *testing.T) {
	tests := []struct {
		path  string
		check func(p *profile.Profile) bool
	}{
		{"years.2025.rd_expense", func(p *profile.Profile) bool { return p.Years[2025].RDExpense == nil && p.Years[2025].Revenue != nil }},
		{"years.2024", func(p *profile.Profile) bool { _, ok := p.Years[2024]; return !ok && p.Years[2025] != nil }},
		{"years", func(p *profile.Profile) bool { return p.Years == nil }},
		{"flags.data_fraud_ban_until", func(p *profile.Profile) bool { return !p.Flags.DataFraudBanUntil.Known }},
		{"flags", func(p *profile.Profile) bool { return p.Flags == nil }},
		{"product.market_share", func(p *profile.Profile) bool { return p.Product.MarketShare == nil }},
		{"product.domains", func(p *profile.Profile) bool { return p.Product.Domains == nil }},
		{"product.domains[0]", func(p *profile.Profile) bool { return p.Product.Domains != nil && len(p.Product.Domains) == 0 }},
		{"product", func(p *profile.Profile) bool { return p.Product == nil }},
		{"quality", func(p *profile.Profile) bool { return p.Quality == nil }},
		{"ip", func(p *profile.Profile) bool { return p.IP == nil }},
		{"ip[0]", func(p *profile.Profile) bool { return p.IP != nil && len(p.IP) == 0 }},
		{"ip[0].granted", func(p *profile.Profile) bool { return p.IP[0].Granted == nil }},
		{"ip[0].related", func(p *profile.Profile) bool { return !p.IP[0].Related }},
		{"digital_level", func(p *profile.Profile) bool { return p.DigitalLevel == nil }},
		{"name", func(p *profile.Profile) bool { return p.Name == "" }},
		{"years.2030.revenue", func(p *profile.Profile) bool { return p.Years[2030] == nil }}, // already absent
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			p := mustExample(t)
			if err := p.UnsetPath(tc.path); err != nil {
				t.Fatal(err)
			}
			if !tc.check(p) {
				t.Errorf("after UnsetPath(%s) the profile is %+v", tc.path, p)
			}
			got, ok := p.GetPath(tc.path)
			// A plain bool of a list element has no "unknown": it reads false.
			if plain := tc.path == "ip[0].related"; ok != plain || (plain && got != "false") {
				t.Errorf("GetPath(%s) = %q, %v after unsetting", tc.path, got, ok)
			}
		})
	}
	p := mustExample(t)
	for _, path := range []string{"ip[4]", "years.2025.profit", "nonsense", "product.domains[9]"} {
		if err := p.UnsetPath(path); err == nil {
			t.Errorf("UnsetPath(%s) = nil", path)
		}
	}
}

func TestAddPath(t *testing.T) {
	tests := []struct {
		path, elem string
		check      func(p *profile.Profile) bool
	}{
		{"ip", `{"kind":"invention_patent","related":true,"self_developed":true}`, func(p *profile.Profile) bool {
			return len(p.IP) == 2 && p.IP[1].Kind == profile.InventionPatent && p.IP[1].SelfDeveloped && !p.IP[1].Applied
		}},
		{"honors", `{"kind":"tech_sme","valid_from":"2026-05-01","valid_to":"2026-12-31"}`, func(p *profile.Profile) bool {
			return len(p.Honors) == 2 && p.Honors[1].ValidTo.String() == "2026-12-31"
		}},
		{"titles", `{"tier":"srdi","recognized":"2026-06-01"}`, func(p *profile.Profile) bool { return p.Titles[1].Tier == profile.TierSRDI }},
		{"awards", `{"level":"national","year":2025,"rank":1}`, func(p *profile.Profile) bool { return p.Awards[1].Year == 2025 }},
		{"rd_institutions", `{"level":"provincial","kind":"enterprise_tech_center"}`, func(p *profile.Profile) bool { return p.RDInstitutions[1].Level == "provincial" }},
		{"standards", `{"level":"group","role":"lead","year":2025}`, func(p *profile.Profile) bool { return p.Standards[1].Role == "lead" }},
		{"maker_china", `{"year":2025,"result":"national_top50"}`, func(p *profile.Profile) bool { return p.MakerChina[1].Result == "national_top50" }},
		{"product.domains", `"manufacturing_power"`, func(p *profile.Profile) bool {
			return reflect.DeepEqual(p.Product.Domains, []string{"six_basics", "manufacturing_power"})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			p := mustExample(t)
			if err := p.AddPath(tc.path, []byte(tc.elem)); err != nil {
				t.Fatal(err)
			}
			if !tc.check(p) {
				t.Errorf("after AddPath(%s): %+v", tc.path, p)
			}
			if errs := profile.Validate(p); errs.HasErrors() {
				t.Error(errs)
			}
		})
	}
}

func TestAddPathToUnknownList(t *testing.T) {
	p := &profile.Profile{}
	if err := p.AddPath("ip", []byte(`{"kind":"software_copyright"}`)); err != nil {
		t.Fatal(err)
	}
	if err := p.AddPath("product.domains", []byte(`"future"`)); err != nil {
		t.Fatal(err)
	}
	if len(p.IP) != 1 || p.Product == nil || len(p.Product.Domains) != 1 {
		t.Errorf("ip %v product %+v", p.IP, p.Product)
	}
}

func TestAddPathErrors(t *testing.T) {
	tests := []struct {
		name, path, elem string
		wantPath         string // the path the Errors name; "" for a plain error
		wantErr          error
	}{
		{"UnknownKind", "ip", `{"kind":"trademark"}`, "ip[1].kind", nil},
		{"MissingKind", "ip", `{"related":true}`, "ip[1].kind", nil},
		{"UnknownField", "ip", `{"kind":"ic_layout","owner":"x"}`, "ip[1].owner", nil},
		{"WrongType", "awards", `{"level":"national","year":"2025"}`, "awards[1].year", nil},
		{"NotAnObject", "honors", `"high_tech_enterprise"`, "honors[1]", nil},
		{"EndsBeforeStart", "honors", `{"kind":"ip_demo","valid_from":"2026-01-01","valid_to":"2025-01-01"}`, "honors[1].valid_to", nil},
		{"BrokenJSON", "titles", `{"tier":`, "", nil},
		{"DuplicateDomain", "product.domains", `"six_basics"`, "product.domains[1]", nil},
		{"UnknownDomain", "product.domains", `"blockchain"`, "product.domains[1]", nil},
		{"DomainNotString", "product.domains", `{"d":1}`, "product.domains[1]", nil},
		{"ScalarPath", "digital_level", `3`, "", profile.ErrNotList},
		{"YearPath", "years.2025.revenue", `3`, "", profile.ErrNotList},
		{"UnknownPath", "patents", `{}`, "", profile.ErrUnknownPath},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := mustExample(t)
			before := p.Clone()
			err := p.AddPath(tc.path, []byte(tc.elem))
			if err == nil {
				t.Fatal("AddPath succeeded")
			}
			if !reflect.DeepEqual(p, before) {
				t.Error("a failed AddPath changed the profile")
			}
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			var errs profile.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %T %v, want profile.Errors", err, err)
			}
			if tc.wantPath != "" && len(errs.ByPath(tc.wantPath)) == 0 {
				t.Errorf("errs = %v, want one at %s", errs, tc.wantPath)
			}
		})
	}
}
