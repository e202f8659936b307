package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/finance"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// financeFixture is two partner banks and four enterprises of 中原区: a
// consents to bank 1, b to all banks, c to none, d (no valid title) to
// bank 1.
type financeFixture struct {
	bank1, bank2 context.Context
	b1, b2       int64
	a, b, c, d   *enterprise.Record
	consentA     *finance.Consent
}

func newFinanceFixture(t *testing.T, s *sqlstore.Store) *financeFixture {
	t.Helper()
	setClock(s)
	f := &financeFixture{}
	err := s.WithTx(city, func(tx *sqlstore.Tx) error {
		for i, id := range []*int64{&f.b1, &f.b2} {
			in := &hub.Institution{Name: []string{"合作银行甲", "合作银行乙"}[i], Kind: hub.KindFinancial,
				Status: hub.StatusApproved, PartnerBank: true}
			if err := tx.CreateInstitution(city, in); err != nil {
				return err
			}
			*id = in.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.bank1 = as(auth.Caller{UserID: 801, Username: "bank1", Role: auth.RoleBank, InstitutionID: f.b1})
	f.bank2 = as(auth.Caller{UserID: 802, Username: "bank2", Role: auth.RoleBank, InstitutionID: f.b2})
	f.a = mustCreate(t, s, zhongyuan, "甲企业", 1)
	f.b = mustCreate(t, s, zhongyuan, "乙企业", 2)
	f.c = mustCreate(t, s, zhongyuan, "丙企业", 3)
	d := newRecord(zhongyuan, "丁企业", 4)
	d.Profile.Titles = nil
	if err := s.CreateEnterprise(city, d); err != nil {
		t.Fatal(err)
	}
	f.d = d
	grant := func(e *enterprise.Record, r finance.ConsentRequest) *finance.Consent {
		k, err := s.GrantConsent(enterpriseCtx(e.ID), e.ID, r)
		if err != nil {
			t.Fatalf("grant %s: %v", e.Profile.Name, err)
		}
		return k
	}
	f.consentA = grant(f.a, finance.ConsentRequest{BankID: f.b1, Scope: []string{"titles"}})
	grant(f.b, finance.ConsentRequest{All: true, Scope: []string{"finance"}, Days: 600})
	grant(f.d, finance.ConsentRequest{BankID: f.b1})
	return f
}

func bankNames(t *testing.T, s *sqlstore.Store, ctx context.Context) map[string]*finance.BankEnterprise {
	t.Helper()
	list, total, err := s.BankEnterprises(ctx, sqlstore.BankFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(list) {
		t.Errorf("total %d, %d items", total, len(list))
	}
	out := map[string]*finance.BankEnterprise{}
	for _, b := range list {
		out[b.Name] = b
	}
	return out
}

func TestConsentScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newFinanceFixture(t, s)
		got := bankNames(t, s, f.bank1)
		if len(got) != 2 || got["甲企业"] == nil || got["乙企业"] == nil {
			t.Fatalf("bank 1 sees %v, want 甲 and 乙 (丙 did not consent, 丁 holds no title)", got)
		}
		if got := bankNames(t, s, f.bank2); len(got) != 1 || got["乙企业"] == nil {
			t.Errorf("bank 2 sees %v, want 乙 (consent to all) only", got)
		}
		if a := got["甲企业"]; a.Tier != "innovative" || a.CapFen != 1_000_000_000 || a.UsedFen != 0 {
			t.Errorf("甲: %+v, want innovative with a cap of 1000 万元 (100000000000 分) unused", a)
		}
		// The generic enterprise routes use the same scope.
		for _, tc := range []struct {
			ctx  context.Context
			id   int64
			want string
		}{
			{f.bank1, f.a.ID, ""}, {f.bank1, f.c.ID, apperr.ENOTFOUND}, {f.bank1, f.d.ID, apperr.ENOTFOUND},
			{f.bank2, f.a.ID, apperr.ENOTFOUND}, {f.bank2, f.b.ID, ""},
		} {
			if _, err := s.GetEnterprise(tc.ctx, tc.id); code(err) != tc.want {
				t.Errorf("get %d: %v, want %q", tc.id, err, tc.want)
			}
		}
		// Reading is not writing: a bank changes no profile and makes no assessment.
		seenA, err := s.GetEnterprise(f.bank1, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(seenA.Profile.Titles) != 1 || seenA.Profile.Years != nil {
			t.Errorf("the profile route discloses %+v to bank 1, want the titles only", seenA.Profile)
		}
		if err := s.UpdateEnterprise(f.bank1, seenA); code(err) != apperr.EFORBIDDEN {
			t.Errorf("bank updates a consenting enterprise: %v, want forbidden", err)
		}
		if _, err := s.ListAssessments(f.bank1, f.a.ID); code(err) != apperr.EFORBIDDEN {
			t.Errorf("bank lists assessments: %v, want forbidden", err)
		}
		// Only the consented scopes are disclosed.
		v, err := s.BankEnterprise(f.bank1, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Profile.Titles) != 1 || v.Profile.Years != nil || len(v.Scope) != 2 {
			t.Errorf("甲 disclosed %+v scope %v, want titles and no figures", v.Profile, v.Scope)
		}
		if _, err := s.BankEnterprise(f.bank1, f.c.ID); code(err) != apperr.ENOTFOUND {
			t.Errorf("non-consenting enterprise: %v, want not found", err)
		}
		// Revocation takes effect on the bank's next request.
		if _, err := s.RevokeConsent(enterpriseCtx(f.b.ID), f.consentA.ID); code(err) != apperr.ENOTFOUND {
			t.Errorf("another enterprise revokes: %v, want not found", err)
		}
		if _, err := s.RevokeConsent(enterpriseCtx(f.a.ID), f.consentA.ID); err != nil {
			t.Fatal(err)
		}
		if got := bankNames(t, s, f.bank1); got["甲企业"] != nil {
			t.Error("bank 1 still lists 甲 after the revocation")
		}
		if _, err := s.GetEnterprise(f.bank1, f.a.ID); code(err) != apperr.ENOTFOUND {
			t.Errorf("bank 1 reads 甲 after the revocation: %v", err)
		}
		if _, err := s.RevokeConsent(enterpriseCtx(f.a.ID), f.consentA.ID); code(err) != apperr.ECONFLICT {
			t.Errorf("second revocation: %v, want conflict", err)
		}
		// Grant, use and revocation are all on the record.
		for action, want := range map[string]int{"consent.grant": 3, "consent.revoke": 1, "consent.use": 2 + 1 + 1 + 1} {
			if n := auditCount(t, s, auth.AuditFilter{Action: action}); n != want {
				t.Errorf("%s audited %d times, want %d", action, n, want)
			}
		}
	})
}

func TestConsentRequest(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newFinanceFixture(t, s)
		for _, tc := range []struct {
			name string
			ctx  context.Context
			r    finance.ConsentRequest
			want string
		}{
			{"official cannot consent", districtZY, finance.ConsentRequest{All: true}, apperr.EFORBIDDEN},
			{"neither bank nor all", enterpriseCtx(f.c.ID), finance.ConsentRequest{}, apperr.EINVALID},
			{"both bank and all", enterpriseCtx(f.c.ID), finance.ConsentRequest{BankID: f.b1, All: true}, apperr.EINVALID},
			{"unknown scope", enterpriseCtx(f.c.ID), finance.ConsentRequest{All: true, Scope: []string{"tax"}}, apperr.EINVALID},
			{"too long", enterpriseCtx(f.c.ID), finance.ConsentRequest{All: true, Days: 10000}, apperr.EINVALID},
			{"not a bank", enterpriseCtx(f.c.ID), finance.ConsentRequest{BankID: 999}, apperr.ENOTFOUND},
		} {
			_, err := s.GrantConsent(tc.ctx, f.c.ID, tc.r)
			if code(err) != tc.want {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
			}
		}
		k, err := s.GrantConsent(enterpriseCtx(f.c.ID), f.c.ID, finance.ConsentRequest{BankID: f.b2, Scope: []string{"ip", "basic"}})
		if err != nil {
			t.Fatal(err)
		}
		text, _ := s.ConsentText(enterpriseCtx(f.c.ID), f.c.ID, finance.ConsentRequest{BankID: f.b2, Scope: []string{"ip"}})
		if k.TextHash != finance.TextHash(text) || len(k.TextHash) != 64 {
			t.Errorf("text hash %q does not match the text shown", k.TextHash)
		}
		if want := t0.AddDate(0, 0, 365); !k.ExpiresAt.Equal(want) {
			t.Errorf("expires %v, want %v (the default 365 days)", k.ExpiresAt, want)
		}
		// An expired consent shows nothing: one day from the test clock's
		// 2026-09-01 is past both the test clock moved on and the wall clock
		// the generic routes' scope reads.
		if _, err := s.GrantConsent(enterpriseCtx(f.c.ID), f.c.ID, finance.ConsentRequest{BankID: f.b1, Days: 1}); err != nil {
			t.Fatal(err)
		}
		NewClockOn(s, t0.AddDate(0, 0, 2))
		if got := bankNames(t, s, f.bank1); got["丙企业"] != nil {
			t.Error("bank 1 lists 丙 after its one-day consent expired")
		}
		if _, err := s.GetEnterprise(f.bank1, f.c.ID); code(err) != apperr.ENOTFOUND {
			t.Errorf("bank 1 reads 丙 after its consent expired: %v", err)
		}
	})
}

func TestCreditCaps(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newFinanceFixture(t, s)
		line := func(ctx context.Context, e int64, fen int64) error {
			return s.CreateLine(ctx, &finance.Line{EnterpriseID: e, AmountFen: fen, Mode: finance.ModeDirect, ValidTo: "2027-08-31"})
		}
		// 乙 (创新型, 1000 万元) consented to both banks: 800 万 + 200 万 fill the cap to the 分.
		if err := line(f.bank1, f.b.ID, 800_000_000); err != nil {
			t.Fatal(err)
		}
		if err := line(f.bank2, f.b.ID, 200_000_001); code(err) != apperr.EINVALID {
			t.Errorf("one 分 over the cap: %v, want invalid", err)
		}
		if err := line(f.bank2, f.b.ID, 200_000_000); err != nil {
			t.Errorf("exactly the cap: %v", err)
		}
		if got := bankNames(t, s, f.bank2)["乙企业"]; got.UsedFen != 1_000_000_000 || got.RoomFen() != 0 {
			t.Errorf("乙 for bank 2: %+v, want the cap used across both banks", got)
		}
		loan := &finance.Loan{EnterpriseID: f.b.ID, NoteNo: "JJ-1", AmountFen: 1, SpreadBP: 30, TermMonths: 12, DrawnOn: "2026-09-01"}
		if err := s.CreateLoan(f.bank2, loan); code(err) != apperr.EINVALID {
			t.Errorf("loan outside a line over the cap: %v, want invalid", err)
		}
		lines, _, err := s.ListLines(f.bank2, sqlstore.CreditFilter{})
		if err != nil || len(lines) != 1 || lines[0].BankID != f.b2 {
			t.Fatalf("bank 2 lines: %v %v, want its own one", lines, err)
		}
		loan.LineID = lines[0].ID
		loan.AmountFen = 200_000_000
		if err := s.CreateLoan(f.bank2, loan); err != nil {
			t.Errorf("loan within its line: %v", err)
		}
		loan2 := *loan
		loan2.NoteNo, loan2.AmountFen = "JJ-2", 1
		if err := s.CreateLoan(f.bank2, &loan2); code(err) != apperr.EINVALID {
			t.Errorf("loan over its line: %v, want invalid", err)
		}
		// A bank cannot lend to an enterprise that did not consent to it.
		if err := line(f.bank2, f.a.ID, 1); code(err) != apperr.ENOTFOUND {
			t.Errorf("line to 甲 by bank 2: %v, want not found", err)
		}
		// Totals: the city sees both banks, a bank its own business only.
		tot, err := s.FinanceTotals(city, "bank")
		if err != nil || len(tot) != 2 {
			t.Fatalf("totals by bank: %v %v", tot, err)
		}
		if tot[0].LinesFen+tot[1].LinesFen != 1_000_000_000 {
			t.Errorf("lines total %d, want 1000000000", tot[0].LinesFen+tot[1].LinesFen)
		}
		own, _ := s.FinanceTotals(f.bank2, "tier")
		if len(own) != 1 || own[0].LinesFen != 200_000_000 || own[0].LoansFen != 200_000_000 {
			t.Errorf("bank 2's totals %+v, want its own line and loan", own)
		}
		if other, _ := s.FinanceTotals(districtEQ, "region"); len(other) != 0 {
			t.Errorf("二七区 sees 中原区's lending: %+v", other)
		}
	})
}

func TestReferralClocks(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newFinanceFixture(t, s)
		clock := NewClockOn(s, t0) // 2026-09-01 is a Tuesday
		d := &finance.Demand{EnterpriseID: f.b.ID, AmountFen: 300_000_000, TermMonths: 12, Purpose: "购置设备",
			Mode: finance.ModeDirect, BankIDs: []int64{f.b1, f.b2}}
		if err := s.CreateFinancingDemand(enterpriseCtx(f.b.ID), d); err != nil {
			t.Fatal(err)
		}
		bad := &finance.Demand{EnterpriseID: f.c.ID, AmountFen: 1, TermMonths: 1, Purpose: "x", Mode: finance.ModeDirect, BankIDs: []int64{f.b1}}
		if err := s.CreateFinancingDemand(enterpriseCtx(f.c.ID), bad); code(err) != apperr.EINVALID {
			t.Errorf("demand to a bank without consent: %v, want invalid", err)
		}
		r := d.Referrals[0]
		if got := r.ReplyDue.In(finance.CST).Format("2006-01-02 15:04"); got != "2026-09-08 23:59" {
			t.Errorf("reply due %s, want the 5th working day 2026-09-08", got)
		}
		clock.Add(8 * 24 * 3600e9) // 2026-09-09: the reply clock has run out
		list, _, err := s.ListReferrals(f.bank1, sqlstore.ReferralFilter{Overdue: true})
		if err != nil || len(list) != 1 || list[0].Overdue != "reply" {
			t.Fatalf("bank 1 overdue: %+v %v", list, err)
		}
		if _, err := s.AnswerReferral(f.bank1, list[0].ID, list[0].Version, finance.ReferralDeclined, ""); code(err) != apperr.EINVALID {
			t.Errorf("decline without a reason: %v", err)
		}
		if _, err := s.AnswerReferral(f.bank2, list[0].ID, list[0].Version, finance.ReferralAccepted, ""); code(err) != apperr.ENOTFOUND {
			t.Errorf("bank 2 answers bank 1's referral: %v, want not found", err)
		}
		got, err := s.AnswerReferral(f.bank1, list[0].ID, list[0].Version, finance.ReferralAccepted, "")
		if err != nil || got.Status != finance.ReferralAccepted {
			t.Fatalf("answer: %+v %v", got, err)
		}
		if _, err := s.AnswerReferral(f.bank1, got.ID, list[0].Version, finance.ReferralAccepted, ""); code(err) != apperr.EINVALID {
			t.Errorf("second answer: %v", err)
		}
		err = s.CreateLine(f.bank1, &finance.Line{EnterpriseID: f.b.ID, ReferralID: got.ID, AmountFen: 300_000_000,
			Mode: finance.ModeGuarantee, Guarantor: "郑州中小企业融资担保", ValidTo: "2027-09-01"})
		if err != nil {
			t.Fatal(err)
		}
		mine, _, _ := s.ListReferrals(f.bank1, sqlstore.ReferralFilter{})
		if len(mine) != 1 || mine[0].Status != finance.ReferralLent {
			t.Errorf("bank 1's referral after the line: %+v, want lent", mine)
		}
		for _, action := range []string{"finance_demand.create", "referral.push", "referral.answer", "referral.lend", "credit_line.create"} {
			if auditCount(t, s, auth.AuditFilter{Action: action}) == 0 {
				t.Errorf("%s not audited", action)
			}
		}
	})
}

// NewClockOn gives s a clock at t and returns it.
func NewClockOn(s *sqlstore.Store, t time.Time) *Clock {
	c := NewClock(t)
	s.Now = c.Now
	return c
}

// TestCreditCapsConcurrent: two banks granting lines at once to one
// enterprise cannot pass its cap together; the enterprise row is locked in
// each write transaction.
func TestCreditCapsConcurrent(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newFinanceFixture(t, s)
		for round := 0; round < 5; round++ {
			errs := make(chan error, 2)
			for _, ctx := range []context.Context{f.bank1, f.bank2} {
				go func() {
					errs <- s.CreateLine(ctx, &finance.Line{EnterpriseID: f.b.ID, AmountFen: 120_000_000, Mode: finance.ModeDirect, ValidTo: "2027-08-31"})
				}()
			}
			for range 2 {
				if err := <-errs; err != nil && code(err) != apperr.EINVALID {
					t.Fatal(err)
				}
			}
		}
		if got := bankNames(t, s, f.bank1)["乙企业"]; got.UsedFen > got.CapFen || got.UsedFen != 960_000_000 {
			t.Errorf("used %d of %d 分, want 8 lines of 120 万元 (960000000) and no more", got.UsedFen, got.CapFen)
		}
	})
}
