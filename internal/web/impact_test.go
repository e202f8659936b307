package web_test

import (
	"strings"
	"testing"
)

// TestImpactPage: the impact, discovery and population pages answer
// officials (the impact matrix over the rows of their scope) and refuse
// other roles.
func TestImpactPage(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		role   string
		status int
		want   string
	}{
		{"city", 200, `id="impact-matrix"`},
		{"district", 200, "仅含本区县企业"},
		{"enterprise", 403, ""},
	} {
		p := e.as(c.role).get("/impact?from=srdi@2022&to=srdi@2026&move=pass_to_fail")
		if p.status != c.status || !strings.Contains(p.body, c.want) {
			t.Errorf("%s: %d %.300s", c.role, p.status, p.body)
		}
	}
	for _, path := range []string{"/discovery", "/populations", "/discovery/export.xlsx?population=1&tier=srdi"} {
		for role, want := range map[string]int{"city": 200, "district": 200, "enterprise": 403, "bank": 403} {
			if p := e.as(role).get(path); p.status != want {
				t.Errorf("%s %s: %d, want %d", role, path, p.status, want)
			}
		}
	}
	if p := e.as("city").get("/impact?from=srdi@2022&to=little_giant@2026"); p.status != 200 || !strings.Contains(p.body, "不属于层级") {
		t.Errorf("rule sets of two tiers: %d %.300s", p.status, p.body)
	}
}
