package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/assess"
	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
	"zjtx/internal/library"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/targets"
	"zjtx/internal/testdb"
	"zjtx/rules"
)

// weakRecord is testdb.WeakExample as an enterprise of region.
func weakRecord(t *testing.T, region string, n int) *enterprise.Record {
	t.Helper()
	p := testdb.WeakExample(t)
	p.USCC, p.Region, p.Name = testUSCC(region, n), region, "培育测试企业"
	return &enterprise.Record{Profile: p}
}

func TestPlans(t *testing.T) {
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	today := profile.Date{Y: 2026, M: 9, D: 1}
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		setClock(s)
		zy, eq := weakRecord(t, zhongyuan, 1), weakRecord(t, erqi, 2)
		for _, r := range []*enterprise.Record{zy, eq} {
			if err := s.CreateEnterprise(city, r); err != nil {
				t.Fatal(err)
			}
		}
		official := &auth.User{Username: "zy.official", Name: "中原区工信局 王科长", Role: auth.RoleDistrict, Region: zhongyuan, PasswordHash: "x"}
		other := &auth.User{Username: "eq.official", Name: "二七区工信局 李科长", Role: auth.RoleDistrict, Region: erqi, PasswordHash: "x"}
		if err := s.CreateUsers(city, official, other); err != nil {
			t.Fatal(err)
		}
		zyCtx := as(auth.Caller{UserID: official.ID, Username: official.Username, Role: auth.RoleDistrict, Region: zhongyuan})
		req := assess.PlanRequest{EnterpriseID: zy.ID, Tier: profile.TierTechSME, AsOf: today, Due: profile.Date{Y: 2026, M: 8, D: 1},
			Owner: plan.Owner{UserID: official.ID}}

		t.Run("OwnerOfAnotherDistrictRefused", func(t *testing.T) {
			r := req
			r.Owner = plan.Owner{UserID: other.ID}
			if _, err := assess.GeneratePlan(zyCtx, s, eng, r); code(err) != apperr.EINVALID || !strings.HasPrefix(apperr.Message(err), "owner：") {
				t.Errorf("owner of 二七区: %v; want invalid owner", err)
			}
		})
		t.Run("OutOfScopeNotFound", func(t *testing.T) {
			r := req
			r.EnterpriseID = eq.ID
			if _, err := assess.GeneratePlan(zyCtx, s, eng, r); code(err) != apperr.ENOTFOUND {
				t.Errorf("二七区's enterprise as 中原区: %v; want ENOTFOUND", err)
			}
			if _, err := assess.GeneratePlan(enterpriseCtx(zy.ID), s, eng, req); code(err) != apperr.EFORBIDDEN {
				t.Errorf("as the enterprise: %v; want EFORBIDDEN", err)
			}
		})
		p, err := assess.GeneratePlan(zyCtx, s, eng, req)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("Stored", func(t *testing.T) {
			got, err := s.GetPlan(zyCtx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.ScoreNow == nil || got.ScoreDone == nil || *got.ScoreNow != *p.ScoreNow || len(got.Tasks) != len(p.Tasks) || len(got.Tasks) == 0 {
				t.Fatalf("stored plan %+v; want the generated one", got)
			}
			task := got.Tasks[0]
			if task.Owner.Name != official.Name || task.Due.String() != "2026-08-01" || task.Target.Path != "years.2025.rd_expense" || task.Target.To == nil {
				t.Errorf("task %+v; want the owner's name, the due date and the R&D target", task)
			}
			rows, n, err := s.ListAudit(city, auth.AuditFilter{Action: "plan.create"})
			if err != nil || n != 1 || rows[0].EntityName != zy.Name || rows[0].EnterpriseID != zy.ID {
				t.Errorf("plan.create audit rows %d (%v); want 1 naming the enterprise", n, err)
			}
			if _, err := s.GetPlan(districtEQ, p.ID); code(err) != apperr.ENOTFOUND {
				t.Errorf("二七区 reads 中原区's plan: %v; want ENOTFOUND", err)
			}
			if ps, err := s.EnterprisePlans(enterpriseCtx(zy.ID), zy.ID); err != nil || len(ps) != 1 {
				t.Errorf("the enterprise reads its plans: %d, %v; want 1", len(ps), err)
			}
		})
		t.Run("ReviewQueries", func(t *testing.T) {
			overdue, err := s.PlansWithOverdueTasks(city, today, "")
			if err != nil || len(overdue) != 1 || overdue[0].ID != p.ID {
				t.Errorf("overdue plans %v, %v; want the plan due 2026-08-01", overdue, err)
			}
			if o, _ := s.PlansWithOverdueTasks(city, profile.Date{Y: 2026, M: 7, D: 1}, ""); len(o) != 0 {
				t.Errorf("overdue on 2026-07-01: %d; want none", len(o))
			}
			counts, err := s.PlanCounts(zyCtx, today)
			if err != nil || len(counts) != 1 || counts[0].Region != zhongyuan || counts[0].Plans != 1 || counts[0].OverdueTasks != len(p.Tasks) {
				t.Errorf("中原区 counts %+v, %v; want one plan, every task overdue", counts, err)
			}
			if _, err := s.PlanCounts(enterpriseCtx(zy.ID), today); code(err) != apperr.EFORBIDDEN {
				t.Errorf("the enterprise reads the counts: %v; want EFORBIDDEN", err)
			}
		})

		pdf := demo.PDF("R&D audit 2025")
		closeTask := func(ctx context.Context, taskID int64, value string) (*assess.Closed, error) {
			ev, err := plan.NewEvidence("研发费用审计报告.pdf", pdf)
			if err != nil {
				t.Fatal(err)
			}
			return assess.CloseTask(ctx, s, eng, p.ID, taskID, 0, json.RawMessage(value), ev, today)
		}
		t.Run("CloseOutOfScope", func(t *testing.T) {
			if _, err := closeTask(districtEQ, p.Tasks[0].ID, "180"); code(err) != apperr.ENOTFOUND {
				t.Errorf("二七区 closes: %v; want ENOTFOUND", err)
			}
			if _, err := closeTask(enterpriseCtx(zy.ID), p.Tasks[0].ID, "180"); code(err) != apperr.EFORBIDDEN {
				t.Errorf("the enterprise closes: %v; want EFORBIDDEN", err)
			}
		})
		t.Run("CloseBadValueChangesNothing", func(t *testing.T) {
			before, _ := s.GetEnterprise(city, zy.ID)
			if _, err := closeTask(zyCtx, p.Tasks[0].ID, `"很多"`); code(err) != apperr.EINVALID {
				t.Errorf("a word for a figure: %v; want EINVALID", err)
			}
			after, _ := s.GetEnterprise(city, zy.ID)
			if after.Version != before.Version {
				t.Errorf("profile version %d → %d after a refused close", before.Version, after.Version)
			}
		})
		var closed *assess.Closed
		t.Run("Close", func(t *testing.T) {
			closed, err = closeTask(zyCtx, p.Tasks[0].ID, "180")
			if err != nil {
				t.Fatal(err)
			}
			task := closed.Task
			if task.Status != plan.StatusDone || task.ScoreBefore == nil || task.ScoreAfter == nil || task.Regained() <= 0 {
				t.Fatalf("closed task %+v; want done with points regained", task)
			}
			if closed.Assessment.ID == 0 || closed.Assessment.Tier != profile.TierTechSME || task.AssessmentID != closed.Assessment.ID {
				t.Errorf("assessment %+v; want a new tech_sme assessment tied to the task", closed.Assessment)
			}
			rec, _ := s.GetEnterprise(city, zy.ID)
			if v, _ := rec.Profile.GetPath("years.2025.rd_expense"); v != "180" {
				t.Errorf("rd_expense = %s; want 180", v)
			}
			got, _ := s.GetPlan(zyCtx, p.ID)
			if got.ScoreLatest == nil || *got.ScoreLatest != *task.ScoreAfter || got.Tasks[0].Evidence == nil {
				t.Errorf("plan latest %v, evidence %v; want the new score and the evidence", got.ScoreLatest, got.Tasks[0].Evidence)
			}
			for _, a := range []string{"plan.task.close", "enterprise.update", "assessment.create"} {
				if n := auditCount(t, s, auth.AuditFilter{Action: a}); n < 1 {
					t.Errorf("no %s audit row", a)
				}
			}
		})
		// A typical case drafted for the enterprise names the closed task,
		// the gap it closed and when, among the measures.
		t.Run("CaseDraftNamesTheClosedTask", func(t *testing.T) {
			var k *library.Case
			err := s.WithTx(zyCtx, func(tx *sqlstore.Tx) (err error) { k, err = tx.DraftCase(zyCtx, zy.ID); return err })
			task := closed.Task
			want := "1. 对照“" + task.SourceLabel + "”补齐短板：" + strings.TrimSuffix(task.Summary, "。")
			if err != nil || !strings.Contains(k.Measures, want) || !strings.Contains(k.Measures, " 完成）。") {
				t.Errorf("measures %q (%v); want %q with its date", k.Measures, err, want)
			}
		})
		t.Run("CloseTwiceConflicts", func(t *testing.T) {
			if _, err := closeTask(zyCtx, p.Tasks[0].ID, "190"); code(err) != apperr.ECONFLICT {
				t.Errorf("closing a closed task: %v; want ECONFLICT", err)
			}
		})
		t.Run("StaleVersionConflicts", func(t *testing.T) {
			ev, _ := plan.NewEvidence("a.pdf", pdf)
			_, err := assess.CloseTask(zyCtx, s, eng, p.ID, p.Tasks[len(p.Tasks)-1].ID, 1, json.RawMessage("40"), ev, today)
			if code(err) != apperr.ECONFLICT {
				t.Errorf("a close from version 1: %v; want ECONFLICT", err)
			}
		})
		t.Run("EvidenceInScope", func(t *testing.T) {
			id := closed.Task.Evidence.ID
			for _, tc := range []struct {
				name string
				ctx  context.Context
				want string
			}{
				{"District", zyCtx, ""}, {"City", city, ""}, {"Enterprise", enterpriseCtx(zy.ID), ""},
				{"OtherDistrict", districtEQ, apperr.ENOTFOUND}, {"OtherEnterprise", enterpriseCtx(eq.ID), apperr.ENOTFOUND},
				{"Bank", bank, apperr.ENOTFOUND}, {"Institution", institution, apperr.ENOTFOUND},
			} {
				ev, err := s.GetEvidence(tc.ctx, id)
				if code(err) != tc.want {
					t.Errorf("%s: %v; want %q", tc.name, err, tc.want)
				}
				if err == nil && (string(ev.Data) != string(pdf) || ev.MIME != "application/pdf" || len(ev.SHA256) != 64) {
					t.Errorf("%s: evidence %s %s of %d bytes; want the PDF", tc.name, ev.MIME, ev.SHA256, len(ev.Data))
				}
			}
		})
		t.Run("ListedWithoutPlan", func(t *testing.T) {
			if _, err := s.AddBackupEntry(city, eq.ID, profile.TierSRDI, "区工信局推荐"); err != nil {
				t.Fatal(err)
			}
			got, err := s.ListedWithoutPlan(city, "")
			if err != nil || len(got) != 1 || got[0].EnterpriseID != eq.ID || got[0].Tier != profile.TierSRDI {
				t.Errorf("listed without plan %+v, %v; want 二七区's srdi entry", got, err)
			}
			if got, _ := s.ListedWithoutPlan(zyCtx, ""); len(got) != 0 {
				t.Errorf("中原区 sees %+v; want none in its scope", got)
			}
		})
		t.Run("TagFilter", func(t *testing.T) {
			if _, _, err := s.ListBackupEntries(city, cultivation.Filter{Tier: profile.TierSRDI, Tag: "bogus"}); code(err) != apperr.EINVALID {
				t.Errorf("a bogus tag: %v; want EINVALID", err)
			}
			if _, total, err := s.ListBackupEntries(city, cultivation.Filter{Tier: profile.TierSRDI, Tag: "ip"}); err != nil || total != 0 {
				t.Errorf("tag ip: %d, %v; want none (no 小巨人 plan)", total, err)
			}
		})
		t.Run("ForecastInPlan", func(t *testing.T) {
			// Both on the 专精特新 list with no assessment of it; only
			// 中原区's has an open plan for the tier. With in_plan certain
			// and a bare listing hopeless, the forecast tells the two apart.
			for _, id := range []int64{zy.ID, eq.ID} {
				if _, err := s.AddBackupEntry(city, id, profile.TierSRDI, "区工信局推荐"); err != nil && code(err) != apperr.ECONFLICT {
					t.Fatal(err)
				}
			}
			mustPlan(t, s, zyCtx, zy.ID, profile.TierSRDI, official.ID)
			f := targets.Forecast{Likelihood: map[string]int{"pass": 0, "review": 0, "in_plan": 100, "near_miss": 0, "listed": 0}}
			rows, err := s.TargetBoard(city, 2026, f, targets.Share{Left: 365, Of: 365})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, p := range rows {
				if p.Tier == profile.TierSRDI {
					got[p.Region] = p.Expected
				}
			}
			if got[zhongyuan] != 100 || got[erqi] != 0 {
				t.Errorf("expected (hundredths) 中原区 %d, 二七区 %d; want 100 (open plan: in plan) and 0 (none)", got[zhongyuan], got[erqi])
			}
		})
	})
}

// mustPlan stores an open plan of the enterprise for tier with a task per
// due date, owned by the official, without the engine: for tests of what
// reads plans.
func mustPlan(t *testing.T, s *sqlstore.Store, ctx context.Context, enterpriseID int64, tier string, owner int64, due ...profile.Date) *plan.Plan {
	t.Helper()
	p := &plan.Plan{EnterpriseID: enterpriseID, Tier: tier, RuleSet: "test", AsOf: profile.Date{Y: 2026, M: 1, D: 1},
		DataYear: 2025, Status: plan.StatusOpen, OutcomeNow: "fail", OutcomeLatest: "fail", Summary: "测试计划"}
	for i, d := range due {
		p.Tasks = append(p.Tasks, &plan.Task{Seq: i + 1, SourceID: fmt.Sprintf("item%d", i), Summary: "补齐差距项", Status: plan.StatusOpen,
			Target: plan.Target{Path: "years.2025.rd_expense", To: "100"}, Owner: plan.Owner{UserID: owner}, Due: d})
	}
	if err := s.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.CreatePlan(ctx, p) }); err != nil {
		t.Fatal(err)
	}
	return p
}
