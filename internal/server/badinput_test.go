package server_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestBadInput: each bad request gets a clear 4xx naming the bad fields,
// and nothing is written: the enterprise and audit row counts are the same
// before and after.
func TestBadInput(t *testing.T) {
	big := `{"uscc":"` + strings.Repeat("9", 3<<20) + `"}`
	notExcel := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0x13, 0x37}, 512)...)
	good := newProfile("410105", 77)
	founded2027 := newProfile("410105", 79)
	founded2027["established"] = "2027-01-01"
	negative := newProfile("410105", 78)
	negative["years"] = map[string]any{"2025": map[string]any{"revenue": -3645, "rd_expense": -1, "employees": -5}}
	for _, c := range []struct {
		name, method, path string
		body               any
		status             int
		fields             []string
	}{
		{"MalformedJSON", "POST", "/api/v1/enterprises", `{"uscc": "9141`, 400, []string{`"path":""`}},
		{"NotAnObject", "POST", "/api/v1/enterprises", `[1, 2]`, 400, nil},
		{"EmptyBody", "POST", "/api/v1/enterprises", ``, 400, nil},
		{"WrongTypes", "POST", "/api/v1/enterprises", map[string]any{"uscc": 914101, "name": true, "region": "410105",
			"years": map[string]any{"2025": map[string]any{"revenue": "很多"}}}, 400,
			[]string{`"path":"uscc"`, `"path":"name"`, `"path":"years.2025.revenue"`}},
		{"WrongEnvelopeTypes", "POST", "/api/v1/enterprises", map[string]any{"profile": good, "chain": 7, "status": "x"}, 400,
			[]string{`"path":"chain"`}},
		{"UnknownEnvelopeField", "POST", "/api/v1/enterprises", map[string]any{"profile": good, "owner": "x"}, 400, []string{`"path":"owner"`}},
		{"OversizeBody", "POST", "/api/v1/enterprises", big, 413, nil},
		{"OversizeEvaluate", "POST", "/api/v1/evaluate", big, 413, nil},
		{"InvalidUSCC", "POST", "/api/v1/enterprises", map[string]any{"uscc": "91410105MA0000001A", "name": "郑州某某有限公司", "region": "410105"}, 400,
			[]string{`"path":"uscc"`}},
		{"NegativeMoney", "POST", "/api/v1/enterprises", negative, 400,
			[]string{`"path":"years.2025.revenue"`, `"path":"years.2025.rd_expense"`, `"path":"years.2025.employees"`}},
		{"NegativeMoneyEvaluate", "POST", "/api/v1/evaluate", negative, 400, []string{`"path":"years.2025.revenue"`}},
		{"NotExcel", "POST", "/api/v1/enterprises", notExcel, 400, nil},
		{"UpdateNegativeYear", "PUT", "/api/v1/enterprises/{jinshui}/years/2025", map[string]any{"revenue": -1}, 400,
			[]string{`"path":"years.2025.revenue"`}},
		{"UpdateBadVersionHeader", "PUT", "/api/v1/enterprises/{jinshui}", good, 400, []string{`"path":"If-Match"`}},
		{"UpdateVersionsDisagree", "PUT", "/api/v1/enterprises/{jinshui}", map[string]any{"profile": good, "version": 2}, 400, []string{`"path":"version"`}},
		{"UpdateStaleVersion", "PUT", "/api/v1/enterprises/{jinshui}", map[string]any{"profile": good, "version": 7}, 409, nil},
		{"FoundedAfterAsOf", "POST", "/api/v1/evaluate?as_of=2026-09-01", founded2027, 400, []string{`"path":"established"`, "晚于评价日期"}},
		{"CreateFoundedInFuture", "POST", "/api/v1/enterprises", founded2027, 400, []string{`"path":"established"`}},
		{"AsOfFarFuture", "POST", "/api/v1/evaluate?as_of=9999-12-31", good, 400, []string{`"path":"as_of"`, "超出现行认定标准的适用范围"}},
		{"AssessAsOfFarFuture", "POST", "/api/v1/enterprises/{jinshui}/assessments", map[string]any{"as_of": "9999-12-31"}, 400, []string{`"path":"as_of"`}},
		{"SweepAsOfFarFuture", "POST", "/api/v1/sweep", map[string]any{"profile": good, "as_of": "9999-12-31", "path": "years.2025.revenue", "from": 1, "to": 2, "steps": 1}, 400,
			[]string{`"path":"as_of"`}},
		{"DuplicateKey", "POST", "/api/v1/enterprises", `{"uscc":"` + good["uscc"].(string) + `","name":"甲公司","name":"乙公司","region":"410105"}`, 400,
			[]string{`"path":"name"`, "出现了不止一次"}},
		{"DuplicateKeyInEnvelope", "POST", "/api/v1/enterprises", `{"profile":{"uscc":"` + good["uscc"].(string) + `","name":"甲公司","region":"410105","years":{"2025":{"revenue":1,"revenue":2}}}}`, 400,
			[]string{`"path":"profile.years.2025.revenue"`}},
		{"DuplicateKeyEvaluate", "POST", "/api/v1/evaluate", `{"uscc":"` + good["uscc"].(string) + `","name":"甲公司","ip":[{"kind":"invention_patent","kind":"utility_model"}]}`, 400,
			[]string{`"path":"ip[0].kind"`}},
		{"UpdateDuplicateKey", "PUT", "/api/v1/enterprises/{jinshui}/years/2025", `{"revenue":1,"revenue":2}`, 400, []string{`"path":"years.2025.revenue"`}},
		{"DuplicateKeySession", "POST", "/api/v1/session", `{"username":"city","username":"district","password":"x"}`, 400, []string{`"path":"username"`}},
		{"InvalidUTF8", "POST", "/api/v1/enterprises", []byte(`{"uscc":"` + good["uscc"].(string) + "\",\"name\":\"\xff\xfe公司\",\"region\":\"410105\"}"), 400,
			[]string{`"path":"name"`, "UTF-8"}},
		{"AssessBadDate", "POST", "/api/v1/enterprises/{jinshui}/assessments", map[string]any{"as_of": "1 Sept", "tier": "gold"}, 400,
			[]string{`"path":"as_of"`, `"path":"tier"`}},
		{"SweepWrongTypes", "POST", "/api/v1/sweep", map[string]any{"profile": good, "path": "years.2025.revenue", "from": 1, "to": 2, "steps": "ten"}, 400,
			[]string{`"path":"steps"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, "sqlite")
			id := e.ids()
			path := strings.ReplaceAll(c.path, "{jinshui}", fmt.Sprint(id.jinshui))
			entBefore, auditBefore := e.counts()
			header := []string{}
			if c.name == "NotExcel" {
				header = []string{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
			}
			switch c.name {
			case "UpdateBadVersionHeader":
				header = []string{"If-Match", "yesterday"}
			case "UpdateNegativeYear", "UpdateDuplicateKey", "UpdateVersionsDisagree":
				header = []string{"If-Match", `"v1"`}
			}
			res := e.do("city", c.method, path, c.body, header...)
			if res.status != c.status {
				t.Errorf("status %d, want %d: %.500s", res.status, c.status, res.body)
			}
			if !bytes.Contains(res.body, []byte(`"error":{"code":`)) {
				t.Errorf("body is not an error object: %.300s", res.body)
			}
			for _, f := range c.fields {
				if !bytes.Contains(res.body, []byte(f)) {
					t.Errorf("body does not name %s: %.500s", f, res.body)
				}
			}
			entAfter, auditAfter := e.counts()
			if entAfter != entBefore || auditAfter != auditBefore {
				t.Errorf("counts changed: enterprises %d → %d, audit %d → %d", entBefore, entAfter, auditBefore, auditAfter)
			}
		})
	}
}
