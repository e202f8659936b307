package server_test

import (
	"testing"

	"zjtx/internal/testdb"
)

type reviewList struct {
	Items []map[string]any `json:"items"`
	Total int              `json:"total"`
}

// TestReviewAPI: GET /api/v1/review answers the city's row 4101 and every
// district to the city, the district's own row only to its official; a
// district official asking for another district, or the city's row, gets
// 404, as does an unknown region; the city's row is the districts' sum.
func TestReviewAPI(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			e := newEnv(t, eng)
			var city, district, one reviewList
			e.do("city", "GET", "/api/v1/review", nil).json(t, &city)
			if city.Total != 17 || len(city.Items) != 17 || city.Items[0]["region"] != "4101" {
				t.Fatalf("city: %d items, first %v; want the city's row and 16 districts", city.Total, city.Items[0])
			}
			checks := []string{"unassigned", "without_plan", "overdue_tasks", "overdue_visits", "overdue_issues", "expiring_titles", "risks"}
			found := 0.0
			for _, ch := range checks {
				sum := 0.0
				for _, it := range city.Items[1:] {
					sum += it[ch].(float64)
				}
				if sum != city.Items[0][ch].(float64) {
					t.Errorf("%s: city %v, districts' sum %v", ch, city.Items[0][ch], sum)
				}
				found += sum
			}
			if found == 0 {
				t.Error("the demo's review finds nothing; want the demo's overdue visits and issues")
			}
			e.do("district", "GET", "/api/v1/review", nil).json(t, &district)
			if district.Total != 1 || district.Items[0]["region"] != "410105" {
				t.Errorf("district: %+v; want 金水区's row only", district.Items)
			}
			for _, it := range city.Items {
				if it["region"] == "410105" && it["unassigned"] != district.Items[0]["unassigned"] {
					t.Errorf("金水区 unassigned: city sees %v, district %v", it["unassigned"], district.Items[0]["unassigned"])
				}
			}
			e.do("city", "GET", "/api/v1/review?region=410105", nil).json(t, &one)
			if one.Total != 1 || one.Items[0]["region"] != "410105" {
				t.Errorf("city, region=410105: %+v; want that district's row", one.Items)
			}
			for _, tc := range []struct{ role, query string }{
				{"district", "?region=410102"}, {"district", "?region=4101"}, {"city", "?region=419999"},
			} {
				if res := e.do(tc.role, "GET", "/api/v1/review"+tc.query, nil); res.status != 404 {
					t.Errorf("%s %s: %s; want 404", tc.role, tc.query, res)
				}
			}
		})
	}
}
