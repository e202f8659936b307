package server_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestBaolianAPI: the district official sees and acts on its district's
// 包联 records only; the enterprise account sees its officials, visits and
// issues and raises one; bad input names each field and writes nothing;
// actions carry the version they read.
func TestBaolianAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		other := e.newAppeal(id.other, "中原区企业的诉求")
		district := e.userID("district")

		t.Run("OfficialsHaveAUnit", func(t *testing.T) {
			res := e.do("city", "POST", "/api/v1/users", map[string]any{"username": "jinshui.zhao", "name": "赵敏", "role": "district",
				"region": "410105", "unit": "企业服务科", "password": "Lotus-Pond-2026"})
			var u struct {
				ID      int64  `json:"id"`
				Unit    string `json:"unit"`
				Version int64  `json:"version"`
			}
			res.json(t, &u)
			if res.status != 201 || u.Unit != "企业服务科" {
				t.Fatalf("create with a unit: %s", res)
			}
			res = e.do("city", "PUT", fmt.Sprintf("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "unit": "中小企业发展科"})
			if res.json(t, &u); res.status != 200 || u.Unit != "中小企业发展科" {
				t.Errorf("change the unit: %s", res)
			}
		})

		t.Run("DistrictScope", func(t *testing.T) {
			for _, path := range []string{"/api/v1/assignments?limit=500", "/api/v1/visits?limit=500", "/api/v1/appeals?limit=500"} {
				var page struct {
					Items []struct {
						Region string `json:"region"`
					} `json:"items"`
					Total int `json:"total"`
				}
				e.do("district", "GET", path, nil).json(t, &page)
				if page.Total == 0 {
					t.Errorf("%s: the demo gives 金水区 records, got none", path)
				}
				for _, it := range page.Items {
					if it.Region != "410105" {
						t.Fatalf("%s: district sees a record of %s", path, it.Region)
					}
				}
			}
			if res := e.do("district", "GET", appealPath(other, ""), nil); res.status != 404 {
				t.Errorf("district reads 中原区's issue: %s", res)
			}
			if res := e.do("district", "POST", appealPath(other, "/actions"), map[string]any{"action": "route", "lead_unit": "x", "version": 1}); res.status != 404 {
				t.Errorf("district routes 中原区's issue: %s", res)
			}
			if res := e.do("district", "POST", "/api/v1/assignments", map[string]any{"enterprise_id": id.other, "official_id": district, "role": "assist"}); res.status != 404 {
				t.Errorf("district assigns in 中原区: %s", res)
			}
		})

		t.Run("EnterpriseSeesItsOwn", func(t *testing.T) {
			var as struct {
				Items []struct {
					EnterpriseID int64  `json:"enterprise_id"`
					OfficialName string `json:"official_name"`
					OfficialUnit string `json:"official_unit"`
				} `json:"items"`
			}
			e.do("enterprise", "GET", "/api/v1/assignments", nil).json(t, &as)
			if len(as.Items) == 0 || as.Items[0].EnterpriseID != id.own || as.Items[0].OfficialName == "" {
				t.Errorf("enterprise's officials: %+v", as.Items)
			}
			res := e.do("enterprise", "POST", "/api/v1/appeals", map[string]any{"enterprise_id": id.jinshui, "source": "gap", "category": "人才用工", "title": "招工难"})
			var p struct {
				EnterpriseID int64  `json:"enterprise_id"`
				Source       string `json:"source"`
				Status       string `json:"status"`
			}
			res.json(t, &p)
			if res.status != 201 || p.EnterpriseID != id.own || p.Source != "enterprise" || p.Status != "registered" {
				t.Errorf("enterprise raises an issue: %s", res)
			}
			if res := e.do("enterprise", "GET", appealPath(other, ""), nil); res.status != 404 {
				t.Errorf("enterprise reads another's issue: %s", res)
			}
		})

		t.Run("BadInputNamesFields", func(t *testing.T) {
			_, before := e.counts()
			for _, c := range []struct {
				name, path string
				body       any
				fields     []string
			}{
				{"Assignment", "/api/v1/assignments", map[string]any{"official_id": 0, "role": "boss", "from": "2026-13-01"},
					[]string{`"path":"enterprise_id"`, `"path":"official_id"`, `"path":"role"`, `"path":"from"`}},
				{"Visit", "/api/v1/visits", map[string]any{"enterprise_id": id.jinshui, "date": "2099-01-01", "form": "letter",
					"issue": map[string]any{"category": "闲聊", "title": ""}},
					[]string{`"path":"date"`, `"path":"form"`, `"path":"summary"`, `"path":"issue.category"`, `"path":"issue.title"`}},
				{"Appeal", "/api/v1/appeals", map[string]any{"enterprise_id": id.jinshui, "source": "rumour", "category": "", "title": strings.Repeat("长", 201)},
					[]string{`"path":"source"`, `"path":"category"`, `"path":"title"`}},
				{"Act", appealPath(other, "/actions"), map[string]any{"action": "extend", "days": 99, "version": 1},
					[]string{`"path":"days"`, `"path":"text"`}},
			} {
				res := e.do("city", "POST", c.path, c.body)
				if res.status != 400 {
					t.Errorf("%s: %s, want 400", c.name, res)
					continue
				}
				for _, f := range c.fields {
					if !strings.Contains(string(res.body), f) {
						t.Errorf("%s: %s does not name %s", c.name, res.body, f)
					}
				}
			}
			if _, after := e.counts(); after != before {
				t.Errorf("bad input wrote %d audit rows", after-before)
			}
		})

		t.Run("ActionsCarryTheVersion", func(t *testing.T) {
			act := map[string]any{"action": "route", "lead_unit": "区人社局"}
			if res := e.do("city", "POST", appealPath(other, "/actions"), act); res.status != 428 {
				t.Errorf("no version: %s", res)
			}
			if res := e.do("city", "POST", appealPath(other, "/actions"), act, "If-Match", `"v2"`); res.status != 409 {
				t.Errorf("stale version: %s", res)
			}
			if res := e.do("city", "POST", appealPath(other, "/actions"), act, "If-Match", `"v1"`); res.status != 200 ||
				!strings.Contains(string(res.body), `"status":"assigned"`) {
				t.Errorf("route: %s", res)
			}
			if res := e.do("city", "POST", appealPath(other, "/actions"), map[string]any{"action": "close", "version": 2}); res.status != 409 {
				t.Errorf("close an issue in hand: %s", res)
			}
			var rates struct {
				Items []struct {
					Key       string   `json:"key"`
					SolveRate *float64 `json:"solve_rate"`
				} `json:"items"`
			}
			e.do("district", "GET", "/api/v1/assignments/workload?by=region", nil).json(t, &rates)
			if len(rates.Items) != 1 || rates.Items[0].Key != "410105" || rates.Items[0].SolveRate == nil {
				t.Errorf("district's rates: %+v", rates.Items)
			}
		})
	})
}
