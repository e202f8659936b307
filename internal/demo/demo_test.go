package demo_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"zjtx/internal/apperr"

	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/reward"
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
	// The lists fill by the inclusion rules, as under `zjtx serve --demo`.
	in, err := cultivation.LoadInclusion(rules.InclusionFS, "inclusion")
	if err != nil {
		t.Fatal(err)
	}
	s.Lists = &cultivation.Includer{Engine: eng, Rules: in}
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
	t.Run("ForecastCheck2025", func(t *testing.T) { checkForecast(t, s) })
	t.Run("Hub", func(t *testing.T) { checkHub(t, ctx, s) })
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
	t.Run("Rewards", func(t *testing.T) {
		// Two 2025 enterprise runs, one paid, one in 公示, each prepared by
		// city and approved by city2; a carrier run in 公示 with a base whose
		// operator is no enterprise; a 创客中国 prize run waiting for review
		// with the maker team excluded.
		city := auth.WithCaller(ctx, auth.System)
		runs, err := s.ListRewardRuns(city)
		if err != nil || len(runs) != 4 {
			t.Fatalf("runs = %d, %v; want 4", len(runs), err)
		}
		states := map[string]bool{}
		excluded := map[string]string{} // policy → the reason text of its no-enterprise item
		for _, r := range runs {
			states[r.State] = true
			if r.State != reward.RunPendingReview && (r.ApprovedBy == 0 || r.ApprovedBy == r.PreparedBy) {
				t.Errorf("run %d prepared by %d, approved by %d; want another official", r.ID, r.PreparedBy, r.ApprovedBy)
			}
			full, err := s.GetRewardRun(city, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			var sum int64
			for _, it := range full.Items {
				if reward.Claiming(it.Status) {
					sum += it.AmountFen
				}
				if it.Reason == reward.ReasonNoEnterprise {
					excluded[r.PolicyName] = it.ReasonText
				}
			}
			if sum != r.TotalFen || sum == 0 {
				t.Errorf("run %d: items sum to %d 分, total %d", r.ID, sum, r.TotalFen)
			}
		}
		if !states[reward.RunPaid] || !states[reward.RunPublicizing] || !states[reward.RunPendingReview] {
			t.Errorf("run states %v; want paid, publicizing and pending_review", states)
		}
		for policy, want := range map[string]string{"国家级小型微型企业创业创新示范基地奖励": "惠济区双创园区管委会",
			"创客中国郑州分赛二等奖奖励": "郑大青年创客团队"} {
			if !strings.Contains(excluded[policy], "无企业主体") || !strings.Contains(excluded[policy], want) {
				t.Errorf("%s: excluded %q; want 无企业主体 naming %s", policy, excluded[policy], want)
			}
		}
	})
	t.Run("Accounts", func(t *testing.T) {
		for _, name := range []string{"city", "district", "enterprise", "institution", "bank", "city2"} {
			s.Policy.DemoLogins = false
			if _, _, err := s.Login(ctx, name, demo.Password, sqlstore.SessionMeta{}); apperr.Code(err) != apperr.EUNAUTHORIZED {
				t.Errorf("login %s without --demo: %v, want refused", name, err)
			}
			s.Policy.DemoLogins = true
			if _, _, err := s.Login(ctx, name, demo.Password, sqlstore.SessionMeta{}); err != nil {
				t.Errorf("login %s with --demo: %v", name, err)
			}
		}
		names, err := s.DemoAccounts(ctx)
		five := 0
		for _, n := range names {
			switch {
			case slices.Contains([]string{"city", "city2", "district", "enterprise", "institution", "bank"}, n):
				five++
			case !strings.HasPrefix(n, "official."):
				t.Errorf("demo account %s is neither one of the six nor a district's official", n)
			}
		}
		if err != nil || five != 6 || len(names) < 6+2*15 {
			t.Errorf("DemoAccounts = %v, %v; want the six and two or three officials per district", names, err)
		}
		u, _ := s.FindUserByUsername(ctx, "enterprise")
		e, err := s.GetEnterprise(auth.WithCaller(ctx, auth.System), u.EnterpriseID)
		if err != nil || e.Region != demo.Jinshui {
			t.Errorf("enterprise account's firm: %v, %v; want one in 金水区", e, err)
		}
	})
}
