package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"zjtx/internal/testdb"
)

// newPolicy adds a document as the city and returns its id.
func (e *env) newPolicy(title string) int64 {
	e.t.Helper()
	res := e.do("city", "POST", "/api/v1/policies", map[string]any{"title": title, "level": "municipal", "issued_on": "2025-01-01"})
	var v struct {
		ID int64 `json:"id"`
	}
	res.json(e.t, &v)
	if res.status != 201 {
		e.t.Fatalf("create policy: %s", res)
	}
	return v.ID
}

// parkID returns the demo park's id.
func (e *env) parkID() int64 {
	e.t.Helper()
	var v struct {
		Park struct {
			ID int64 `json:"id"`
		} `json:"park"`
	}
	for id := int64(1); id < 10; id++ {
		if res := e.do("city", "GET", fmt.Sprintf("/api/v1/parks/%d/ranking", id), nil); res.status == 200 {
			res.json(e.t, &v)
			return v.Park.ID
		}
	}
	e.t.Fatal("no demo park")
	return 0
}

// TestPolicyAPI: search, versions (428 without, 409 stale) and bad input
// named by field.
func TestPolicyAPI(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) { testPolicyAPI(t, newEnv(t, eng)) })
	}
}

func testPolicyAPI(t *testing.T, e *env) {
	var list struct {
		Items []struct {
			ID    int64  `json:"id"`
			DocNo string `json:"doc_no"`
			Body  string `json:"body"`
		} `json:"items"`
		Total int `json:"total"`
	}
	e.do("district", "GET", "/api/v1/policies?q="+url.QueryEscape("专精特新贷"), nil).json(t, &list)
	// The province's 专精特新贷 scheme has it in its title, the city's plan
	// in its text: the title hit first.
	if list.Total != 2 || list.Items[0].DocNo != "豫工信联文〔2022〕74号" || list.Items[0].Body != "" {
		t.Errorf("search 专精特新贷: %+v", list)
	}
	id := e.newPolicy("接口测试文件")
	path := fmt.Sprintf("/api/v1/policies/%d", id)
	body := map[string]any{"title": "接口测试文件（修订）", "level": "municipal", "issued_on": "2025-01-01"}
	if res := e.do("city", "PUT", path, body); res.status != 428 {
		t.Errorf("update without a version: %s", res)
	}
	if res := e.do("city", "PUT", path, body, "If-Match", `"v1"`); res.status != 200 {
		t.Errorf("update: %s", res)
	}
	if res := e.do("city", "PUT", path, body, "If-Match", `"v1"`); res.status != 409 {
		t.Errorf("stale update: %s", res)
	}
	res := e.do("city", "POST", "/api/v1/policies", map[string]any{"title": "", "level": "town", "issued_on": "2025-02-30"})
	if res.status != 400 || !strings.Contains(string(res.body), "issued_on") {
		t.Errorf("bad document: %s", res)
	}
}

// TestParkAPI: an enterprise applies for itself (figures as decimal text)
// and sees only its own application in the ranking; a district sees its
// district's.
func TestParkAPI(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) { testParkAPI(t, newEnv(t, eng)) })
	}
}

func testParkAPI(t *testing.T, e *env) {
	park := e.parkID()
	path := fmt.Sprintf("/api/v1/parks/%d", park)
	if res := e.do("enterprise", "POST", path+"/applications", map[string]any{"need_mu": "20", "used_mu": 10, "revenue": "6000", "tax": "300"}); res.status != 400 {
		t.Errorf("a number where text is expected: %s", res)
	}
	res := e.do("enterprise", "POST", path+"/applications", map[string]any{"need_mu": "20", "used_mu": "10", "revenue": "6000",
		"tax": "300", "rd_expense": "300", "employees": 60, "enterprise_id": 1})
	if res.status != 201 {
		t.Fatalf("apply: %s", res)
	}
	var mine struct {
		Items []struct {
			EnterpriseID int64   `json:"enterprise_id"`
			Class        string  `json:"class"`
			Total        float64 `json:"total"`
		} `json:"items"`
	}
	e.do("enterprise", "GET", path+"/ranking", nil).json(t, &mine)
	if len(mine.Items) != 1 || mine.Items[0].Class != "A" || mine.Items[0].Total != 100 {
		t.Errorf("the enterprise's ranking: %+v", mine)
	}
	if res := e.do("enterprise", "POST", path+"/applications", map[string]any{"need_mu": "20", "used_mu": "10", "revenue": "6000", "tax": "300"}); res.status != 409 {
		t.Errorf("a second application: %s", res)
	}
	var city, district struct {
		Total int `json:"total"`
		Items []struct {
			Region string `json:"region"`
		} `json:"items"`
	}
	e.do("city", "GET", path+"/ranking", nil).json(t, &city)
	e.do("district", "GET", path+"/ranking", nil).json(t, &district)
	if city.Total <= district.Total {
		t.Errorf("the city sees %d applications, the district %d", city.Total, district.Total)
	}
	for _, it := range district.Items {
		if it.Region != "410105" {
			t.Errorf("the district sees an application of %s", it.Region)
		}
	}
}
