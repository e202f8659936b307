package sqlstore_test

import (
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
	"zjtx/internal/targets"
)

func TestTargets(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		zy1 := mustCreate(t, s, zhongyuan, "中原精工", 1)
		zy2 := mustCreate(t, s, zhongyuan, "中原智造", 2)
		eq1 := mustCreate(t, s, erqi, "二七电子", 3)
		eq2 := mustCreate(t, s, erqi, "二七新材", 4)
		for _, id := range []int64{zy1.ID, eq1.ID, eq2.ID} {
			if _, err := s.SaveRecognition(city, newRecognition(id, "第一批")); err != nil {
				t.Fatal(err)
			}
		}
		// zy2 waits on the 专精特新 list: an open candidate.
		if _, err := s.AddBackupEntry(districtZY, zy2.ID, "srdi", "区工信局推荐"); err != nil {
			t.Fatal(err)
		}
		set := func(region string, n int) *targets.Target {
			tg := &targets.Target{Year: 2025, Tier: "srdi", Region: region, Target: n, Basis: "测试"}
			if err := s.SetTarget(city, tg); err != nil {
				t.Fatal(err)
			}
			return tg
		}
		cityT := set(targets.CityRegion, 10)
		set(zhongyuan, 4)
		set(erqi, 2)

		t.Run("DistrictSeesItsOwnAndTheCityRow", func(t *testing.T) {
			list, err := s.ListTargets(districtZY, 2025)
			if err != nil {
				t.Fatal(err)
			}
			var regions []string
			for _, tg := range list {
				regions = append(regions, tg.Region)
			}
			if len(regions) != 2 || regions[0] != targets.CityRegion || regions[1] != zhongyuan {
				t.Errorf("regions = %v, want [4101 %s]", regions, zhongyuan)
			}
		})
		t.Run("OnlyTheCitySets", func(t *testing.T) {
			err := s.SetTarget(districtZY, &targets.Target{Year: 2025, Tier: "srdi", Region: zhongyuan, Target: 99})
			if code(err) != "forbidden" {
				t.Errorf("district SetTarget: %v, want forbidden", err)
			}
			if _, err := s.ListTargets(enterpriseCtx(zy1.ID), 2025); code(err) != "forbidden" {
				t.Errorf("enterprise ListTargets: %v, want forbidden", err)
			}
		})
		t.Run("UpdateCarriesVersionAndAudits", func(t *testing.T) {
			stale := *cityT
			cityT.Target = 12
			if err := s.SetTarget(city, cityT); err != nil {
				t.Fatal(err)
			}
			if cityT.Version != 2 {
				t.Errorf("version = %d, want 2", cityT.Version)
			}
			stale.Target = 11
			if err := s.SetTarget(city, &stale); code(err) != "conflict" {
				t.Errorf("stale update: %v, want conflict", err)
			}
			dup := &targets.Target{Year: 2025, Tier: "srdi", Region: erqi, Target: 1}
			if err := s.SetTarget(city, dup); code(err) != "conflict" {
				t.Errorf("second create: %v, want conflict", err)
			}
			if n := auditCount(t, s, auth.AuditFilter{Action: "target.update"}); n != 1 {
				t.Errorf("target.update audit rows = %d, want 1", n)
			}
			if n := auditCount(t, s, auth.AuditFilter{Action: "target.create"}); n != 3 {
				t.Errorf("target.create audit rows = %d, want 3", n)
			}
		})
		t.Run("BadRegionNamed", func(t *testing.T) {
			err := s.SetTarget(city, &targets.Target{Year: 2025, Tier: "srdi", Region: "419999", Target: 1})
			if code(err) != "invalid" || !containsAll(err.Error(), "region", "419999") {
				t.Errorf("err = %v, want invalid naming region", err)
			}
		})
		f := targets.Forecast{Likelihood: map[string]int{"pass": 50, "review": 20, "in_plan": 10, "near_miss": 10, "listed": 40}}
		t.Run("BoardScope", func(t *testing.T) {
			rows, err := s.TargetBoard(districtZY, 2025, f, targets.Share{Left: 365, Of: 365})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]targets.Progress{}
			for _, p := range rows {
				if p.Tier == "srdi" {
					got[p.Region] = p
				}
				if p.Region == erqi {
					t.Errorf("a district official sees 二七区's row: %+v", p)
				}
			}
			if c := got[targets.CityRegion]; c.Target != 12 || c.Done != 3 || c.Forecast() != 3.4 {
				t.Errorf("city row = %+v (forecast %v), want target 12, done 3 city-wide, forecast 3.4", c, c.Forecast())
			}
			if z := got[zhongyuan]; z.Target != 4 || z.Done != 1 || z.Expected != 40 {
				t.Errorf("中原区 row = %+v, want 4 / 1 / 40", z)
			}
			closed, err := s.TargetBoard(city, 2025, f, targets.Share{Left: 0, Of: 365})
			if err != nil {
				t.Fatal(err)
			}
			if closed[1].Region != targets.CityRegion || closed[1].Forecast() != 3 {
				t.Errorf("closed year: city srdi row %+v, want forecast = done = 3", closed[1])
			}
		})
		t.Run("Backtest", func(t *testing.T) {
			cal, err := s.TargetBacktest(city, 2025, f)
			if err != nil {
				t.Fatal(err)
			}
			// Three recognised (no list entry: listed, 40 % each) and zy2,
			// listed and not recognised.
			if cal.Total.Candidates != 4 || cal.Total.Actual != 3 || cal.Total.Expected != 160 {
				t.Errorf("total = %+v, want 4 candidates, 3 recognised, 1.6 expected", cal.Total)
			}
		})
		t.Run("FunnelAndTrendScoped", func(t *testing.T) {
			fz, err := s.BackupFunnel(districtEQ)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range fz {
				if c.Tier == "srdi" && c.Status == "reserve" {
					t.Errorf("二七区 sees 中原区's entry: %+v", c)
				}
			}
			rec, listed, err := s.MonthlyTrend(districtZY, "2025-01-01")
			if err != nil {
				t.Fatal(err)
			}
			if len(rec) != 1 || rec[0].Month != "2025-03" || rec[0].N != 1 {
				t.Errorf("recognitions by month = %+v, want 中原区's one in 2025-03", rec)
			}
			if len(listed) != 1 || listed[0].Tier != "srdi" {
				t.Errorf("entries by month = %+v", listed)
			}
		})
	})
}
