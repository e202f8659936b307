package web_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestBackupListExport: the export is the district's list with the page's
// filters, every row saying why the enterprise is on it.
func TestBackupListExport(t *testing.T) {
	e := newEnv(t)
	p := e.as("district").get("/backup-lists/srdi/export.xlsx?status=reserve")
	if p.status != 200 || !strings.Contains(p.header.Get("Content-Disposition"), "zjtx-backup-srdi-") {
		t.Fatalf("export: %d %v", p.status, p.header)
	}
	f, err := excelize.OpenReader(strings.NewReader(p.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "企业名称" || rows[0][5] != "纳入原因" {
		t.Fatalf("export rows: %v", rows)
	}
	for _, r := range rows[1:] {
		if r[2] != "金水区" || r[4] != "储备" || r[5] == "" || r[6] == "" {
			t.Errorf("export row %v: want 金水区, 储备, a reason and a rule", r)
		}
	}
}

// TestEnterprisePageBackupEntries: the record page lists the enterprise's
// entries with their reasons and links to each list; an official adds it to
// another list by hand there.
func TestEnterprisePageBackupEntries(t *testing.T) {
	e := newEnv(t)
	d := e.as("district")
	list := d.get("/backup-lists/srdi?source=srdi.from_innovative")
	m := regexp.MustCompile(`href="/enterprises/(\d+)"`).FindStringSubmatch(list.body)
	if m == nil {
		t.Fatalf("no enterprise on the list: %.500s", list.body)
	}
	page := d.get("/enterprises/" + m[1])
	for _, want := range []string{`id="backup-lists"`, `href="/backup-lists/srdi"`, "专精特新中小企业后备清单", "创新型中小企业（有效期至"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("record page lacks %q", want)
		}
	}
	res := d.post("/backup-lists/add", map[string][]string{"tier": {"little_giant"}, "enterprise_id": {m[1]}, "reason": {"主导产品细分市场占有率全国前三"}}, false)
	if res.status != 303 {
		t.Fatalf("add by hand: %d %s", res.status, errText(res.body))
	}
	page = d.get("/enterprises/" + m[1])
	if !strings.Contains(page.body, "主导产品细分市场占有率全国前三") || !strings.Contains(page.body, "手工纳入") {
		t.Errorf("record page lacks the entry added by hand")
	}
	if e.as("enterprise").get("/enterprises/{own}").body == "" || strings.Contains(e.as("enterprise").get("/enterprises/{own}").body, `id="backup-lists"`) {
		t.Errorf("an enterprise sees the backup lists section of its own record")
	}
}

// TestBackupListRefreshPage: 按规则刷新清单 starts a job whose page shows
// its progress and, once done, what it did.
func TestBackupListRefreshPage(t *testing.T) {
	e := newEnv(t)
	d := e.as("district")
	d.get("/backup-lists/srdi")
	p := d.post("/backup-lists/refresh", nil, false)
	loc := p.header.Get("Location")
	if p.status != 303 || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("refresh: %d to %q", p.status, loc)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		p = d.get(loc)
		if strings.Contains(p.body, `data-state="completed"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("refresh job not done: %.500s", p.body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, want := range []string{"刷新后备清单", "后备清单已按纳入规则刷新", `href="/backup-lists/srdi"`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("finished refresh page lacks %q", want)
		}
	}
}
