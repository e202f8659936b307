package cultivation_test

import (
	"os"
	"testing"

	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
)

func example(t *testing.T, file string) *profile.Profile {
	t.Helper()
	f, err := os.Open("../../examples/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, errs := profile.Decode(f)
	if errs.HasErrors() {
		t.Fatalf("%s: %v", file, errs)
	}
	return p
}

func withTitle(p *profile.Profile, tier, from, to string) *profile.Profile {
	f, tt := date(from), date(to)
	p.Titles = append(p.Titles, profile.Title{Tier: tier, Recognized: &f, ValidTo: &tt})
	return p
}

func TestRadar(t *testing.T) {
	e := engine(t)
	today := date("2026-09-01")
	t.Run("FailsItsReviewRules", func(t *testing.T) {
		p := withTitle(example(t, "E7-srdi-2026-fail.json"), "srdi", "2024-10-01", "2027-09-30")
		risks, err := cultivation.Scan(e, 7, p.Name, p.USCC, p.Region, p, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(risks) != 1 {
			t.Fatalf("risks = %+v, want one", risks)
		}
		r := risks[0]
		if r.Tier != "srdi" || r.RuleSet != "srdi@2026" || r.Status != "fail" || len(r.Failing) == 0 {
			t.Fatalf("risk = %+v; want srdi failing srdi@2026 with conditions", r)
		}
		for _, c := range r.Failing {
			if c.ID == "" || c.Label == "" {
				t.Errorf("failing condition %+v lacks its id or label", c)
			}
		}
		if len(r.Flags) != 0 {
			t.Errorf("flags = %+v, want none", r.Flags)
		}
	})
	t.Run("FlagTurned", func(t *testing.T) {
		p := withTitle(example(t, "E6-srdi-2026-boundary.json"), "srdi", "2024-10-01", "2027-09-30")
		srdi := func() *cultivation.Risk {
			risks, err := cultivation.Scan(e, 6, p.Name, p.USCC, p.Region, p, today)
			if err != nil {
				t.Fatal(err)
			}
			for i := range risks {
				if risks[i].Tier == "srdi" {
					return &risks[i]
				}
			}
			return nil
		}
		if r := srdi(); r != nil {
			t.Fatalf("an srdi at its boundaries, unflagged: %+v; want no risk", r)
		}
		yes := true
		if p.Flags == nil {
			p.Flags = &profile.Flags{}
		}
		p.Flags.SeriousDishonesty = &yes
		if r := srdi(); r == nil || len(r.Flags) != 1 || r.Flags[0].ID != "serious_dishonesty" {
			t.Errorf("flagged: %+v; want the serious_dishonesty flag", r)
		}
	})
	t.Run("ExpiredOrUntitledIgnored", func(t *testing.T) {
		p := example(t, "E7-srdi-2026-fail.json")
		p.Titles = nil
		withTitle(p, "srdi", "2023-01-01", "2025-12-31")
		if risks, _ := cultivation.Scan(e, 7, p.Name, p.USCC, p.Region, p, today); len(risks) != 0 {
			t.Errorf("expired title: %+v; want none", risks)
		}
		p.Titles = nil
		if risks, _ := cultivation.Scan(e, 7, p.Name, p.USCC, p.Region, p, today); len(risks) != 0 {
			t.Errorf("no title: %+v; want none", risks)
		}
	})
}
