package sqlstore_test

import (
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/review"
	"zjtx/internal/sqlstore"
	"zjtx/internal/targets"
	"zjtx/rules"
)

// TestReview seeds one case per check in two districts and counts the
// 回头看 exactly, in each scope. The clock is t0 (2026-09-01).
func TestReview(t *testing.T) {
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	today := profile.Date{Y: 2026, M: 9, D: 1}
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		clock := setClock(s)
		n := 0
		create := func(region, name string, flagged bool) *enterprise.Record {
			n++
			r := newRecord(region, name, n)
			r.Profile.Titles = nil // titles come from recognitions only
			if flagged {
				yes := true
				r.Profile.Flags = &profile.Flags{AbnormalList: &yes}
			}
			if err := s.CreateEnterprise(city, r); err != nil {
				t.Fatal(err)
			}
			return r
		}
		list := func(id int64, tier string) {
			if _, err := s.AddBackupEntry(city, id, tier, "区工信局推荐"); err != nil {
				t.Fatal(err)
			}
		}
		lead := &auth.User{Username: "zy.lead", Name: "中原区工信局 王科长", Role: auth.RoleDistrict, Region: zhongyuan, PasswordHash: "x"}
		helper := &auth.User{Username: "zy.helper", Name: "中原区工信局 赵干事", Role: auth.RoleDistrict, Region: zhongyuan, PasswordHash: "x"}
		if err := s.CreateUsers(city, lead, helper); err != nil {
			t.Fatal(err)
		}
		zyCtx := as(auth.Caller{UserID: lead.ID, Username: lead.Username, Role: auth.RoleDistrict, Region: zhongyuan})
		assign := func(id, official int64, role string, from string) {
			f, _ := time.Parse(time.DateOnly, from)
			if _, err := s.CreateAssignment(zyCtx, baolian.NewAssignment{EnterpriseID: id, OfficialID: official, Role: role, From: f}); err != nil {
				t.Fatal(err)
			}
		}
		// 中原区: 甲 listed and left alone; 乙 with a 协包 only and a task
		// overdue; 丙 with its 主包's visit and an issue overdue; 丁 not
		// listed, its title ending in 90 days and flagged.
		zyA, zyB, zyC := create(zhongyuan, "中原甲", false), create(zhongyuan, "中原乙", false), create(zhongyuan, "中原丙", false)
		zyD := create(zhongyuan, "中原丁", true)
		for _, r := range []*enterprise.Record{zyA, zyB, zyC} {
			list(r.ID, profile.TierSRDI)
		}
		assign(zyB.ID, helper.ID, baolian.RoleAssist, "2026-08-20")
		mustPlan(t, s, zyCtx, zyB.ID, profile.TierSRDI, lead.ID, profile.MustDate("2026-08-01"), profile.MustDate("2026-12-01"))
		assign(zyC.ID, lead.ID, baolian.RoleLead, "2026-01-05")
		mustPlan(t, s, zyCtx, zyC.ID, profile.TierSRDI, lead.ID, profile.MustDate("2026-12-01"))
		clock.Add(-40 * 24 * time.Hour) // registered 40 days ago: past every 13710 deadline
		if _, err := s.CreateAppeal(zyCtx, baolian.NewAppeal{EnterpriseID: zyC.ID, Source: baolian.SourceEnterprise,
			Category: "用地用房", Title: "扩建厂房用地"}); err != nil {
			t.Fatal(err)
		}
		clock.Add(40 * 24 * time.Hour)
		recognise := func(id int64, on string) {
			r := newRecognition(id, "第一批")
			r.RecognizedOn = profile.MustDate(on)
			if _, err := s.SaveRecognition(city, r); err != nil {
				t.Fatal(err)
			}
		}
		recognise(zyD.ID, "2023-12-01") // valid to 2026-11-30
		// 二七区: 甲 on the 创新型 list and left alone; 乙 recognised last
		// year (not expiring) and flagged.
		eqA, eqB := create(erqi, "二七甲", false), create(erqi, "二七乙", true)
		list(eqA.ID, profile.TierInnovative)
		recognise(eqB.ID, "2025-03-01")

		wantZY := review.Counts{Region: zhongyuan, Unassigned: 2, WithoutPlan: 1, OverdueTasks: 1, OverdueVisits: 1,
			OverdueIssues: 1, ExpiringTitles: 1, Risks: 1}
		wantEQ := review.Counts{Region: erqi, Unassigned: 1, WithoutPlan: 1, Risks: 1}
		wantCity := review.Counts{Region: targets.CityRegion, Unassigned: 3, WithoutPlan: 2, OverdueTasks: 1, OverdueVisits: 1,
			OverdueIssues: 1, ExpiringTitles: 1, Risks: 2}
		regions := []string{zhongyuan, erqi}

		t.Run("CityCountsEveryCheck", func(t *testing.T) {
			found, err := review.Run(city, s, eng, "", today)
			if err != nil {
				t.Fatal(err)
			}
			got := review.Tally(found, regions, true)
			for i, want := range []review.Counts{wantCity, wantZY, wantEQ} {
				if got[i] != want {
					t.Errorf("row %d = %+v\nwant     %+v", i, got[i], want)
				}
			}
		})
		t.Run("Findings", func(t *testing.T) {
			found, err := review.Run(city, s, eng, zhongyuan, today)
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				check string
				id    int64
				tier  string
				due   string
				count int
			}{
				{cultivation.CheckUnassigned, zyA.ID, profile.TierSRDI, "", 1},
				{cultivation.CheckUnassigned, zyB.ID, profile.TierSRDI, "", 1}, // a 协包 is no 主包
				{cultivation.CheckWithoutPlan, zyA.ID, profile.TierSRDI, "", 1},
				{cultivation.CheckOverdueTasks, zyB.ID, profile.TierSRDI, "2026-08-01", 1},
				{cultivation.CheckOverdueVisits, zyC.ID, "", "2026-04-05", 1},
				{cultivation.CheckExpiringTitles, zyD.ID, profile.TierSRDI, "2026-11-30", 1},
				{cultivation.CheckRisks, zyD.ID, profile.TierSRDI, "", 1},
			} {
				got := review.Of(found, tc.check, zhongyuan)
				var f *cultivation.Finding
				for i := range got {
					if got[i].EnterpriseID == tc.id {
						f = &got[i]
					}
				}
				switch {
				case f == nil:
					t.Errorf("%s: enterprise %d not found in %+v", tc.check, tc.id, got)
				case f.Tier != tc.tier || (tc.due != "" && f.Due.String() != tc.due) || f.Count != tc.count || f.Note == "" || f.Name == "":
					t.Errorf("%s: %+v; want tier %q, due %q, count %d, a name and a note", tc.check, *f, tc.tier, tc.due, tc.count)
				}
			}
			if issues := review.Of(found, cultivation.CheckOverdueIssues, ""); len(issues) != 1 || issues[0].Due.IsZero() || !issues[0].Due.Before(today) {
				t.Errorf("overdue issues %+v; want 中原丙's, due before today", issues)
			}
		})
		t.Run("DistrictSeesOnlyItsOwn", func(t *testing.T) {
			found, err := review.Run(zyCtx, s, eng, "", today)
			if err != nil {
				t.Fatal(err)
			}
			if got := review.Tally(found, regions, false); got[0] != wantZY || got[1] != (review.Counts{Region: erqi}) {
				t.Errorf("中原区's review = %+v; want its own counts and nothing of 二七区", got)
			}
			if other, err := review.Run(zyCtx, s, eng, erqi, today); err != nil || len(other) != 0 {
				t.Errorf("中原区 asks for 二七区: %d findings, %v; want none", len(other), err)
			}
		})
		t.Run("OnlyOfficials", func(t *testing.T) {
			if _, err := s.ReviewFindings(enterpriseCtx(zyA.ID), ""); code(err) != apperr.EFORBIDDEN {
				t.Errorf("an enterprise: %v; want EFORBIDDEN", err)
			}
			if _, err := s.ReviewFindings(bank, ""); code(err) != apperr.EFORBIDDEN {
				t.Errorf("a bank: %v; want EFORBIDDEN", err)
			}
		})
	})
}
