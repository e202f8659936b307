package sqlstore_test

import (
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
	"zjtx/internal/sqlstore"
)

// TestOtherFinance walks the records of the other finance: each change is
// audited, central funds are paid stage by stage after review, the subsidy
// is 10 % to the 分 for a 小巨人 only, and a district sees its own only.
func TestOtherFinance(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newFinanceFixture(t, s)
		giant := newRecord(zhongyuan, "戊企业", 5)
		giant.Profile.Titles[0].Tier = "key_little_giant"
		if err := s.CreateEnterprise(city, giant); err != nil {
			t.Fatal(err)
		}
		// 专精特新险
		prod := &finance.InsuranceProduct{Insurer: "人保财险", Name: "贷款保证保险", Kind: "credit_guarantee"}
		if err := s.CreateInsuranceProduct(districtZY, prod); code(err) != apperr.EFORBIDDEN {
			t.Errorf("district registers a product: %v", err)
		}
		if err := s.CreateInsuranceProduct(city, prod); err != nil {
			t.Fatal(err)
		}
		pol := &finance.InsurancePolicy{ProductID: prod.ID, EnterpriseID: f.a.ID, PolicyNo: "P1", InsuredFen: 1, ValidFrom: "2026-09-01", ValidTo: "2027-08-31"}
		if err := s.CreatePolicy(districtEQ, pol); code(err) != apperr.ENOTFOUND {
			t.Errorf("二七区 insures a 中原区 enterprise: %v", err)
		}
		if err := s.CreatePolicy(districtZY, pol); err != nil {
			t.Fatal(err)
		}
		// Fund reserve: added, then moved on with the version read.
		fund := &finance.FundProject{EnterpriseID: f.a.ID, Fund: "郑州市中小企业发展基金", Stage: "reserve"}
		if err := s.SaveFundProject(districtZY, fund); err != nil {
			t.Fatal(err)
		}
		fund.Stage, fund.AmountFen = "invested", 20_000_000_00
		if err := s.SaveFundProject(districtZY, fund); err != nil {
			t.Fatal(err)
		}
		fund.Version = 1
		if err := s.SaveFundProject(districtZY, fund); code(err) != apperr.ECONFLICT {
			t.Errorf("stale fund update: %v", err)
		}
		// Bridging: the enterprise asks, the district decides, in order.
		b := &finance.BridgeRequest{EnterpriseID: f.a.ID, AmountFen: 500_000_00, TermDays: 30, Purpose: "续贷过桥"}
		if err := s.CreateBridge(enterpriseCtx(f.a.ID), b); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideBridge(districtZY, b.ID, b.Version, "repaid", ""); code(err) != apperr.EINVALID {
			t.Errorf("repaid before approval: %v", err)
		}
		if _, err := s.DecideBridge(districtZY, b.ID, b.Version, "approved", "同意"); err != nil {
			t.Fatal(err)
		}
		// Central funds: stage 2 waits for stage 1, a stage for its review.
		cp := &finance.CentralProject{EnterpriseID: giant.ID, Name: "智能产线", Year: 2025, TotalFen: 300_000_00,
			Stages: []*finance.CentralStage{{AmountFen: 100_000_00}, {AmountFen: 200_000_00}}}
		if err := s.CreateCentralProject(city, cp); err != nil {
			t.Fatal(err)
		}
		notKey := &finance.CentralProject{EnterpriseID: f.a.ID, Name: "x", Year: 2025, TotalFen: 1, Stages: []*finance.CentralStage{{AmountFen: 1}}}
		if err := s.CreateCentralProject(city, notKey); code(err) != apperr.EINVALID {
			t.Errorf("central funds for a 创新型 enterprise: %v", err)
		}
		steps := []struct {
			seq    int
			review string
			want   string
		}{{1, "", apperr.EINVALID}, {2, "passed", ""}, {2, "", apperr.EINVALID}, {1, "passed", ""}, {1, "", ""}, {2, "", ""}, {2, "", apperr.EINVALID}}
		for i, st := range steps {
			got, err := s.ActOnStage(city, cp.ID, st.seq, cp.Stages[st.seq-1].Version, st.review)
			if code(err) != st.want {
				t.Fatalf("step %d (stage %d, %q): %v, want %q", i, st.seq, st.review, err, st.want)
			}
			if err == nil {
				cp = got
			}
		}
		if cp.PaidFen != cp.TotalFen {
			t.Errorf("paid %d of %d", cp.PaidFen, cp.TotalFen)
		}
		if _, err := s.ActOnStage(districtZY, cp.ID, 1, 1, "failed"); code(err) != apperr.EFORBIDDEN {
			t.Errorf("district reviews central funds: %v", err)
		}
		// The subsidy: 10 % rounded down to the 分, for a 小巨人 only.
		inv := []*finance.Invoice{{InvoiceNo: "A", Kind: "equipment", IssuedOn: "2025-06-30", AmountFen: 123_456_789}}
		sub := &finance.Subsidy{EnterpriseID: giant.ID, Year: 2025, Invoices: inv}
		if err := s.DeclareSubsidy(districtZY, sub); err != nil {
			t.Fatal(err)
		}
		if sub.SubsidyFen != 12_345_678 || sub.Rule != "finance/2025.yaml" {
			t.Errorf("subsidy %d under %q, want 12345678 under finance/2025.yaml", sub.SubsidyFen, sub.Rule)
		}
		if err := s.DeclareSubsidy(districtZY, &finance.Subsidy{EnterpriseID: giant.ID, Year: 2025, Invoices: inv}); code(err) != apperr.ECONFLICT {
			t.Errorf("a second declaration for the year: %v", err)
		}
		if err := s.DeclareSubsidy(enterpriseCtx(f.a.ID), &finance.Subsidy{EnterpriseID: f.a.ID, Year: 2025, Invoices: inv}); code(err) != apperr.EINVALID {
			t.Errorf("a 创新型 enterprise declares: %v", err)
		}
		// 政银企对接会 with invitations and attendance; the bank sees only the
		// invited enterprises that consented to it.
		m := &finance.Matchmaking{Title: "对接会", HeldOn: "2026-09-20"}
		if err := s.CreateMatchmaking(districtZY, m, []int64{f.a.ID, f.c.ID}, []int64{f.b1}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordMatchmaking(districtZY, m.ID, m.Version, []int64{m.Invitees[0].ID}, "签约 1 家"); err != nil {
			t.Fatal(err)
		}
		seen, err := s.GetMatchmaking(f.bank1, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range seen.Invitees {
			if v.EnterpriseID == f.c.ID {
				t.Error("bank 1 sees 丙 among the invitees, which did not consent")
			}
		}
		if _, err := s.GetMatchmaking(f.bank2, m.ID); code(err) != apperr.ENOTFOUND {
			t.Errorf("an uninvited bank reads the meeting: %v", err)
		}
		// District scope: 二七区 sees none of it, 中原区 all.
		eq, err := s.FinanceOverview(districtEQ, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(eq.Policies)+len(eq.Funds)+len(eq.Bridges)+len(eq.Central)+len(eq.Subsidies) != 0 {
			t.Errorf("二七区 sees 中原区's records: %+v", eq)
		}
		zy, _ := s.FinanceOverview(districtZY, 0)
		if len(zy.Policies) != 1 || len(zy.Funds) != 1 || len(zy.Bridges) != 1 || len(zy.Central) != 1 || len(zy.Subsidies) != 1 {
			t.Errorf("中原区 sees %+v", zy)
		}
		if _, err := s.FinanceOverview(f.bank1, 0); code(err) != apperr.EFORBIDDEN {
			t.Errorf("a bank reads the bureau's finance records: %v", err)
		}
		for _, action := range []string{"insurance_product.create", "insurance_policy.create", "fund_project.create", "fund_project.update",
			"bridge_request.create", "bridge_request.approved", "central_fund.create", "central_fund.review", "central_fund.pay",
			"equipment_subsidy.declare", "matchmaking.create", "matchmaking.record"} {
			if auditCount(t, s, auth.AuditFilter{Action: action}) == 0 {
				t.Errorf("%s not audited", action)
			}
		}
	})
}
