package server_test

import (
	"fmt"
	"net/url"
	"testing"
)

// TestDistrictScope: logged in as the 金水区 official, no API call shows,
// changes or evaluates an enterprise outside 金水区.
func TestDistrictScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		t.Run("ListOnlyJinshui", func(t *testing.T) {
			want := e.list("city", "/api/v1/enterprises?region=410105&limit=1").Total
			seen := 0
			for off := 0; ; off += 100 {
				p := e.list("district", fmt.Sprintf("/api/v1/enterprises?limit=100&offset=%d", off))
				for _, it := range p.Items {
					if it.Region != "410105" {
						t.Fatalf("district list shows %s of %s", it.Name, it.Region)
					}
				}
				seen += len(p.Items)
				if p.Total != want {
					t.Fatalf("district total %d, city's count for 410105 %d", p.Total, want)
				}
				if len(p.Items) < 100 {
					break
				}
			}
			if seen != want || want == 0 {
				t.Errorf("district saw %d enterprises, want %d", seen, want)
			}
		})
		t.Run("SearchDoesNotLeak", func(t *testing.T) {
			var other listItem
			res := e.do("city", "GET", fmt.Sprintf("/api/v1/enterprises/%d", id.other), nil)
			res.json(t, &other)
			for _, q := range []string{other.Name, other.USCC} {
				if p := e.list("district", "/api/v1/enterprises?q="+url.QueryEscape(q)); p.Total != 0 {
					for _, it := range p.Items {
						if it.Region != "410105" {
							t.Errorf("search %q shows %s of %s", q, it.Name, it.Region)
						}
					}
				}
			}
		})
		other := fmt.Sprintf("/api/v1/enterprises/%d", id.other)
		for _, c := range []struct {
			name, method, path string
			body               any
		}{
			{"Get", "GET", other, nil},
			{"Update", "PUT", other, e.profileOf(id.other)},
			{"Years", "GET", other + "/years", nil},
			{"YearUpdate", "PUT", other + "/years/2025", map[string]any{"revenue": 1}},
			{"Assessments", "GET", other + "/assessments", nil},
			{"Assess", "POST", other + "/assessments", nil},
		} {
			t.Run("OtherDistrict"+c.name+"Is404", func(t *testing.T) {
				before := e.profileOf(id.other)
				if res := e.do("district", c.method, c.path, c.body); res.status != 404 {
					t.Errorf("%s %s: %s, want 404", c.method, c.path, res)
				}
				if after := e.profileOf(id.other); fmt.Sprint(after) != fmt.Sprint(before) {
					t.Error("the other district's enterprise changed")
				}
			})
		}
		t.Run("CannotMoveOwnEnterpriseAway", func(t *testing.T) {
			p := e.profileOf(id.jinshui)
			p["region"] = "410102"
			if res := e.do("district", "PUT", fmt.Sprintf("/api/v1/enterprises/%d", id.jinshui), p, "If-Match", e.etag(id.jinshui)); res.status != 403 {
				t.Errorf("move to 中原区: %s, want 403", res)
			}
		})
	})
}
