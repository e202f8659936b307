package web_test

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAuditPage: the audit log names the people and enterprises it
// mentions, shows one action's rows together with the client's address,
// refuses a bad date with a Chinese message, exports what it shows to Excel,
// and every link on it leads to a page that exists.
func TestAuditPage(t *testing.T) {
	e := newEnv(t)
	district := e.as("district")
	if p := district.post(e.expand("/enterprises/{jinshui}/assessments"), nil, false); p.status != 303 {
		t.Fatalf("assess: %d %s", p.status, errText(p.body))
	}
	city := e.as("city")
	name := enterpriseName(t, city, e.expand("/enterprises/{jinshui}"))

	p := city.get("/audit?action=assessment.create")
	if p.status != 200 {
		t.Fatalf("audit page: %d", p.status)
	}
	for _, want := range []string{name, "金水区科技工业和信息化局（district）", "127.0.0.1", "本次操作共 4 条",
		`href="` + e.expand("/enterprises/{jinshui}") + `"`} {
		if !strings.Contains(p.body, html.EscapeString(want)) && !strings.Contains(p.body, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	for _, bad := range []string{"企业 #", "assessment #", "user #", "已不存在"} {
		if strings.Contains(p.body, bad) {
			t.Errorf("audit page shows %q", bad)
		}
	}
	// The four tiers' assessments of one request are one group: its time,
	// actor and address are written once, over its rows.
	if !strings.Contains(p.body, `rowspan="4"`) {
		t.Errorf("the request's four rows are not shown as one group")
	}

	t.Run("NoBrokenLinks", func(t *testing.T) {
		for _, path := range []string{"/audit", "/audit?action=assessment.create"} {
			for _, m := range regexp.MustCompile(`href="(/[^"]*)"`).FindAllStringSubmatch(city.get(path).body, -1) {
				link := html.UnescapeString(m[1])
				if p := city.get(link); p.status != 200 {
					t.Errorf("link %s on %s: %d", link, path, p.status)
				}
			}
		}
	})

	t.Run("Group", func(t *testing.T) {
		link := regexp.MustCompile(`href="(/audit\?group=\d+)"`).FindStringSubmatch(p.body)
		if link == nil {
			t.Fatal("no link to the whole group")
		}
		if g := city.get(link[1]); !strings.Contains(g.body, `<strong id="total">4</strong>`) {
			t.Errorf("group page: %s", errText(g.body))
		}
	})

	t.Run("BadDates", func(t *testing.T) {
		for _, tt := range []struct{ query, want string }{
			{"since=2026-02-30", "起始日期“2026-02-30”不是有效日期，请按 年-月-日 填写"},
			{"until=yesterday", "截止日期“yesterday”不是有效日期"},
			{"since=2026-09-02&until=2026-09-01", "截止日期不能早于起始日期"},
		} {
			p := city.get("/audit?" + tt.query)
			if p.status != 400 || !strings.Contains(p.body, tt.want) {
				t.Errorf("/audit?%s: %d, want 400 with %q: %s", tt.query, p.status, tt.want, errText(p.body))
			}
			if p := city.get("/audit/export.xlsx?" + tt.query); p.status != 400 {
				t.Errorf("export with %s: %d, want 400", tt.query, p.status)
			}
		}
	})

	t.Run("Export", func(t *testing.T) {
		x := city.get("/audit/export.xlsx?action=assessment.create&actor=district")
		if x.status != 200 || !strings.Contains(x.header.Get("Content-Disposition"), "zjtx-audit-") {
			t.Fatalf("export: %d %v", x.status, x.header)
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(x.body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("操作日志")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 5 || rows[0][0] != "时间" || rows[1][1] != "金水区科技工业和信息化局（district）" ||
			!strings.Contains(rows[1][5], name) || rows[1][3] != "127.0.0.1" {
			t.Errorf("export rows = %q", rows)
		}
		if p := e.as("district").get("/audit/export.xlsx"); p.status != 403 {
			t.Errorf("export as a district official: %d, want 403", p.status)
		}
	})
}

// enterpriseName reads an enterprise's name from its page's heading.
func enterpriseName(t *testing.T, b *browser, path string) string {
	t.Helper()
	m := regexp.MustCompile(`<h1[^>]*>([^<]+)`).FindStringSubmatch(b.get(path).body)
	if m == nil {
		t.Fatalf("no heading on %s", path)
	}
	return html.UnescapeString(strings.TrimSpace(m[1]))
}
