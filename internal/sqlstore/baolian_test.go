package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/sqlstore"
)

// baolianFixture is an enterprise in each of two districts, an official of
// each with a unit, and the contexts acting as those officials.
type baolianFixture struct {
	zy, eq       int64 // enterprises
	zyOff, eqOff *auth.User
	asZY, asEQ   context.Context
}

func newBaolianFixture(t *testing.T, s *sqlstore.Store) baolianFixture {
	t.Helper()
	var f baolianFixture
	f.zy = mustCreate(t, s, zhongyuan, "中原包联测试有限公司", 1).ID
	f.eq = mustCreate(t, s, erqi, "二七包联测试有限公司", 2).ID
	f.zyOff = mustUser(t, s, "zy.li", auth.User{Name: "李明", Role: auth.RoleDistrict, Region: zhongyuan, Unit: "中原区工信局企业服务科"})
	f.eqOff = mustUser(t, s, "eq.wang", auth.User{Name: "王芳", Role: auth.RoleDistrict, Region: erqi, Unit: "二七区工信局"})
	f.asZY = as(auth.Caller{UserID: f.zyOff.ID, Username: "zy.li", Role: auth.RoleDistrict, Region: zhongyuan})
	f.asEQ = as(auth.Caller{UserID: f.eqOff.ID, Username: "eq.wang", Role: auth.RoleDistrict, Region: erqi})
	return f
}

func TestBaolianScopeAndAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newBaolianFixture(t, s)
		if got := f.zyOff.Unit; got != "中原区工信局企业服务科" {
			t.Fatalf("unit = %q", got)
		}
		a, err := s.CreateAssignment(f.asZY, baolian.NewAssignment{EnterpriseID: f.zy, OfficialID: f.zyOff.ID, Role: baolian.RoleLead})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateAssignment(f.asEQ, baolian.NewAssignment{EnterpriseID: f.eq, OfficialID: f.eqOff.ID, Role: baolian.RoleLead}); err != nil {
			t.Fatal(err)
		}
		day := baolian.Date(t0)
		v, p, err := s.RecordVisit(f.asZY, baolian.NewVisit{EnterpriseID: f.zy, On: day, Form: baolian.FormOnsite, Summary: "了解研发投入",
			Issue: &baolian.NewAppeal{Category: "资金融资", Title: "研发贷款贴息"}})
		if err != nil {
			t.Fatal(err)
		}
		if p == nil || p.Source != baolian.SourceVisit || p.OfficialID != f.zyOff.ID || !strings.HasPrefix(p.Number, "SQ2026-") {
			t.Fatalf("appeal of the visit = %+v", p)
		}
		// The enterprise is on no list: the default cadence (6 months).
		if want := day.AddDate(0, 6, 0); !v.NextDue.Equal(want) {
			t.Errorf("next due = %s, want %s", v.NextDue, want)
		}
		if _, err := s.CreateAppeal(enterpriseCtx(f.eq), baolian.NewAppeal{EnterpriseID: f.eq, Source: baolian.SourceGap, Category: "用地用房", Title: "厂房扩建"}); err != nil {
			t.Fatal(err)
		}

		t.Run("DistrictSeesOnlyItsOwn", func(t *testing.T) {
			for _, tt := range []struct {
				name string
				ctx  context.Context
				want int
			}{{"District", f.asZY, 1}, {"OtherDistrict", f.asEQ, 1}, {"City", city, 2}, {"Enterprise", enterpriseCtx(f.zy), 1}} {
				as, _, _ := s.ListAssignments(tt.ctx, sqlstore.AssignmentFilter{})
				ap, _, _ := s.ListAppeals(tt.ctx, sqlstore.AppealFilter{})
				if len(as) != tt.want || len(ap) != tt.want {
					t.Errorf("%s: %d assignments, %d appeals, want %d", tt.name, len(as), len(ap), tt.want)
				}
			}
			vs, _, _ := s.ListVisits(f.asEQ, sqlstore.VisitFilter{})
			if len(vs) != 0 {
				t.Errorf("二七 sees %d visits of 中原", len(vs))
			}
			if _, err := s.GetAppeal(f.asEQ, p.ID); code(err) != "not_found" {
				t.Errorf("二七 reads 中原's appeal: %v", err)
			}
			if _, err := s.ActOnAppeal(f.asEQ, p.ID, p.Version, baolian.Act{Action: baolian.ActRoute, LeadUnit: "x"}); code(err) != "not_found" {
				t.Errorf("二七 acts on 中原's appeal: %v", err)
			}
			if _, err := s.CreateAssignment(f.asEQ, baolian.NewAssignment{EnterpriseID: f.zy, OfficialID: f.eqOff.ID, Role: baolian.RoleAssist}); code(err) != "not_found" {
				t.Errorf("二七 assigns in 中原: %v", err)
			}
			if _, _, err := s.ListAppeals(bank, sqlstore.AppealFilter{}); code(err) != "forbidden" {
				t.Errorf("bank lists appeals: %v", err)
			}
			if _, _, err := s.ListVisits(institution, sqlstore.VisitFilter{}); code(err) != "forbidden" {
				t.Errorf("institution lists visits: %v", err)
			}
		})

		t.Run("BadInputNamesTheField", func(t *testing.T) {
			for _, tt := range []struct {
				name, field string
				err         error
			}{
				{"OfficialOfAnotherDistrict", "official_id", func() error {
					_, err := s.CreateAssignment(f.asZY, baolian.NewAssignment{EnterpriseID: f.zy, OfficialID: f.eqOff.ID, Role: baolian.RoleAssist})
					return err
				}()},
				{"Role", "role", func() error {
					_, err := s.CreateAssignment(f.asZY, baolian.NewAssignment{EnterpriseID: f.zy, OfficialID: f.zyOff.ID, Role: "boss"})
					return err
				}()},
				{"VisitForm", "form", func() error {
					_, _, err := s.RecordVisit(f.asZY, baolian.NewVisit{EnterpriseID: f.zy, On: day, Form: "letter", Summary: "x"})
					return err
				}()},
				{"AppealCategory", "category", func() error {
					_, err := s.CreateAppeal(f.asZY, baolian.NewAppeal{EnterpriseID: f.zy, Source: baolian.SourceVisit, Category: "闲聊", Title: "x"})
					return err
				}()},
			} {
				if code(tt.err) != "invalid" || !strings.Contains(tt.err.Error(), tt.field+"：") {
					t.Errorf("%s: %v, want invalid naming %s", tt.name, tt.err, tt.field)
				}
			}
			if _, err := s.CreateAssignment(f.asZY, baolian.NewAssignment{EnterpriseID: f.zy, OfficialID: f.zyOff.ID, Role: baolian.RoleLead}); code(err) != "conflict" {
				t.Errorf("second assignment of one official: %v", err)
			}
		})

		t.Run("LedgerStatesAndVersions", func(t *testing.T) {
			if _, err := s.ActOnAppeal(f.asZY, p.ID, 0, baolian.Act{Action: baolian.ActRoute, LeadUnit: "区财政局"}); code(err) != "precondition_required" {
				t.Errorf("no version: %v", err)
			}
			if _, err := s.ActOnAppeal(f.asZY, p.ID, p.Version+1, baolian.Act{Action: baolian.ActRoute, LeadUnit: "区财政局"}); code(err) != "conflict" {
				t.Errorf("stale version: %v", err)
			}
			cur := p
			for _, x := range []baolian.Act{{Action: baolian.ActRoute, LeadUnit: "区财政局", CoUnits: "区科技局"},
				{Action: baolian.ActFeedback, Text: "已对接银行"}, {Action: baolian.ActResolve, Text: "贴息已拨付"},
				{Action: baolian.ActRevisit, Satisfaction: baolian.Unsatisfied}, {Action: baolian.ActResolve, Text: "补拨差额"},
				{Action: baolian.ActRevisit, Satisfaction: baolian.Satisfied}, {Action: baolian.ActClose}} {
				next, err := s.ActOnAppeal(f.asZY, cur.ID, cur.Version, x)
				if err != nil {
					t.Fatalf("%s: %v", x.Action, err)
				}
				cur = next
			}
			if cur.Status != baolian.StatusClosed || cur.Reopened != 1 {
				t.Errorf("status %s reopened %d, want closed after one reopening", cur.Status, cur.Reopened)
			}
			got, _ := s.GetAppeal(f.asZY, p.ID)
			if len(got.Notes) != 8 || got.Notes[4].Action != "reopen" {
				t.Errorf("notes = %+v", got.Notes)
			}
			if _, err := s.ActOnAppeal(f.asZY, cur.ID, cur.Version, baolian.Act{Action: baolian.ActResolve, Text: "x"}); code(err) != "conflict" {
				t.Errorf("resolve a closed appeal: %v", err)
			}
			counts, err := s.BaolianCounts(f.asZY, sqlstore.ByOfficial, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(counts) != 1 || counts[0].Solved != 1 || counts[0].Satisfied != 1 || counts[0].VisitsDone != 1 || counts[0].Unit == "" {
				t.Errorf("counts = %+v", counts)
			}
		})

		t.Run("AuditRows", func(t *testing.T) {
			for action, want := range map[string]int{"assignment.create": 2, "visit.create": 1, "appeal.create": 2, "appeal.reopen": 1, "appeal.close": 1} {
				if got := auditCount(t, s, auth.AuditFilter{Action: action}); got != want {
					t.Errorf("%s: %d audit rows, want %d", action, got, want)
				}
			}
		})

		t.Run("UnassignedForTheReview", func(t *testing.T) {
			for _, tier := range []string{"srdi", "little_giant"} {
				if _, err := s.AddBackupEntry(f.asZY, f.zy, tier, "区工信局推荐"); err != nil {
					t.Fatal(err)
				}
			}
			if _, total, _ := s.UnassignedEntries(f.asZY, sqlstore.UnassignedFilter{}); total != 0 {
				t.Errorf("assigned enterprise counted unassigned: %d", total)
			}
			if _, err := s.EndAssignment(f.asZY, a.ID, 0, time.Time{}); code(err) != "precondition_required" {
				t.Errorf("no version: %v", err)
			}
			if _, err := s.EndAssignment(f.asZY, a.ID, a.Version, time.Time{}); err != nil {
				t.Fatal(err)
			}
			// Ended today, the assignment still holds today: from tomorrow it is gone.
			clock := setClock(s)
			clock.Add(48 * time.Hour)
			items, total, err := s.UnassignedEntries(f.asZY, sqlstore.UnassignedFilter{})
			if err != nil || total != 1 || len(items) != 1 || items[0].Tier != "little_giant" {
				t.Errorf("unassigned: %d %v %v, want the enterprise once, on its highest list", total, items, err)
			}
			if _, total, _ := s.UnassignedEntries(f.asEQ, sqlstore.UnassignedFilter{}); total != 0 {
				t.Errorf("二七 sees %d of 中原's", total)
			}
			counts, err := s.BaolianCounts(city, sqlstore.ByRegion, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range counts {
				if c.Key == zhongyuan && (c.Listed != 1 || c.Unassigned != 1 || c.Name != "中原区") {
					t.Errorf("中原区's counts: %+v", c)
				}
			}
		})
	})
}

func TestBaolianEscalation(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		clock := setClock(s)
		f := newBaolianFixture(t, s)
		p, err := s.CreateAppeal(f.asZY, baolian.NewAppeal{EnterpriseID: f.zy, Source: baolian.SourceVisit, Category: "审批手续", Title: "环评批复"})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := s.EscalateOverdue(city); err != nil || n != 0 {
			t.Fatalf("on time: escalated %d, %v", n, err)
		}
		clock.Add(3 * 24 * time.Hour) // past the route deadline of one working day
		if n, err := s.EscalateOverdue(city); err != nil || n != 1 {
			t.Fatalf("late: escalated %d, %v", n, err)
		}
		if n, _ := s.EscalateOverdue(city); n != 0 {
			t.Errorf("second run escalated %d again", n)
		}
		got, _ := s.GetAppeal(city, p.ID)
		if got.Escalation != 1 || got.EscalatedFor != baolian.StageRoute {
			t.Errorf("escalation %d for %q", got.Escalation, got.EscalatedFor)
		}
		late, _, _ := s.ListAppeals(f.asZY, sqlstore.AppealFilter{Overdue: true})
		if len(late) != 1 {
			t.Errorf("overdue list has %d", len(late))
		}
		if got := auditCount(t, s, auth.AuditFilter{Action: "appeal.escalate"}); got != 1 {
			t.Errorf("%d escalation audit rows", got)
		}
	})
}
