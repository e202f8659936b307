package profile_test

import (
	"bytes"
	"strings"
	"testing"

	"zjtx/internal/profile"
)

func TestDecodeSpecExample(t *testing.T) {
	p := mustExample(t)
	if p.USCC != "91410173MA3XQ8N1DR" || p.Industry != "C3484" {
		t.Errorf("identity = %s %s", p.USCC, p.Industry)
	}
	if got := p.Years[2025].RDExpense.String(); got != "109.35" {
		t.Errorf("years.2025.rd_expense = %s, want 109.35 exactly", got)
	}
	if got := *p.Years[2025].NetProfit; got != profile.Dec(2187000) {
		t.Errorf("years.2025.net_profit = %d units, want 2187000", got)
	}
	if f := p.Flags.DataFraudBanUntil; !f.Known || f.Until != nil {
		t.Errorf("data_fraud_ban_until null = %+v, want known and no ban", f)
	}
	if got := p.Years[2026].PlatformScore.String(); got != "55" {
		t.Errorf("years.2026.platform_score = %s", got)
	}
	if len(p.IP) != 1 || p.IP[0].Kind != profile.InventionPatent || p.IP[0].Granted.String() != "2021-06-01" {
		t.Errorf("ip = %+v", p.IP)
	}
}

// TestDecodeErrors: every problem comes back with the dotted path of its
// field and a machine code, never as a raw encoding/json message.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  []byte
		want []problem
	}{
		{"Clean", minimal(""), nil},
		{"CommentKeysIgnored", minimal(`"_as_of":"2026-09-01","_note":{"any":[1,2]},"years":{"_c":1,"2025":{"_src":"audit"}},"ip":[{"kind":"ic_layout","_why":"x"}]`), nil},
		{"UnknownTopLevelField", minimal(`"revenue":100`), []problem{{"revenue", profile.CodeUnknownField, false}}},
		{"UnknownFieldsSorted", minimal(`"zeta":1,"alpha":2`), []problem{{"alpha", profile.CodeUnknownField, false}, {"zeta", profile.CodeUnknownField, false}}},
		{"UnknownNestedField", minimal(`"flags":{"abnormal":true}`), []problem{{"flags.abnormal", profile.CodeUnknownField, false}}},
		{"UnknownYearField", minimal(`"years":{"2025":{"revenu":1}}`), []problem{{"years.2025.revenu", profile.CodeUnknownField, false}}},
		{"UnknownListElementField", minimal(`"ip":[{"kind":"ic_layout"},{"kind":"ic_layout","grant":"2020-01-01"}]`), []problem{{"ip[1].grant", profile.CodeUnknownField, false}}},
		{"StringForMoney", minimal(`"years":{"2025":{"rd_expense":"109.35"}}`), []problem{{"years.2025.rd_expense", profile.CodeType, false}}},
		{"FiveDecimals", minimal(`"years":{"2025":{"revenue":1.23456}}`), []problem{{"years.2025.revenue", profile.CodeFormat, false}}},
		{"Exponent", minimal(`"years":{"2025":{"revenue":1e3}}`), []problem{{"years.2025.revenue", profile.CodeFormat, false}}},
		{"FifteenIntegerDigits", minimal(`"years":{"2025":{"revenue":123456789012345}}`), []problem{{"years.2025.revenue", profile.CodeFormat, false}}},
		{"FractionalHeadcount", minimal(`"years":{"2025":{"employees":12.5}}`), []problem{{"years.2025.employees", profile.CodeFormat, false}}},
		{"HugeHeadcount", minimal(`"years":{"2025":{"employees":99999999999999999999}}`), []problem{{"years.2025.employees", profile.CodeRange, false}}},
		{"StringForBool", minimal(`"flags":{"abnormal_list":"no"}`), []problem{{"flags.abnormal_list", profile.CodeType, false}}},
		{"NumberForBool", minimal(`"quality":{"own_brand":1}`), []problem{{"quality.own_brand", profile.CodeType, false}}},
		{"BadDate", minimal(`"established":"2025-02-30"`), []problem{{"established", profile.CodeFormat, false}}},
		{"DateAsNumber", minimal(`"niche_since":20160101`), []problem{{"niche_since", profile.CodeType, false}}},
		{"BanDateBad", minimal(`"flags":{"data_fraud_ban_until":true}`), []problem{{"flags.data_fraud_ban_until", profile.CodeType, false}}},
		{"NumberForKind", minimal(`"ip":[{"kind":"ic_layout"},{"kind":"ic_layout"},{"kind":3}]`), []problem{{"ip[2].kind", profile.CodeType, false}}},
		{"UnknownEnum", minimal(`"ip":[{"kind":"ic_layout"},{"kind":"ic_layout"},{"kind":"patent"}]`), []problem{{"ip[2].kind", profile.CodeUnknownValue, false}}},
		{"ElementNotObject", minimal(`"honors":["high_tech_enterprise"]`), []problem{{"honors[0]", profile.CodeType, false}}},
		{"ListNotArray", minimal(`"titles":{"tier":"srdi"}`), []problem{{"titles", profile.CodeType, false}}},
		{"FlagsNotObject", minimal(`"flags":[]`), []problem{{"flags", profile.CodeType, false}}},
		{"YearsNotObject", minimal(`"years":[2025]`), []problem{{"years", profile.CodeType, false}}},
		{"YearNotObject", minimal(`"years":{"2025":3645}`), []problem{{"years.2025", profile.CodeType, false}}},
		{"DomainNotString", minimal(`"product":{"domains":["six_basics",7]}`), []problem{{"product.domains[1]", profile.CodeType, false}}},
		{"UnknownDomain", minimal(`"product":{"domains":["six_basics","seven_basics"]}`), []problem{{"product.domains[1]", profile.CodeUnknownValue, false}}},
		{"USCCNotString", []byte(`{"uscc":91350100,"name":"x"}`), []problem{{"uscc", profile.CodeType, false}}},
		{"MissingRequired", []byte(`{}`), []problem{{"uscc", profile.CodeRequired, false}, {"name", profile.CodeRequired, false}}},
		{"NullRequired", []byte(`{"uscc":null,"name":null}`), []problem{{"uscc", profile.CodeRequired, false}, {"name", profile.CodeRequired, false}}},
		{"ManyProblemsAtOnce", minimal(`"digital_level":"2","years":{"2025":{"revenue":-1,"rd_staff":"3"}},"awards":[{"level":"city","year":2023}]`), []problem{
			{"digital_level", profile.CodeType, false},
			{"years.2025.rd_staff", profile.CodeType, false},
			{"years.2025.revenue", profile.CodeNegative, false},
			{"awards[0].level", profile.CodeUnknownValue, false},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := profile.DecodeBytes(tc.doc)
			if got := problems(errs); !sameProblems(got, tc.want) {
				t.Fatalf("problems = %v\nwant %v", got, tc.want)
			}
			if p == nil {
				t.Fatal("no profile for a JSON object")
			}
			for _, e := range errs {
				if strings.Contains(e.Message, "json:") || strings.Contains(e.Message, "Go value") {
					t.Errorf("raw encoding/json message leaked: %q", e.Message)
				}
				if !strings.HasPrefix(e.MessageZH, e.Path) {
					t.Errorf("MessageZH %q does not start with the path %q", e.MessageZH, e.Path)
				}
			}
		})
	}
}

func TestDecodeYearKeys(t *testing.T) {
	for _, key := range []string{"2025", "1900", "2100"} {
		p, errs := profile.DecodeBytes(minimal(`"years":{"` + key + `":{"revenue":1}}`))
		if len(errs) != 0 || len(p.Years) != 1 {
			t.Errorf("year key %s: %v, years %v", key, errs, p.Years)
		}
	}
	for _, key := range []string{"1899", "2101", "025", "20255", "+202", "２０２５", "y2025", ""} {
		_, errs := profile.DecodeBytes(minimal(`"years":{"` + key + `":{"revenue":1}}`))
		want := []problem{{"years." + key, profile.CodeFormat, false}}
		if got := problems(errs); !sameProblems(got, want) {
			t.Errorf("year key %q: problems %v, want %v", key, got, want)
		}
	}
}

// TestDecodeUnknownVersusNone: absent and null mean unknown (nil); an empty
// list means "known, none".
func TestDecodeUnknownVersusNone(t *testing.T) {
	p, errs := profile.DecodeBytes(minimal(`"ip":[],"honors":null,"flags":null,"product":{"domains":[]},"years":{"2024":null,"2025":{"revenue":null}}`))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if p.IP == nil || len(p.IP) != 0 {
		t.Errorf("ip [] = %#v, want empty and non-nil", p.IP)
	}
	if p.Honors != nil || p.Titles != nil || p.Flags != nil {
		t.Errorf("null or absent gave values: honors %#v titles %#v flags %#v", p.Honors, p.Titles, p.Flags)
	}
	if p.Product.Domains == nil {
		t.Error("product.domains [] decoded as unknown")
	}
	if _, ok := p.Years[2024]; ok {
		t.Error("a null year created an entry")
	}
	if p.Years[2025] == nil || p.Years[2025].Revenue != nil {
		t.Errorf("years.2025 = %+v, want an entry with unknown revenue", p.Years[2025])
	}

	wrong, _ := profile.DecodeBytes(minimal(`"flags":true,"quality":[],"product":"丝杠"`))
	if wrong.Flags != nil || wrong.Quality != nil || wrong.Product != nil {
		t.Errorf("objects of the wrong type were kept: %+v %+v %+v", wrong.Flags, wrong.Quality, wrong.Product)
	}

	absent, _ := profile.DecodeBytes(minimal(`"flags":{}`))
	null, _ := profile.DecodeBytes(minimal(`"flags":{"data_fraud_ban_until":null}`))
	date, _ := profile.DecodeBytes(minimal(`"flags":{"data_fraud_ban_until":"2027-06-30"}`))
	if absent.Flags.DataFraudBanUntil.Known {
		t.Error("absent ban date is known")
	}
	if b := null.Flags.DataFraudBanUntil; !b.Known || b.Until != nil {
		t.Errorf("null ban date = %+v, want known without a date", b)
	}
	if b := date.Flags.DataFraudBanUntil; !b.Known || b.Until == nil || b.Until.String() != "2027-06-30" {
		t.Errorf("ban date = %+v", b)
	}
}

func TestDecodeDocumentErrors(t *testing.T) {
	tests := []struct {
		name, doc, code, wantZH string
	}{
		{"Empty", "", profile.CodeSyntax, "文件为空"},
		{"Truncated", `{"uscc":"9135`, profile.CodeSyntax, "不完整"},
		{"SyntaxErrorLineColumn", "{\n  \"uscc\": \"x\",\n  \"name\" \"y\"\n}", profile.CodeSyntax, "第 3 行"},
		{"TrailingData", minimalString() + ` {}`, profile.CodeSyntax, "JSON 格式错误"},
		{"TrailingGarbage", minimalString() + ` x`, profile.CodeSyntax, "JSON 格式错误"},
		{"Array", `[{"uscc":"x"}]`, profile.CodeType, "应为对象"},
		{"String", `"profile"`, profile.CodeType, "应为对象"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := profile.DecodeBytes([]byte(tc.doc))
			if p != nil {
				t.Error("a profile came back from a broken document")
			}
			if len(errs) != 1 || errs[0].Code != tc.code || errs[0].Path != "" || !strings.Contains(errs[0].MessageZH, tc.wantZH) {
				t.Errorf("errs = %+v, want one %s problem saying %q", errs, tc.code, tc.wantZH)
			}
		})
	}
}

func minimalString() string { return string(minimal("")) }

func TestDecodeSizeLimit(t *testing.T) {
	// Padding with spaces keeps the document valid JSON, so only the size
	// can be the reason for refusing it.
	pad := func(n int) []byte {
		doc := minimal("")
		return append(doc[:len(doc)-1], append(bytes.Repeat([]byte(" "), n-len(doc)), '}')...)
	}
	atLimit := pad(profile.MaxDocumentSize)
	if len(atLimit) != profile.MaxDocumentSize {
		t.Fatalf("test document is %d bytes", len(atLimit))
	}
	if _, errs := profile.Decode(bytes.NewReader(atLimit)); len(errs) != 0 {
		t.Errorf("a document of exactly 1 MiB: %v", errs)
	}
	over := pad(profile.MaxDocumentSize + 1)
	for name, decode := range map[string]func([]byte) (*profile.Profile, profile.Errors){
		"Decode":      func(b []byte) (*profile.Profile, profile.Errors) { return profile.Decode(bytes.NewReader(b)) },
		"DecodeBytes": profile.DecodeBytes,
	} {
		p, errs := decode(over)
		if p != nil || len(errs) != 1 || errs[0].Code != profile.CodeTooLarge {
			t.Errorf("%s of 1 MiB + 1 byte: %v", name, errs)
		}
	}
}

func TestDecodeReadError(t *testing.T) {
	p, errs := profile.Decode(failingReader{})
	if p != nil || len(errs) != 1 || errs[0].Code != profile.CodeRead {
		t.Errorf("errs = %v", errs)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errBroken }

var errBroken = &brokenError{}

type brokenError struct{}

func (*brokenError) Error() string { return "connection reset" }

// TestDecodeReportsEachFieldOnce: a field that failed to decode is not
// reported again by validation (uscc as a number is not also "required").
func TestDecodeReportsEachFieldOnce(t *testing.T) {
	_, errs := profile.DecodeBytes([]byte(`{"uscc":1,"name":"x","ip":[{"kind":1}]}`))
	if n := len(errs.ByPath("uscc")); n != 1 {
		t.Errorf("uscc reported %d times: %v", n, errs)
	}
	if n := len(errs.ByPath("ip[0].kind")); n != 1 {
		t.Errorf("ip[0].kind reported %d times: %v", n, errs)
	}
}

func TestErrorsType(t *testing.T) {
	_, errs := profile.DecodeBytes(minimal(`"years":{"2025":{"revenue":100,"main_revenue":120,"rd_expense":-1}}`))
	if !errs.HasErrors() {
		t.Fatal("HasErrors = false")
	}
	if len(errs.Warnings()) != 1 || errs.Warnings()[0].Path != "years.2025.main_revenue" {
		t.Errorf("warnings = %v", errs.Warnings())
	}
	if errs.Err() == nil {
		t.Error("Err() = nil with an error present")
	}
	if got := errs.Error(); !strings.Contains(got, "years.2025.rd_expense: must not be negative") || !strings.Contains(got, "; ") {
		t.Errorf("Error() = %q", got)
	}

	_, warnOnly := profile.DecodeBytes(minimal(`"years":{"2025":{"revenue":100,"main_revenue":120}}`))
	if warnOnly.HasErrors() || warnOnly.Err() != nil || len(warnOnly) != 1 {
		t.Errorf("a warning alone counts as an error: %v", warnOnly)
	}
}
