package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/testdb"
	"zjtx/internal/xlsx"
	"zjtx/internal/xlsx/xlsxtest"
)

// newEnterprise is a valid record of a new enterprise in region.
func newEnterprise(region string, n int) *enterprise.Record {
	est := profile.MustDate("2015-03-18")
	yes := true
	rev, rd := profile.DecFromInt(3645), profile.DecFromInt(109)
	staff := int64(120)
	return &enterprise.Record{Profile: &profile.Profile{
		USCC: testdb.USCC(region, n), Name: fmt.Sprintf("郑州导入%d精密机械有限公司", n), Region: region,
		Industry: "C3484", LegalPerson: &yes, Established: &est,
		Years: map[int]*profile.Year{2025: {Revenue: &rev, RDExpense: &rd, Employees: &staff}},
	}}
}

// workbook writes records as a filled import template.
func workbook(t testing.TB, recs ...*enterprise.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Export(&buf, xlsx.Records(recs), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// column returns the cells below the header of one column of a sheet.
func column(t testing.TB, data []byte, sheet, header string) []string {
	t.Helper()
	cells, err := xlsx.ReadColumn(data, sheet, header)
	if err != nil {
		t.Fatal(err)
	}
	return cells
}

// postFile posts a multipart form with the file in field "file" (or
// fileField) and the other fields, with the CSRF token of the last page.
func (b *browser) postFile(path, fileField, name string, data []byte, fields map[string]string) page {
	b.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", b.csrf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile(fileField, name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, err := http.NewRequest("POST", b.e.app.URL()+path, &buf)
	if err != nil {
		b.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// counts returns the numbers of enterprises and audit rows.
func (e *env) counts() (enterprises, audit int) {
	e.t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	_, n, err := e.app.Store.ListEnterprises(ctx, enterprise.Filter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	_, a, err := e.app.Store.ListAudit(ctx, auth.AuditFilter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n, a
}

func TestExcelTemplate(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct {
		role    string
		status  int
		regions int
	}{
		{"city", 200, 16},
		{"district", 200, 1},
		{"enterprise", 403, 0},
		{"bank", 403, 0},
	} {
		t.Run(tt.role, func(t *testing.T) {
			p := e.as(tt.role).get("/enterprises/template.xlsx")
			if p.status != tt.status {
				t.Fatalf("status %d, want %d", p.status, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if !strings.Contains(p.header.Get("Content-Disposition"), "attachment") {
				t.Errorf("Content-Disposition %q", p.header.Get("Content-Disposition"))
			}
			names := column(t, []byte(p.body), xlsx.SheetRegions, "区县（市）")
			if len(names) != tt.regions {
				t.Errorf("regions %v, want %d", names, tt.regions)
			}
			if tt.role == "district" && (len(names) != 1 || names[0] != "金水区") {
				t.Errorf("district template regions %v, want 金水区 only", names)
			}
		})
	}
}

func TestExcelExport(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	list := b.get("/enterprises?sort=name")
	m := regexp.MustCompile(`id="export-link" href="([^"]+)"`).FindStringSubmatch(list.body)
	if m == nil || !strings.Contains(list.body, `id="import-link"`) {
		t.Fatalf("the list lacks the export or import link")
	}
	total := regexp.MustCompile(`<strong id="total">(\d+)</strong>`).FindStringSubmatch(list.body)[1]
	p := b.get(html.UnescapeString(m[1]))
	if p.status != 200 || p.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("export: %d %s", p.status, p.header.Get("Content-Type"))
	}
	names := column(t, []byte(p.body), xlsx.SheetEnterprise, "所属区县（市）")
	if fmt.Sprint(len(names)) != total {
		t.Errorf("%d rows, the list %s", len(names), total)
	}
	for i, n := range names {
		if n != "金水区" {
			t.Fatalf("row %d: %s, want 金水区 only", i+2, n)
		}
	}
	t.Run("Filtered", func(t *testing.T) {
		p := e.as("city").get("/enterprises/export.xlsx?region=" + demo.Jinshui + "&tier=none")
		for i, n := range column(t, []byte(p.body), xlsx.SheetEnterprise, "所属区县（市）") {
			if n != "金水区" {
				t.Fatalf("row %d: %s, want 金水区 only", i+2, n)
			}
		}
	})
}

var annotatedLink = regexp.MustCompile(`id="annotated-link" href="data:[^;]+;base64,([^"]+)"`)

func TestExcelImport(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	b.get("/enterprises/import")
	ctx := auth.WithCaller(context.Background(), auth.System)
	existing, err := e.app.Store.GetEnterprise(ctx, e.ids.jinshui)
	if err != nil {
		t.Fatal(err)
	}
	existing.Profile.Name = "郑州批量更名精密机械有限公司"
	good, other := newEnterprise(demo.Jinshui, 4001), newEnterprise("410102", 4002)
	for _, tt := range []struct {
		name    string
		file    []byte
		partial bool
		status  int
		want    []string // on the page
		created int      // enterprises added
		audits  int      // audit rows added
		badRow  int      // the row annotated in the workbook offered, 0 for none
	}{
		{"NotExcel", []byte("not a workbook"), false, 400, []string{"不是 Excel 工作簿", "未导入任何数据"}, 0, 0, 0},
		{"OneBadRowImportsNothing", workbook(t, good, other), false, 400, []string{"未导入任何数据", "错误原因", "<td>3</td>", "所属区县（市）"}, 0, 0, 3},
		{"PartialImportsTheGoodRows", workbook(t, good, other), true, 200, []string{"导入完成", `id="created">1<`, "<td>3</td>"}, 1, 1, 3},
		{"PartialWithNoGoodRow", workbook(t, other), true, 400, []string{"没有无误的企业", "<td>2</td>"}, 0, 0, 2},
		{"CreateAndUpdate", workbook(t, newEnterprise(demo.Jinshui, 4003), existing), false, 200, []string{`id="created">1<`, `id="updated">1<`}, 1, 2, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n0, a0 := e.counts()
			fields := map[string]string{}
			if tt.partial {
				fields["partial"] = "1"
			}
			p := b.postFile("/enterprises/import", "file", "企业.xlsx", tt.file, fields)
			if p.status != tt.status {
				t.Fatalf("status %d, want %d: %.800s", p.status, tt.status, p.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			n1, a1 := e.counts()
			if n1-n0 != tt.created || a1-a0 != tt.audits {
				t.Errorf("enterprises +%d, audit rows +%d; want +%d and +%d", n1-n0, a1-a0, tt.created, tt.audits)
			}
			m := annotatedLink.FindStringSubmatch(p.body)
			if (m != nil) != (tt.badRow > 0) {
				t.Fatalf("annotated workbook offered: %v, want %v", m != nil, tt.badRow > 0)
			}
			if m == nil {
				return
			}
			data, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			reasons := column(t, data, xlsx.SheetEnterprise, xlsx.ErrorHeader)
			if len(reasons) < tt.badRow-1 {
				t.Fatalf("错误原因 column %q lacks row %d", reasons, tt.badRow)
			}
			for i, reason := range reasons {
				if row := i + 2; (row == tt.badRow) != strings.Contains(reason, "所属区县") {
					t.Errorf("错误原因 of row %d: %q; want only row %d annotated", row, reason, tt.badRow)
				}
			}
		})
	}
	t.Run("Updated", func(t *testing.T) {
		got, err := e.app.Store.GetEnterprise(ctx, e.ids.jinshui)
		if err != nil || got.Name != "郑州批量更名精密机械有限公司" {
			t.Errorf("updated record: %v %v", got, err)
		}
	})
}

func TestSelftestUploadTemplate(t *testing.T) {
	e := newEnv(t)
	doc, err := os.ReadFile("../../examples/E6-srdi-2026-boundary.json")
	if err != nil {
		t.Fatal(err)
	}
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	b := e.as("")
	b.get("/selftest")
	page := b.postFile("/selftest", "profile_file", "模板.xlsx", workbook(t, &enterprise.Record{Profile: p}), nil)
	if page.status != 200 || !strings.Contains(page.body, `id="tier-srdi"`) || !strings.Contains(page.body, p.Name) {
		t.Errorf("template upload: %d %.300s", page.status, page.body)
	}
	bad := xlsxtest.SetCells(t, workbook(t, &enterprise.Record{Profile: p}), xlsx.SheetEnterprise, 2, map[string]string{"企业名称": ""})
	page = b.postFile("/selftest", "profile_file", "模板.xlsx", bad, nil)
	if page.status != 400 || !strings.Contains(page.body, "企业名称") {
		t.Errorf("bad template upload: %d %.600s", page.status, page.body)
	}
}

// TestExcelImportStaleExport: the page shows a row exported before a later
// edit as a conflict, writes nothing without 仅导入无误的行, offers the
// workbook with the conflict in 错误原因, and keeps the edit.
func TestExcelImportStaleExport(t *testing.T) {
	e := newEnv(t)
	b := e.as("city")
	file := b.get("/enterprises/export.xlsx?q=" + url.QueryEscape("精密"))
	if file.status != 200 {
		t.Fatalf("export: %d", file.status)
	}
	codes := column(t, []byte(file.body), xlsx.SheetEnterprise, "统一社会信用代码")
	if len(codes) < 2 {
		t.Fatalf("%d 精密 enterprises in the fixture", len(codes))
	}
	ctx := auth.WithCaller(context.Background(), auth.System)
	list, _, err := e.app.Store.ListEnterprises(ctx, enterprise.Filter{Q: codes[0], Limit: 1})
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	rec, err := e.app.Store.GetEnterprise(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.Chain = "页面上改过的产业链"
	if err := e.app.Store.UpdateEnterprise(ctx, rec); err != nil {
		t.Fatal(err)
	}
	b.get("/enterprises/import")
	for _, tt := range []struct {
		partial bool
		status  int
	}{{false, 409}, {true, 200}} {
		fields := map[string]string{}
		if tt.partial {
			fields["partial"] = "1"
		}
		p := b.postFile("/enterprises/import", "file", "导出.xlsx", []byte(file.body), fields)
		if p.status != tt.status || !strings.Contains(p.body, "导出后已被修改") {
			t.Fatalf("partial %v: status %d, want %d: %.600s", tt.partial, p.status, tt.status, p.body)
		}
		m := annotatedLink.FindStringSubmatch(p.body)
		if m == nil {
			t.Fatal("no annotated workbook offered")
		}
		data, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		if reasons := column(t, data, xlsx.SheetEnterprise, xlsx.ErrorHeader); len(reasons) == 0 || !strings.Contains(reasons[0], "导出后已被修改") {
			t.Errorf("错误原因 %q, want row 2 a conflict", reasons)
		}
	}
	if got, err := e.app.Store.GetEnterprise(ctx, rec.ID); err != nil || got.Chain != "页面上改过的产业链" {
		t.Errorf("chain after the import: %q (%v)", got.Chain, err)
	}
}

// TestExcelImportLargeFileErrorList: a file too large to annotate offers the
// list of its errors instead.
func TestExcelImportLargeFileErrorList(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	b.get("/enterprises/import")
	recs := []*enterprise.Record{newEnterprise("410102", 1)} // another district: row 2 is wrong
	for i := range 25_000 {
		recs = append(recs, newEnterprise(demo.Jinshui, 10_000+i))
	}
	p := b.postFile("/enterprises/import", "file", "大文件.xlsx", workbook(t, recs...), nil)
	if p.status != 400 || !strings.Contains(p.body, "下载错误清单") || !strings.Contains(p.body, "<td>2</td>") {
		t.Fatalf("status %d: %.600s", p.status, p.body)
	}
}
