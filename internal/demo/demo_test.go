package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"zjtx/internal/apperr"

	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/rules"
)

func TestRecords(t *testing.T) {
	recs := demo.Records(demo.Size, 0, 2025)
	regions, chains, tiers := map[string]int{}, map[string]int{}, map[string]int{}
	names := map[string]bool{}
	day := profile.Date{Y: 2026, M: 9, D: 1}
	for _, r := range recs {
		p := r.Profile
		if errs := profile.Validate(p); errs.HasErrors() {
			t.Fatalf("%s %s: %v", p.USCC, p.Name, errs)
		}
		if names[p.Name] {
			t.Errorf("name %s twice", p.Name)
		}
		names[p.Name] = true
		if !strings.HasSuffix(p.Name, "公司") {
			t.Errorf("name %s: want a company name", p.Name)
		}
		if c := p.Industry; !(c[0] == 'C' && c[1:3] >= "13" && c[1:3] <= "43" || strings.HasPrefix(c, "I65")) {
			t.Errorf("industry %s: want C13–C43 or I65", c)
		}
		for y := 2023; y <= 2025; y++ {
			if p.Years[y] == nil || p.Years[y].Revenue == nil {
				t.Fatalf("%s: no figures for %d", p.Name, y)
			}
		}
		// Lists show each class with its GB/T 4754 name, not its division's.
		if name := enterprise.IndustryName(p.Industry); name == "" || name == enterprise.IndustryName(p.Industry[:3]) {
			t.Errorf("industry %s has no class name of its own (%q)", p.Industry, name)
		}
		regions[p.Region]++
		chains[r.Chain]++
		tiers[enterprise.HighestTier(p, day)]++
	}
	t.Run("AllSixteenUnits", func(t *testing.T) {
		if len(regions) != 16 {
			t.Errorf("regions = %d, want 16: %v", len(regions), regions)
		}
	})
	t.Run("KeyChains", func(t *testing.T) {
		for _, c := range []string{"新材料", "电子信息", "汽车及零部件", "装备制造", "生物医药", "现代食品", "铝加工制品", "新能源", "超硬材料", "智能传感器"} {
			if chains[c] < 30 {
				t.Errorf("chain %s: %d enterprises, want at least 30", c, chains[c])
			}
		}
	})
	t.Run("TitleProportions", func(t *testing.T) {
		inn, srdi, lg, none := tiers["innovative"], tiers["srdi"], tiers["little_giant"], tiers[""]
		t.Logf("innovative %d, srdi %d, little giant %d, none %d", inn, srdi, lg, none)
		// About 10:4:1, most with none.
		if lg == 0 || inn < 6*lg || inn > 14*lg || srdi < 2*lg || srdi > 6*lg || none < len(recs)/3 {
			t.Errorf("proportions %d:%d:%d with %d none; want about 10:4:1 and many with none", inn, srdi, lg, none)
		}
	})
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	s := migratedStore(t)
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	loaded, err := demo.Load(ctx, s, demo.Options{Engine: eng, Now: now})
	if err != nil || !loaded {
		t.Fatalf("Load = %v, %v; want true, nil", loaded, err)
	}
	t.Logf("loaded and assessed %d enterprises in %v", demo.Size, time.Since(start))
	// About 6 s on the quiet 2-core machine (1.5 s without the assessments).
	if d := time.Since(start); d > 40*time.Second {
		t.Errorf("load took %v; want a few seconds", d)
	}
	// The demo is assessed, so the outcome filters show real content.
	t.Run("Assessed", func(t *testing.T) {
		city := auth.WithCaller(ctx, auth.System)
		for _, tt := range []struct {
			name string
			f    enterprise.Filter
		}{
			// No one passes 专精特新 outright under srdi@2026: S26-9 is always
			// left to an official (review).
			{"SRDIReview", enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "review"}}}},
			{"SRDIFail", enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "fail"}}}},
			{"InnovativePass", enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "innovative", Outcome: "pass"}}}},
			{"UnrecognizedSRDI", enterprise.Filter{Unrecognized: "srdi"}},
			{"UnrecognizedInnovative", enterprise.Filter{Unrecognized: "innovative"}},
		} {
			_, total, err := s.ListEnterprises(city, tt.f)
			t.Logf("%s: %d", tt.name, total)
			if err != nil || total == 0 || total == demo.Size {
				t.Errorf("%s: %d enterprises, %v; want some, not all", tt.name, total, err)
			}
		}
		_, none, err := s.ListEnterprises(city, enterprise.Filter{Outcomes: []enterprise.TierOutcome{{Tier: "srdi", Outcome: "none"}}})
		if err != nil || none != 0 {
			t.Errorf("never assessed: %d, %v; want 0", none, err)
		}
	})
	t.Run("Once", func(t *testing.T) {
		loaded, err := demo.Load(ctx, s, demo.Options{Engine: eng})
		if err != nil || loaded {
			t.Fatalf("second Load = %v, %v; want false, nil", loaded, err)
		}
		_, total, err := s.ListEnterprises(auth.WithCaller(ctx, auth.System), enterprise.Filter{})
		if err != nil || total != demo.Size {
			t.Errorf("enterprises = %d, %v; want %d", total, err, demo.Size)
		}
	})
	t.Run("Accounts", func(t *testing.T) {
		for _, name := range []string{"city", "district", "enterprise", "institution", "bank"} {
			s.Policy.DemoLogins = false
			if _, _, err := s.Login(ctx, name, demo.Password, sqlstore.SessionMeta{}); apperr.Code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("login %s without --demo: %v, want refused", name, err)
			}
			s.Policy.DemoLogins = true
			if _, _, err := s.Login(ctx, name, demo.Password, sqlstore.SessionMeta{}); err != nil {
				t.Errorf("login %s with --demo: %v", name, err)
			}
		}
		if names, err := s.DemoAccounts(ctx); err != nil || len(names) != 5 {
			t.Errorf("DemoAccounts = %v, %v; want the five", names, err)
		}
		u, _ := s.FindUserByUsername(ctx, "enterprise")
		e, err := s.GetEnterprise(auth.WithCaller(ctx, auth.System), u.EnterpriseID)
		if err != nil || e.Region != demo.Jinshui {
			t.Errorf("enterprise account's firm: %v, %v; want one in 金水区", e, err)
		}
	})
}
