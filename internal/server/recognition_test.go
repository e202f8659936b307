package server_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"zjtx/internal/testdb"
	"zjtx/internal/xlsx"
)

// listBook is an official published list of rows.
func listBook(tb testing.TB, rows ...[]any) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := xlsx.RecognitionList(&buf, rows...); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// usccOf is the USCC of an enterprise, read as the city.
func (e *env) usccOf(id int64) string {
	e.t.Helper()
	return e.profileOf(id)["uscc"].(string)
}

// newRecognitionID records a recognition of enterprise id as the city and
// returns its id.
func (e *env) newRecognitionID(id int64, batch string) int64 {
	e.t.Helper()
	res := e.do("city", "POST", "/api/v1/recognitions", recognitionBody(id, batch))
	var v struct {
		ID int64 `json:"id"`
	}
	res.json(e.t, &v)
	if res.status != 201 {
		e.t.Fatalf("create recognition: %s", res)
	}
	return v.ID
}

func recognitionBody(id int64, batch string) map[string]any {
	return map[string]any{"enterprise_id": id, "tier": "srdi", "level": "provincial", "batch": batch,
		"doc_no": "豫工信企业〔2025〕88号", "recognized_on": "2025-03-01"}
}

func TestRecognitionImport(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			e := newEnv(t, eng)
			id := e.ids()
			book := listBook(t,
				[]any{"金水企业", e.usccOf(id.jinshui), "专精特新中小企业", "省级", "第九批", "豫工信企业〔2026〕9号", "2026-03-01", ""},
				[]any{"中原企业", e.usccOf(id.other), "专精特新中小企业", "省级", "第九批", "豫工信企业〔2026〕9号", "2026-03-01", ""},
				[]any{"校验位错", "91410105MA0000000Y", "创新型", "市级", "第九批", "郑工信〔2026〕9号", "2026/3/1", ""},
			)
			var out struct {
				Rows, Created, Updated, Unmatched int
				Errors                            []struct {
					Row     int    `json:"row"`
					Column  string `json:"column"`
					Message string `json:"message"`
				}
				Annotated string
			}
			res := e.do("district", "POST", "/api/v1/recognitions/import", book)
			res.json(t, &out)
			if res.status != 200 || out.Rows != 3 || out.Created != 1 || out.Unmatched != 2 {
				t.Fatalf("district import: %d %+v; want 3 rows, 1 created, 2 unmatched", res.status, out)
			}
			msgs := fmt.Sprint(out.Errors)
			if !strings.Contains(msgs, "未能匹配") || !strings.Contains(msgs, "校验") {
				t.Errorf("errors %s; want the unmatched USCC and the check digit", msgs)
			}
			if strings.Contains(msgs, "中原区") || strings.Contains(msgs, "其他区") {
				t.Errorf("errors %s reveal the other district", msgs)
			}
			annotated, err := base64.StdEncoding.DecodeString(out.Annotated)
			if err != nil {
				t.Fatal(err)
			}
			reasons, err := xlsx.ReadColumn(annotated, xlsx.SheetRecognitions, xlsx.ErrorHeader)
			if err != nil || len(reasons) != 3 || reasons[0] != "" || !strings.Contains(reasons[1], "未能匹配") {
				t.Errorf("annotated 错误原因 = %q, %v; want rows 2 and 3 annotated", reasons, err)
			}
			t.Run("ReimportUpdates", func(t *testing.T) {
				res := e.do("district", "POST", "/api/v1/recognitions/import", book)
				res.json(t, &out)
				if out.Created != 0 || out.Updated != 1 {
					t.Errorf("again: %+v; want 1 updated, none created", out)
				}
				list := e.do("city", "GET", fmt.Sprintf("/api/v1/recognitions?enterprise_id=%d&tier=srdi", id.jinshui), nil)
				if !strings.Contains(string(list.body), `"total":1`) && !strings.Contains(string(list.body), "第九批") {
					t.Errorf("recognitions of the enterprise: %s", list.body)
				}
			})
			t.Run("TitleReflected", func(t *testing.T) {
				titles := fmt.Sprint(e.profileOf(id.jinshui)["titles"])
				if !strings.Contains(titles, "2026-03-01") {
					t.Errorf("titles = %s; want the srdi title recognised 2026-03-01", titles)
				}
			})
			t.Run("CalendarAndRisksInScope", func(t *testing.T) {
				for _, path := range []string{"/api/v1/calendar?within=365", "/api/v1/risks"} {
					var out struct {
						Items []struct {
							Region string `json:"region"`
						} `json:"items"`
						Total int `json:"total"`
					}
					res := e.do("district", "GET", path, nil)
					res.json(t, &out)
					if res.status != 200 || out.Total == 0 || out.Total != len(out.Items) {
						t.Errorf("%s as district: %d, %d items of %d; want some", path, res.status, len(out.Items), out.Total)
					}
					for _, it := range out.Items {
						if it.Region != "410105" {
							t.Errorf("%s as district: an item of %s", path, it.Region)
						}
					}
				}
				if res := e.do("district", "GET", "/api/v1/calendar?within=-1&kind=x", nil); res.status != 400 ||
					!strings.Contains(string(res.body), "within") || !strings.Contains(string(res.body), "kind") {
					t.Errorf("bad parameters: %s; want 400 naming within and kind", res)
				}
			})
			t.Run("OtherDistrict404", func(t *testing.T) {
				rid := e.newRecognitionID(id.other, "第八批")
				for _, c := range []struct{ method, path string }{
					{"PUT", fmt.Sprintf("/api/v1/recognitions/%d", rid)},
					{"DELETE", fmt.Sprintf("/api/v1/recognitions/%d?version=1", rid)},
				} {
					body := recognitionBody(id.other, "第八批")
					body["version"] = 1
					if res := e.do("district", c.method, c.path, body); res.status != 404 {
						t.Errorf("%s %s as district: %d, want 404", c.method, c.path, res.status)
					}
				}
				res := e.do("district", "GET", "/api/v1/recognitions?limit=1000", nil)
				if strings.Contains(string(res.body), `"region":"410102"`) || strings.Contains(string(res.body), `"region":"410103"`) {
					t.Errorf("district list shows other districts: %.300s", res.body)
				}
			})
		})
	}
}
