package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// mustTraining schedules an inclusive session on date with capacity.
func mustTraining(tb testing.TB, s *sqlstore.Store, date string, capacity int) *programme.Training {
	tb.Helper()
	t := &programme.Training{Level: programme.LevelInclusive, Title: "普惠培训 " + date, Date: profile.MustDate(date), Capacity: capacity}
	if err := s.CreateTraining(city, t); err != nil {
		tb.Fatal(err)
	}
	return t
}

func signup(role string) *programme.Signup {
	return &programme.Signup{Attendee: "张三", Role: role}
}

func TestTrainingSignupCapacityUnderConcurrency(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		tr := mustTraining(t, s, "2026-09-20", 3)
		const n = 8
		var ids []int64
		for i := range n {
			ids = append(ids, mustCreate(t, s, zhongyuan, fmt.Sprintf("企业%d", i), i+1).ID)
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.SignUp(enterpriseCtx(id), tr.ID, signup("finance"))
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("sign-up %d: %v", i, err)
			}
		}
		got, err := s.GetTraining(city, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.SignedUp != 3 || got.Waitlisted != n-3 {
			t.Errorf("confirmed %d waitlisted %d, want 3 and %d", got.SignedUp, got.Waitlisted, n-3)
		}
		list, err := s.ListSignups(city, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		confirmed := 0
		for _, su := range list {
			if su.Status == programme.SignupConfirmed {
				confirmed++
			}
		}
		if confirmed != 3 {
			t.Errorf("%d confirmed rows, want 3", confirmed)
		}
	})
}

func TestTrainingWaitlistPromotesOnCancel(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		tr := mustTraining(t, s, "2026-09-20", 1)
		a := mustCreate(t, s, zhongyuan, "甲", 1)
		b := mustCreate(t, s, zhongyuan, "乙", 2)
		c := mustCreate(t, s, erqi, "丙", 3)
		sa, sb, sc := signup("hr"), signup("hr"), signup("hr")
		for _, x := range []struct {
			id int64
			s  *programme.Signup
		}{{a.ID, sa}, {b.ID, sb}, {c.ID, sc}} {
			if err := s.SignUp(enterpriseCtx(x.id), tr.ID, x.s); err != nil {
				t.Fatal(err)
			}
		}
		if sa.Status != programme.SignupConfirmed || sb.Status != programme.SignupWaitlisted || sb.Position != 1 || sc.Position != 2 {
			t.Fatalf("statuses %s %s(%d) %s(%d)", sa.Status, sb.Status, sb.Position, sc.Status, sc.Position)
		}
		if err := s.SignUp(enterpriseCtx(a.ID), tr.ID, signup("hr")); code(err) != apperr.ECONFLICT {
			t.Errorf("second sign-up: %v, want conflict", err)
		}
		t.Run("ErrConflictOnStaleVersion", func(t *testing.T) {
			if _, err := s.CancelSignup(enterpriseCtx(a.ID), tr.ID, a.ID, sa.Version+1); code(err) != apperr.ECONFLICT {
				t.Errorf("stale cancel: %v", err)
			}
		})
		t.Run("OtherDistrictCannotCancel", func(t *testing.T) {
			if _, err := s.CancelSignup(districtEQ, tr.ID, a.ID, sa.Version); code(err) != apperr.ENOTFOUND {
				t.Errorf("cancel from another district: %v, want not found", err)
			}
		})
		promoted, err := s.CancelSignup(enterpriseCtx(a.ID), tr.ID, a.ID, sa.Version)
		if err != nil {
			t.Fatal(err)
		}
		if promoted == nil || promoted.EnterpriseID != b.ID {
			t.Fatalf("promoted %+v, want the first on the waitlist", promoted)
		}
		got, _ := s.GetTraining(city, tr.ID)
		if got.SignedUp != 1 || got.Waitlisted != 1 {
			t.Errorf("confirmed %d waitlisted %d after the cancellation, want 1 and 1", got.SignedUp, got.Waitlisted)
		}
		if n := auditCount(t, s, auth.AuditFilter{Action: "training.promote"}); n != 1 {
			t.Errorf("%d promotion audit rows, want 1", n)
		}
		// Signing up again after cancelling joins the end of the waitlist.
		again := signup("hr")
		if err := s.SignUp(enterpriseCtx(a.ID), tr.ID, again); err != nil || again.Status != programme.SignupWaitlisted || again.Position != 2 {
			t.Errorf("sign-up again: %v %s %d", err, again.Status, again.Position)
		}
		// A district official sees its district's sign-ups only.
		list, err := s.ListSignups(districtEQ, tr.ID)
		if err != nil || len(list) != 1 || list[0].EnterpriseID != c.ID {
			t.Errorf("district list %v %v, want only 丙", list, err)
		}
	})
}

func TestTrainingAudienceAndInvitations(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		high := &programme.Training{Level: programme.LevelHigh, Title: "高端培训", Date: profile.MustDate("2026-10-10"), Capacity: 50}
		if err := s.CreateTraining(city, high); err != nil {
			t.Fatal(err)
		}
		if len(high.Audience.Roles) == 0 {
			t.Fatal("a session without an audience did not get its level's default")
		}
		a := mustCreate(t, s, zhongyuan, "创新型甲", 1)
		b := mustCreate(t, s, erqi, "创新型乙", 2)
		for _, tc := range []struct {
			name string
			ctx  context.Context
			code string
		}{
			{"InnovativeChairmanRefused", enterpriseCtx(a.ID), apperr.EINVALID},
			{"OfficialCannotSignUp", districtZY, apperr.EFORBIDDEN},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if err := s.SignUp(tc.ctx, high.ID, signup("chairman")); code(err) != tc.code {
					t.Errorf("%v, want %s", err, tc.code)
				}
			})
		}
		// Invited by tier within the district: 中原区's official invites its
		// 创新型 enterprises; 二七区's enterprise stays uninvited.
		n, err := s.InviteToTraining(districtZY, high.ID, sqlstore.Invite{Tier: "innovative", Source: "tier"})
		if err != nil || n != 1 {
			t.Fatalf("invited %d: %v, want 1", n, err)
		}
		if n, _ := s.InviteToTraining(districtZY, high.ID, sqlstore.Invite{Tier: "innovative"}); n != 0 {
			t.Errorf("invited again %d, want 0", n)
		}
		if _, err := s.InviteToTraining(enterpriseCtx(a.ID), high.ID, sqlstore.Invite{Tier: "innovative"}); code(err) != apperr.EFORBIDDEN {
			t.Errorf("enterprise invites: %v", err)
		}
		if _, err := s.InviteToTraining(city, high.ID, sqlstore.Invite{Tier: "giant"}); code(err) != apperr.EINVALID {
			t.Errorf("bad tier: %v", err)
		}
		if err := s.SignUp(enterpriseCtx(a.ID), high.ID, signup("chairman")); err != nil {
			t.Errorf("invited enterprise refused: %v", err)
		}
		if err := s.SignUp(enterpriseCtx(a.ID), high.ID, signup("finance")); code(err) != apperr.ECONFLICT {
			t.Errorf("second sign-up: %v", err)
		}
		if err := s.SignUp(enterpriseCtx(b.ID), high.ID, signup("chairman")); code(err) != apperr.EINVALID {
			t.Errorf("uninvited 创新型 chairman: %v, want refused", err)
		}
		inv, err := s.ListInvitees(districtEQ, high.ID)
		if err != nil || len(inv) != 0 {
			t.Errorf("another district's invitees seen: %v %v", inv, err)
		}
	})
}

func TestTrainingCheckInAndCoverage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		today := mustTraining(t, s, "2026-09-01", 10)
		later := mustTraining(t, s, "2026-11-01", 2)
		a := mustCreate(t, s, zhongyuan, "甲", 1)
		b := mustCreate(t, s, zhongyuan, "乙", 2)
		mustCreate(t, s, erqi, "丙", 3)
		if err := s.SignUp(enterpriseCtx(a.ID), today.ID, signup("admin")); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			ctx  context.Context
			id   int64
			code string
			want string
		}{
			{"WrongCode", enterpriseCtx(a.ID), today.ID, "000000x", apperr.EINVALID},
			{"NotSignedUp", enterpriseCtx(b.ID), today.ID, today.CheckinCode, apperr.EINVALID},
			{"NotTheDay", enterpriseCtx(a.ID), later.ID, later.CheckinCode, apperr.EINVALID},
			{"OfficialCannotUseTheCode", districtZY, today.ID, today.CheckinCode, apperr.EFORBIDDEN},
			{"Present", enterpriseCtx(a.ID), today.ID, today.CheckinCode, ""},
			{"PresentTwiceIsOnce", enterpriseCtx(a.ID), today.ID, today.CheckinCode, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if err := s.CheckIn(tc.ctx, tc.id, tc.code); code(err) != tc.want {
					t.Errorf("%v, want %q", err, tc.want)
				}
			})
		}
		got, _ := s.GetTraining(city, today.ID)
		if got.Attended != 1 {
			t.Errorf("attended %d, want 1", got.Attended)
		}
		cov, err := s.TrainingCoverage(city, 3)
		if err != nil {
			t.Fatal(err)
		}
		want := []programme.Coverage{{Region: zhongyuan, Innovative: 2, Trained: 1, Share: 0.5}, {Region: erqi, Innovative: 1}}
		if len(cov) != 2 || cov[0] != want[0] && cov[1] != want[0] {
			t.Errorf("coverage %+v, want %+v", cov, want)
		}
		cov, _ = s.TrainingCoverage(districtEQ, 3)
		if len(cov) != 1 || cov[0].Region != erqi {
			t.Errorf("district coverage %+v, want its own district only", cov)
		}
		if _, err := s.TrainingCoverage(enterpriseCtx(a.ID), 3); code(err) != apperr.EFORBIDDEN {
			t.Errorf("enterprise coverage: %v", err)
		}
		plan, err := s.RotationPlan(city, 3, 3, "", programme.DefaultPace)
		if err != nil {
			t.Fatal(err)
		}
		if plan.Due != 2 || len(plan.Proposals) != 1 || plan.Proposals[0].Slot.TrainingID != later.ID ||
			len(plan.Proposals[0].Invitees) != 2 || !plan.OnTime {
			t.Fatalf("plan %+v, want both untrained enterprises proposed for the November session", plan)
		}
		var ids []int64
		for _, c := range plan.Proposals[0].Invitees {
			ids = append(ids, c.EnterpriseID)
		}
		if _, err := s.InviteToTraining(city, later.ID, sqlstore.Invite{EnterpriseIDs: ids, Source: "planner"}); err != nil {
			t.Fatal(err)
		}
		plan, _ = s.RotationPlan(city, 3, 3, "", programme.DefaultPace)
		if plan.Due != 0 {
			t.Errorf("%d still due after their invitation, want 0", plan.Due)
		}
	})
}

// TestProgrammeWritesAreAudited: every write of the programmes leaves its
// audit row, in its district, and a refused write none.
func TestProgrammeWritesAreAudited(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		a := mustCreate(t, s, zhongyuan, "甲", 1)
		tr := mustTraining(t, s, "2026-09-01", 5)
		mustDo := func(what string, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		}
		_, err := s.InviteToTraining(districtZY, tr.ID, sqlstore.Invite{EnterpriseIDs: []int64{a.ID}})
		mustDo("invite", err)
		su := signup("admin")
		mustDo("sign up", s.SignUp(enterpriseCtx(a.ID), tr.ID, su))
		mustDo("check in", s.CheckIn(enterpriseCtx(a.ID), tr.ID, tr.CheckinCode))
		ev := &programme.Event{Kind: "apec", Title: "APEC", Date: profile.MustDate("2026-08-01")}
		mustDo("event", s.CreateEvent(city, ev))
		p := &programme.Participant{EventID: ev.ID, EnterpriseID: a.ID, Role: "invitee"}
		mustDo("participant", s.AddParticipant(districtZY, p))
		p.Attended = true
		mustDo("outcome", s.UpdateParticipant(districtZY, p))
		past := mustTraining(t, s, "2026-05-01", 5)
		mustDo("past session", s.WithTx(city, func(tx *sqlstore.Tx) error {
			return tx.RecordPastSession(city, past.ID, []sqlstore.PastAttendee{{EnterpriseID: a.ID, Attendee: "李", Role: "hr", Attended: true}})
		}))
		// Refused: a second sign-up, a bad code.
		_ = s.SignUp(enterpriseCtx(a.ID), tr.ID, signup("admin"))
		_ = s.CheckIn(enterpriseCtx(a.ID), tr.ID, "bad")
		for action, want := range map[string]int{"training.create": 2, "training.invite": 1, "training.signup": 1,
			"training.attend": 1, "event.create": 1, "event.participant": 1, "event.outcome": 1, "training.record": 1} {
			if got := auditCount(t, s, auth.AuditFilter{Action: action}); got != want {
				t.Errorf("%s: %d audit rows, want %d", action, got, want)
			}
		}
		if got := auditCount(t, s, auth.AuditFilter{Action: "training.signup", Region: zhongyuan}); got != 1 {
			t.Errorf("the sign-up's audit row is not in its district: %d", got)
		}
		cov, _ := s.TrainingCoverage(city, 3)
		if len(cov) != 1 || cov[0].Trained != 1 {
			t.Errorf("coverage %+v, want the enterprise trained", cov)
		}
	})
}
