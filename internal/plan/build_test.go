package plan_test

import (
	"encoding/json"
	"os"
	"testing"

	"zjtx/internal/criteria"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
	"zjtx/rules"
)

func engine(t testing.TB) *criteria.Engine {
	t.Helper()
	e, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func example(t testing.TB) *profile.Profile {
	t.Helper()
	b, err := os.ReadFile("../profile/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	p, errs := profile.DecodeBytes(b)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return p
}

func TestBuildDump(t *testing.T) {
	eng, p := engine(t), example(t)
	_ = p.SetPath("years.2025.rd_expense", "30")
	_ = p.AddPath("titles", []byte(`{"tier":"srdi","recognized":"2024-01-01","valid_to":"2027-12-31"}`))
	for _, tier := range []string{"innovative", "srdi", "little_giant"} {
		for _, d := range []profile.Date{{Y: 2025, M: 9, D: 1}, {Y: 2026, M: 9, D: 1}} {
			pl, err := plan.Build(eng, p, tier, d)
			if err != nil {
				t.Logf("%s %s: %v", tier, d, err)
				continue
			}
			b, _ := json.Marshal(pl)
			t.Logf("%s %s: %s", tier, d, b)
		}
	}
}
