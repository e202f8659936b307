package web_test

import (
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestHomeByRole: each role's home shows what that role works with.
func TestHomeByRole(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		role    string
		want    []string
		notWant []string
	}{
		{"enterprise",
			[]string{`id="home-results"`, " 保存　评价日 ", `class="small reason">不符合：`, `id="gap-plan"`, "差距诊断：晋级",
				`href="/selftest?mine=1"`, `action="/enterprises/{own}/assessments"`, `href="/enterprises/{own}#years"`,
				`id="home-titles"`, "剩余 ", `href="/enterprises/{own}">本企业档案</a>`},
			[]string{`href="/enterprises">`, "全部条件满足", `id="district-chart"`}},
		{"district",
			[]string{`id="district-numbers"`, "本区企业：按状态和最高梯度称号", `<tr class="sum-row"><th>合计</th>`, "在营", "迁出",
				`id="recent-changes"`, `id="dash-targets"`, `id="dash-funnel"`, `id="dash-trend"`, `href="/dashboard/export.xlsx"`,
				`id="dash-baolian"`, "包联覆盖率", "按期办结率"},
			[]string{`id="district-chart"`, "各区县"}},
		{"city",
			[]string{`id="district-chart"`, `id="district-table"`, `<tr class="sum-row"><th>合计</th>`, "航空港区", "郑州航空港经济综合实验区"},
			[]string{`id="district-numbers"`}},
		{"institution",
			[]string{"服务机构工作台", "服务产品", "需求对接", `href="/demands"`, `href="/products"`, `href="/selftest"`},
			[]string{`href="/enterprises`, "导出", `class="stat-value"`}},
		{"bank",
			[]string{"金融机构工作台", "专精特新贷", "授信", "建设中"},
			[]string{`href="/enterprises`, "导出", `class="stat-value"`}},
	} {
		t.Run(tt.role, func(t *testing.T) {
			p := e.as(tt.role).get("/")
			if p.status != 200 {
				t.Fatalf("home: %d %s", p.status, errText(p.body))
			}
			for _, w := range tt.want {
				if !strings.Contains(p.body, e.expand(w)) {
					t.Errorf("home lacks %q", e.expand(w))
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(p.body, w) {
					t.Errorf("home shows %q", w)
				}
			}
		})
	}
	t.Run("CityChartShortNamesAndSum", func(t *testing.T) {
		p := e.as("city").get("/")
		m := regexp.MustCompile(`(?s)id="district-chart-data">(.*?)</script>`).FindStringSubmatch(p.body)
		if m == nil {
			t.Fatal("no chart data")
		}
		var chart struct {
			Regions []string `json:"regions"`
			Series  []struct {
				Data []int `json:"data"`
			} `json:"series"`
		}
		if err := json.Unmarshal([]byte(m[1]), &chart); err != nil {
			t.Fatal(err)
		}
		for _, r := range chart.Regions {
			if len([]rune(r)) > 4 {
				t.Errorf("chart names %q: longer than 4 characters", r)
			}
		}
		// The 合计 row adds up the rows above it.
		foot := regexp.MustCompile(`(?s)<tfoot><tr class="sum-row"><th>合计</th>(.*?)</tr></tfoot>`).FindStringSubmatch(p.body)
		body := regexp.MustCompile(`(?s)<table[^>]*id="district-table".*?<tbody>(.*?)</tbody>`).FindStringSubmatch(p.body)
		if foot == nil || body == nil {
			t.Fatal("no district table with a 合计 row")
		}
		cell := regexp.MustCompile(`<td class="num[^"]*">(\d+)</td>`)
		sums := cells(cell, foot[1])
		got := make([]int, len(sums))
		for _, row := range strings.Split(body[1], "</tr>") {
			for i, n := range cells(cell, row) {
				got[i] += n
			}
		}
		if len(sums) == 0 || !slices.Equal(got, sums) {
			t.Errorf("合计 row %v, rows add up to %v", sums, got)
		}
	})
}

func cells(re *regexp.Regexp, s string) []int {
	var out []int
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

var versionInput = regexp.MustCompile(`name="version" value="(\d+)"`)

// TestStaleAssessment: once the profile changes after an assessment, the
// record page and the report say the result may be out of date and offer to
// assess again; assessing again clears the note.
func TestStaleAssessment(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	const note = "档案已修改，评价结果可能已过时"
	b.get("/enterprises/{jinshui}")
	if p := b.post("/enterprises/{jinshui}/assessments", nil, false); p.status != 303 {
		t.Fatalf("assess: %d %s", p.status, errText(p.body))
	}
	p := b.get("/enterprises/{jinshui}")
	if strings.Contains(p.body, note) {
		t.Fatal("fresh assessment marked stale")
	}
	if r := b.get("/enterprises/{jinshui}/report"); strings.Contains(r.body, note) {
		t.Fatal("fresh report marked stale")
	}
	v := versionInput.FindStringSubmatch(p.body)
	if v == nil {
		t.Fatal("no version on the year form")
	}
	if p := b.post("/enterprises/{jinshui}/years/2025", url.Values{"version": {v[1]}, "revenue": {"98765"}}, false); p.status != 303 {
		t.Fatalf("save year: %d %s", p.status, errText(p.body))
	}
	p = b.get("/enterprises/{jinshui}")
	for _, want := range []string{note, `form="reassess">重新评价</button>`, `id="reassess"`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("record page lacks %q", want)
		}
	}
	r := b.get("/enterprises/{jinshui}/report")
	for _, want := range []string{note, e.expand(`action="/enterprises/{jinshui}/assessments"`), "重新评价"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if p := b.post("/enterprises/{jinshui}/assessments", url.Values{"csrf_token": {csrfOf(t, r.body)}}, false); p.status != 303 {
		t.Fatalf("assess again from the report: %d %s", p.status, errText(p.body))
	}
	if p := b.get("/enterprises/{jinshui}"); strings.Contains(p.body, note) {
		t.Error("note stays after assessing again")
	}
}

func csrfOf(t *testing.T, body string) string {
	t.Helper()
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSRF token on the page")
	}
	return html.UnescapeString(m[1])
}

// TestPrintBackLinkAndFavicon: print views link back to where they came from
// (hidden when printing); the icon is linked and /favicon.ico answers.
func TestPrintBackLinkAndFavicon(t *testing.T) {
	e := newEnv(t)
	b := e.as("city")
	for path, back := range map[string]string{
		"/enterprises/{jinshui}/report": `href="/enterprises/{jinshui}" id="back-link"`,
		"/selftest/print":               `href="/selftest" id="back-link"`,
	} {
		p := b.get(path)
		if !strings.Contains(p.body, `<div class="print-toolbar no-print">`) || !strings.Contains(p.body, e.expand(back)) {
			t.Errorf("%s: no back link %q in the toolbar", path, e.expand(back))
		}
	}
	p := b.get("/")
	m := regexp.MustCompile(`<link rel="icon" href="([^"]+)" type="image/svg\+xml">`).FindStringSubmatch(p.body)
	if m == nil {
		t.Fatal("layout links no icon")
	}
	for _, path := range []string{m[1], "/favicon.ico"} {
		p := e.browser().get(path)
		if p.status != 200 || p.header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(p.body, "<svg") {
			t.Errorf("GET %s: %d %s %.40q", path, p.status, p.header.Get("Content-Type"), p.body)
		}
	}
}
