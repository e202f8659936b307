package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/xlsx"
	"zjtx/internal/xlsx/xlsxtest"
)

// workbook returns a filled import template holding the profiles (JSON
// objects as newProfile returns them), written by the export.
func workbook(t testing.TB, profiles ...map[string]any) []byte {
	t.Helper()
	var recs []*enterprise.Record
	for _, m := range profiles {
		doc, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		p, errs := profile.DecodeBytes(doc)
		if errs.HasErrors() {
			t.Fatalf("profile: %v", errs)
		}
		recs = append(recs, &enterprise.Record{Profile: p})
	}
	var buf bytes.Buffer
	if err := xlsx.Export(&buf, xlsx.Records(recs), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetColumn returns the cells of the column headed header on sheet, below
// the header.
func sheetColumn(t testing.TB, data []byte, sheet, header string) []string {
	t.Helper()
	cells, err := xlsx.ReadColumn(data, sheet, header)
	if err != nil {
		t.Fatal(err)
	}
	return cells
}

func TestAPIExcelExport(t *testing.T) {
	e := newEnv(t, "sqlite")
	for _, tt := range []struct {
		name, role, query, region string
		total                     string
	}{
		{"DistrictOwnOnly", "district", "", "410105", "/api/v1/enterprises?limit=1"},
		{"CityFiltered", "city", "?region=410102&sort=name", "410102", "/api/v1/enterprises?limit=1&region=410102"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := e.do(tt.role, "GET", "/api/v1/enterprises/export.xlsx"+tt.query, nil)
			if res.status != 200 || res.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
				t.Fatalf("status %d, type %s", res.status, res.header.Get("Content-Type"))
			}
			codes := sheetColumn(t, res.body, xlsx.SheetEnterprise, "区县代码")
			want := e.list(tt.role, tt.total).Total
			if len(codes) != want || want == 0 {
				t.Errorf("%d rows, want %d", len(codes), want)
			}
			for i, c := range codes {
				if c != tt.region {
					t.Fatalf("row %d: region %s, want %s", i+2, c, tt.region)
				}
			}
		})
	}
	t.Run("BadFilter", func(t *testing.T) {
		if res := e.do("city", "GET", "/api/v1/enterprises/export.xlsx?region=999999", nil); res.status != 400 {
			t.Errorf("status %d, want 400", res.status)
		}
	})
}

func TestAPIExcelImport(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		e.token("district") // logging in writes audit rows: before the counts
		existing := xlsxtest.SetCells(t, e.exportOf("district", e.profileOf(id.jinshui)["uscc"].(string)),
			xlsx.SheetEnterprise, 2, map[string]string{"企业名称": "郑州导入更名精密机械有限公司"})
		good := newProfile("410105", 3001)
		other := newProfile("410102", 3002) // another district: a bad row for 金水区's official
		broken := xlsxtest.SetCells(t, workbook(t, good, newProfile("410105", 3003)), xlsx.SheetEnterprise, 3, map[string]string{"成立日期": "去年春天"})
		multipart := func(data []byte) ([]byte, string) {
			var buf bytes.Buffer
			mw := multipartWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "import.xlsx")
			_, _ = fw.Write(data)
			_ = mw.Close()
			return buf.Bytes(), mw.FormDataContentType()
		}
		for _, tt := range []struct {
			name      string
			query     string
			body      []byte
			multipart bool
			status    int
			imported  int
			rejected  int
			created   int // enterprises added
			audits    int // audit rows added
		}{
			{"NotExcel", "", []byte("uscc,name\n91410105MA0000001X,测试\n"), false, 400, 0, 0, 0, 0},
			{"OneBadRowImportsNothing", "", workbook(t, good, other), false, 400, 0, 1, 0, 0},
			{"BadCellImportsNothing", "", broken, false, 400, 0, 1, 0, 0},
			{"PartialImportsTheGoodRows", "?partial=1", workbook(t, good, other), false, 200, 1, 1, 1, 1},
			{"Update", "", existing, true, 200, 1, 0, 0, 1},
			{"Create", "", workbook(t, newProfile("410105", 3004)), true, 200, 1, 0, 1, 1},
		} {
			t.Run(tt.name, func(t *testing.T) {
				n0, a0 := e.counts()
				body, header := tt.body, []string{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
				if tt.multipart {
					var ct string
					body, ct = multipart(body)
					header = []string{"Content-Type", ct}
				}
				res := e.do("district", "POST", "/api/v1/enterprises/import"+tt.query, body, header...)
				if res.status != tt.status {
					t.Fatalf("status %d, want %d: %.500s", res.status, tt.status, res.body)
				}
				var out importResponse
				res.json(t, &out)
				if out.Imported != tt.imported || out.Rejected != tt.rejected {
					t.Errorf("imported %d rejected %d, want %d and %d: %s", out.Imported, out.Rejected, tt.imported, tt.rejected, res.body)
				}
				if tt.status == 400 && (out.Error == nil || out.Error.Code == "") {
					t.Errorf("400 without an error object: %s", res.body)
				}
				if tt.rejected > 0 && (len(out.Errors) == 0 || out.Errors[0].Row != 3 || out.Errors[0].Message == "") {
					t.Errorf("errors %+v, want row 3 named", out.Errors)
				}
				n1, a1 := e.counts()
				if n1-n0 != tt.created || a1-a0 != tt.audits {
					t.Errorf("enterprises +%d, audit rows +%d; want +%d and +%d", n1-n0, a1-a0, tt.created, tt.audits)
				}
			})
		}
		t.Run("Updated", func(t *testing.T) {
			if got := e.profileOf(id.jinshui)["name"]; got != "郑州导入更名精密机械有限公司" {
				t.Errorf("name %v", got)
			}
		})
	})
}

// exportOf returns the export of the enterprises matching q, as role.
func (e *env) exportOf(role, q string) []byte {
	e.t.Helper()
	res := e.do(role, "GET", "/api/v1/enterprises/export.xlsx?q="+url.QueryEscape(q), nil)
	if res.status != 200 {
		e.t.Fatalf("export %s: %s", q, res)
	}
	return res.body
}

// importResponse is the answer of the import API.
type importResponse struct {
	Error *struct {
		Code string `json:"code"`
	} `json:"error"`
	Imported  int `json:"imported"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Created   int `json:"created"`
	Rejected  int `json:"rejected"`
	Errors    []struct {
		Sheet   string `json:"sheet"`
		Row     int    `json:"row"`
		Message string `json:"message"`
	} `json:"errors"`
}

// TestAPIImportStaleExport is the silent loss of issue 8: export the 精密
// list, edit 研发费用 2025 of one of them, import the earlier export. The
// edited row is a conflict (409 and nothing written; with partial=1 the
// others, unchanged, are reported so and not written), and the edit stays.
func TestAPIImportStaleExport(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		file := e.exportOf("city", "精密")
		names := sheetColumn(t, file, xlsx.SheetEnterprise, "企业名称")
		if len(names) < 2 {
			t.Fatalf("%d 精密 enterprises in the fixture", len(names))
		}
		ctx := auth.WithCaller(context.Background(), auth.System)
		items := e.list("city", "/api/v1/enterprises?limit=1&q="+url.QueryEscape(sheetColumn(t, file, xlsx.SheetEnterprise, "统一社会信用代码")[0])).Items
		rec, err := e.app.Store.GetEnterprise(ctx, items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		edited := profile.DecFromInt(4321)
		if rec.Profile.Years[2025] == nil {
			rec.Profile.Years[2025] = &profile.Year{}
		}
		rec.Profile.Years[2025].RDExpense = &edited
		if err := e.app.Store.UpdateEnterprise(ctx, rec); err != nil {
			t.Fatal(err)
		}
		xlsxType := []string{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
		// Another row edited in the file goes in with partial=1.
		file = xlsxtest.SetCells(t, file, xlsx.SheetEnterprise, 3, map[string]string{"产业链": "导入时改的产业链"})
		for _, tt := range []struct {
			query                      string
			status, updated, unchanged int
		}{{"", 409, 0, len(names) - 2}, {"?partial=1", 200, 1, len(names) - 2}} {
			var out importResponse
			res := e.do("city", "POST", "/api/v1/enterprises/import"+tt.query, file, xlsxType...)
			res.json(t, &out)
			if res.status != tt.status || out.Updated != tt.updated || out.Unchanged != tt.unchanged || out.Rejected != 1 || len(out.Errors) != 1 ||
				out.Errors[0].Row != 2 || !strings.Contains(out.Errors[0].Message, "导出后已被修改") {
				t.Errorf("import%s: %s; want %d, %d updated, %d unchanged, row 2 a conflict", tt.query, res, tt.status, tt.updated, tt.unchanged)
			}
		}
		// The same file again: the row written is unchanged now, not stale.
		var again importResponse
		res := e.do("city", "POST", "/api/v1/enterprises/import?partial=1", file, xlsxType...)
		res.json(t, &again)
		if res.status != 200 || again.Updated != 0 || again.Unchanged != len(names)-1 || again.Rejected != 1 {
			t.Errorf("the same file again: %s; want %d unchanged and row 2 still a conflict", res, len(names)-1)
		}
		got, err := e.app.Store.GetEnterprise(ctx, rec.ID)
		if err != nil || got.Profile.Years[2025].RDExpense == nil || *got.Profile.Years[2025].RDExpense != edited {
			t.Errorf("研发费用 2025 after the import: %v (%v), want the edit 4321", got.Profile.Years[2025].RDExpense, err)
		}
	})
}

// TestAPIImportOtherDistrictUSCC: a district official importing a code
// registered in another district learns neither that district nor the
// enterprise's name; with partial=1 the clean rows are still written.
func TestAPIImportOtherDistrictUSCC(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		theirs := e.profileOf(id.other) // 中原区
		mine := newProfile("410105", 3101)
		mine["uscc"] = theirs["uscc"]
		var out importResponse
		res := e.do("district", "POST", "/api/v1/enterprises/import?partial=1", workbook(t, newProfile("410105", 3102), mine),
			"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		res.json(t, &out)
		if res.status != 200 || out.Created != 1 || out.Rejected != 1 || len(out.Errors) != 1 || out.Errors[0].Row != 3 {
			t.Fatalf("%s; want 1 created and row 3 refused", res)
		}
		msg := out.Errors[0].Message
		if !strings.Contains(msg, "其他区县") || strings.Contains(msg, "中原") || strings.Contains(msg, theirs["name"].(string)) {
			t.Errorf("message %q reveals the district or the name, or does not say why", msg)
		}
	})
}

func multipartWriter(buf *bytes.Buffer) *multipart.Writer { return multipart.NewWriter(buf) }
