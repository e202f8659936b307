package web_test

import (
	"net/url"
	"os"
	"strings"
	"testing"
)

// TestYearFormNumbersAndSummary: a year form takes numbers as the import
// does (thousands separators, full-width digits); a bad one comes back with
// a message an official understands and a summary on top that links to the
// input.
func TestYearFormNumbersAndSummary(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	version := func() string {
		m := versionInput.FindStringSubmatch(b.get("/enterprises/{jinshui}").body)
		if m == nil {
			t.Fatal("no version on the year form")
		}
		return m[1]
	}
	p := b.post("/enterprises/{jinshui}/years/2025", url.Values{"version": {version()}, "revenue": {"一万"}, "employees": {"1.5"}}, false)
	if p.status != 400 {
		t.Fatalf("bad figures: %d %s", p.status, errText(p.body))
	}
	for _, want := range []string{`id="error-summary" role="alert" tabindex="-1" data-error-summary`, "2025 年度数据未保存",
		`<a class="alert-link" href="#f-2025-revenue">营业收入（2025 年）</a>：请输入数字，如 12345.5`,
		`href="#f-2025-employees">从业人员数（2025 年）</a>：`, `id="e-2025-revenue">请输入数字，如 12345.5`, `value="一万"`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("failed save lacks %q", want)
		}
	}
	p = b.post("/enterprises/{jinshui}/years/2025", url.Values{"version": {version()}, "revenue": {"12,345.5"},
		"employees": {"１２０"}, "rd_expense": {" 1,000 "}}, false)
	if p.status != 303 {
		t.Fatalf("typed as officials type: %d %s", p.status, errText(p.body))
	}
	p = b.get(p.header.Get("Location"))
	if strings.Contains(p.body, `id="error-summary"`) {
		t.Error("summary on a page that saved")
	}
	for _, want := range []string{"12345.5", ">120<", ">1,000.00<"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("saved figures lack %q", want)
		}
	}
}

// TestSelftestInputs: the self-test refuses an empty form and names what it
// needs; 独立法人 left 未填 is unknown, not 否; a share typed as 12% is 12 %.
func TestSelftestInputs(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.get("/selftest")
	t.Run("EmptyFormNamesEssentials", func(t *testing.T) {
		for _, path := range []string{"/selftest", "/selftest/print"} {
			p := b.post(path, url.Values{"_form": {"1"}}, false)
			if p.status != 400 {
				t.Fatalf("%s empty: %d", path, p.status)
			}
			for _, want := range []string{`id="error-summary"`, `href="#f-years.2025.revenue">营业收入（2025 年）</a>：测算必填`,
				`href="#f-years.2025.employees">从业人员数（2025 年）</a>`, `href="#f-years.2025.rd_expense">研发费用（2025 年）</a>`} {
				if !strings.Contains(p.body, want) {
					t.Errorf("%s empty form lacks %q", path, want)
				}
			}
			if strings.Contains(p.body, `id="results"`) {
				t.Errorf("%s computed an empty form", path)
			}
		}
	})
	for _, tt := range []struct {
		name, legal, status string
	}{
		{"LegalPersonUnanswered", "", "missing"},
		{"LegalPersonNo", "false", "fail"},
		{"LegalPersonYes", "true", "pass"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			form := selftestForm(t, e)
			if form.Get("legal_person") != "true" {
				t.Fatalf("example form's 独立法人: %q", form.Get("legal_person"))
			}
			form.Set("legal_person", tt.legal)
			p := b.post("/selftest", form, false)
			if want := `id="tier-innovative" data-status="` + tt.status + `"`; !strings.Contains(p.body, want) {
				t.Errorf("legal_person=%q: lacks %s", tt.legal, want)
			}
			if want := `id="r-legal_person-` + tt.legal + `" name="legal_person" value="` + tt.legal + `" checked`; !strings.Contains(p.body, want) {
				t.Errorf("answer not kept: lacks %s", want)
			}
		})
	}
	t.Run("SharesAndSeparators", func(t *testing.T) {
		form := selftestForm(t, e)
		form.Set("product.market_share", "12%")
		form.Set("years.2025.revenue", "3,645")
		p := b.post("/selftest", form, false)
		if p.status != 200 {
			t.Fatalf("12%%: %d %s", p.status, errText(p.body))
		}
		if !strings.Contains(p.body, "12.00%") || !strings.Contains(p.body, `value="12%"`) {
			t.Error("12% not read as a share of 12 %, or not kept as typed")
		}
		form.Set("product.market_share", "很多")
		p = b.post("/selftest", form, false)
		if !strings.Contains(p.body, "请输入百分数，如 12% 或 0.12") {
			t.Errorf("bad share: %d, no message for officials", p.status)
		}
	})
}

// TestSelftestUploadKinds: the upload takes what its label says, a profile
// (.json) or a filled template (.xlsx), and refuses other files by name.
func TestSelftestUploadKinds(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	p := b.get("/selftest")
	if !strings.Contains(p.body, `accept=".json,.xlsx,`) || !strings.Contains(p.body, "或填好的导入模板（.xlsx）") {
		t.Error("upload input does not accept .json and .xlsx as its label says")
	}
	doc, err := os.ReadFile("../../examples/E6-srdi-2026-boundary.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		status int
		want   string
	}{
		{"画像.JSON", 200, `id="results"`},
		{"画像.txt", 400, "“画像.txt”不是可测算的文件"},
		{"画像.xls", 400, "填好的企业批量导入模板（.xlsx）"},
	} {
		p := b.postFile("/selftest", "profile_file", tt.name, doc, nil)
		if p.status != tt.status || !strings.Contains(p.body, tt.want) {
			t.Errorf("upload %s: %d, want %d with %q", tt.name, p.status, tt.status, tt.want)
		}
	}
}
