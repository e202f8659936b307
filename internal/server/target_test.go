package server_test

import (
	"strings"
	"testing"

	"zjtx/internal/testdb"
)

type targetList struct {
	Year  int `json:"year"`
	Items []struct {
		Region   string   `json:"region"`
		Tier     string   `json:"tier"`
		Target   *int     `json:"target"`
		Done     int      `json:"done"`
		Forecast float64  `json:"forecast"`
		Rate     *float64 `json:"rate"`
	} `json:"items"`
	Total int `json:"total"`
}

// TestTargetsAPI: GET /api/v1/targets answers the seeded targets with the
// city's row 4101 first; a district official gets its district and the
// city's row and nothing of another district; PUT sets and changes a target
// with its version; bad input is named field by field; the quota answers
// the rule and each district's places.
func TestTargetsAPI(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			e := newEnv(t, eng)
			var city, district targetList
			e.do("city", "GET", "/api/v1/targets?year=2025", nil).json(t, &city)
			e.do("district", "GET", "/api/v1/targets?year=2025", nil).json(t, &district)
			if city.Total != 3*17 || len(city.Items) != city.Total {
				t.Fatalf("city items = %d (total %d), want 3 tiers × (city + 16 districts)", len(city.Items), city.Total)
			}
			want := map[string]int{"little_giant": 20, "srdi": 300, "innovative": 500}
			done := map[string]int{}
			for _, it := range city.Items[:3] {
				if it.Region != "4101" || it.Target == nil || *it.Target != want[it.Tier] {
					t.Errorf("city row %+v, want region 4101 and target %d", it, want[it.Tier])
				}
				if it.Forecast != float64(it.Done) {
					t.Errorf("2025 is over: forecast %v, want done %d", it.Forecast, it.Done)
				}
				done[it.Tier] = it.Done
			}
			for _, it := range city.Items[3:] {
				done[it.Tier] -= it.Done
			}
			for tier, n := range done {
				if n != 0 {
					t.Errorf("%s: the city's done differs from the districts' sum by %d", tier, n)
				}
			}
			if district.Total != 6 {
				t.Errorf("district items = %d, want 6 (the city's and 金水区's rows)", district.Total)
			}
			for i, it := range district.Items {
				if it.Region != "4101" && it.Region != "410105" {
					t.Errorf("district sees %s", it.Region)
				}
				if i < 3 && it.Done != city.Items[i].Done {
					t.Errorf("district's city row done %d, want the city's %d", it.Done, city.Items[i].Done)
				}
			}
			var open targetList
			e.do("city", "GET", "/api/v1/targets?year=2026", nil).json(t, &open)
			if it := open.Items[1]; it.Tier != "srdi" || *it.Target != 378 || it.Forecast <= float64(it.Done) {
				t.Errorf("2026 srdi: %+v, want target 378 (三年倍增) and a forecast above done from the lists", it)
			}

			res := e.do("city", "PUT", "/api/v1/targets", map[string]any{"year": 2028, "tier": "srdi", "region": "410105", "target": 40})
			if res.status != 201 || !strings.Contains(string(res.body), `"version":1`) {
				t.Fatalf("create: %s", res)
			}
			res = e.do("city", "PUT", "/api/v1/targets", map[string]any{"year": 2028, "tier": "srdi", "region": "410105", "target": 45, "version": 1})
			if res.status != 200 || !strings.Contains(string(res.body), `"version":2`) {
				t.Errorf("update: %s", res)
			}
			if res = e.do("city", "PUT", "/api/v1/targets", map[string]any{"year": 2028, "tier": "srdi", "region": "410105", "target": 50, "version": 1}); res.status != 409 {
				t.Errorf("stale update: %s, want 409", res)
			}
			res = e.do("city", "PUT", "/api/v1/targets", map[string]any{"year": 1990, "tier": "gold", "region": "", "target": -1})
			for _, field := range []string{`"path":"year"`, `"path":"tier"`, `"path":"region"`, `"path":"target"`} {
				if res.status != 400 || !strings.Contains(string(res.body), field) {
					t.Errorf("bad input: %s lacks %s", res, field)
				}
			}
			if res = e.do("city", "GET", "/api/v1/targets?year=abc", nil); res.status != 400 || !strings.Contains(string(res.body), `"path":"year"`) {
				t.Errorf("bad year: %s", res)
			}
			if res = e.do("district", "PUT", "/api/v1/targets", map[string]any{"year": 2028, "tier": "srdi", "region": "410105", "target": 99, "version": 2}); res.status != 403 {
				t.Errorf("district PUT: %s, want 403", res)
			}

			var quota struct {
				Rule struct {
					Tier      string `json:"tier"`
					BasisTier string `json:"basis_tier"`
				} `json:"rule"`
				Items []struct {
					Region string `json:"region"`
					Places int    `json:"places"`
					Base   int    `json:"base"`
				} `json:"items"`
				Places int `json:"places"`
			}
			e.do("district", "GET", "/api/v1/targets/quota?year=2025", nil).json(t, &quota)
			if quota.Rule.Tier != "srdi" || quota.Rule.BasisTier != "innovative" || len(quota.Items) != 1 || quota.Items[0].Region != "410105" {
				t.Errorf("district's quota = %+v, want the rule and 金水区 only", quota)
			}
			if len(quota.Items) == 1 && (quota.Items[0].Places < quota.Items[0].Base || quota.Places != quota.Items[0].Places) {
				t.Errorf("places %+v total %d", quota.Items[0], quota.Places)
			}
		})
	}
}
