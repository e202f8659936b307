package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/demo"
	"zjtx/internal/finance"
	"zjtx/internal/sqlstore"
)

// TestFinanceDemo loads a small demo and checks that 专精特新贷 has what a
// bank needs to work: the demo bank sees the demo enterprise (and no other
// 金水区 enterprise), some referrals are overdue, lines and loans exist, a
// 对接会 was held with outcomes, and the other finance records are there.
func TestFinanceDemo(t *testing.T) {
	ctx := context.Background()
	s := migratedStore(t)
	now := time.Now().UTC()
	s.Now = func() time.Time { return now }
	start := time.Now()
	if _, err := demo.Load(ctx, s, demo.Options{Enterprises: 1000, Now: now}); err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded 1000 enterprises in %v", time.Since(start))
	sys := auth.WithCaller(ctx, auth.System)
	bankUser, err := s.FindUserByUsername(sys, "bank")
	if err != nil {
		t.Fatal(err)
	}
	ent, _ := s.FindUserByUsername(sys, "enterprise")
	bank := auth.WithCaller(ctx, auth.Caller{UserID: bankUser.ID, Username: "bank", Role: auth.RoleBank, InstitutionID: bankUser.InstitutionID})
	list, total, err := s.BankEnterprises(bank, sqlstore.BankFilter{Limit: 500})
	if err != nil || total < 10 {
		t.Fatalf("the demo bank sees %d enterprises, %v; want a dozen or more", total, err)
	}
	seen := false
	for _, b := range list {
		seen = seen || b.EnterpriseID == ent.EnterpriseID
		if b.Region == demo.Jinshui && b.EnterpriseID != ent.EnterpriseID {
			t.Errorf("the bank sees %s of 金水区, which consented to no bank", b.Name)
		}
		if b.CapFen == 0 || b.UsedFen > b.CapFen {
			t.Errorf("%s: cap %d used %d", b.Name, b.CapFen, b.UsedFen)
		}
	}
	if !seen {
		t.Error("the demo bank does not see the demo enterprise")
	}
	overdue, _, err := s.ListReferrals(sys, sqlstore.ReferralFilter{Overdue: true})
	if err != nil || len(overdue) == 0 {
		t.Errorf("overdue referrals: %d, %v; want some", len(overdue), err)
	}
	mine, _, _ := s.ListReferrals(bank, sqlstore.ReferralFilter{})
	if len(mine) == 0 {
		t.Error("the demo bank has no referrals to work")
	}
	lines, _, _ := s.ListLines(sys, sqlstore.CreditFilter{})
	loans, _, _ := s.ListLoans(sys, sqlstore.CreditFilter{})
	banks := map[int64]bool{}
	for _, l := range lines {
		banks[l.BankID] = true
	}
	if len(lines) == 0 || len(loans) == 0 || len(banks) < 2 {
		t.Errorf("%d lines at %d banks, %d loans; want lines at two banks or more and loans", len(lines), len(banks), len(loans))
	}
	meetings, _ := s.ListMatchmakings(sys)
	if len(meetings) != 2 || meetings[1].Status != "held" || meetings[1].Demands == 0 || meetings[1].Lines == 0 {
		t.Errorf("对接会: %+v, want one held, with demands and lines arising, and one planned", meetings)
	}
	o, err := s.FinanceOverview(sys, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Products) != 2 || len(o.Policies) == 0 || len(o.Funds) == 0 || len(o.Bridges) != 3 || len(o.Subsidies) == 0 {
		t.Errorf("other finance: %d products, %d policies, %d funds, %d bridges, %d subsidies",
			len(o.Products), len(o.Policies), len(o.Funds), len(o.Bridges), len(o.Subsidies))
	}
	for _, sub := range o.Subsidies {
		if sub.SubsidyFen != finance.SubsidyFen(finance.Default(), sub.QualifyingFen) {
			t.Errorf("subsidy %+v not 10 %% of its qualifying spend", sub)
		}
	}
}

// migratedStore opens a new SQLite store in a temporary folder, migrated,
// closed when the test ends.
func migratedStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(context.Background(), filepath.Join(t.TempDir(), "zjtx.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
