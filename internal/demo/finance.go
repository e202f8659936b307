package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/finance"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// seedFinance registers two more partner banks beside the demo bank and
// gives 专精特新贷 some history: consents (the demo enterprise's to the demo
// bank among them), demands pushed over the last weeks with referrals
// answered, declined and overdue, lines and loans, a 政银企对接会 held and
// one planned, and the other finance records. Enterprises of 金水区 other
// than the demo enterprise (whose one consent is to the demo bank) consent
// to no bank, so the tests' 金水区 enterprise is one no bank may see.
func seedFinance(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record, bank *hub.Institution, users []*auth.User) error {
	banks := []*hub.Institution{bank}
	for _, name := range []string{"中原银行郑州分行（演示）", "郑州银行科技支行（演示）"} {
		b := &hub.Institution{Name: name, Kind: hub.KindFinancial, Level: "municipal", Status: hub.StatusApproved, PartnerBank: true}
		if err := tx.CreateInstitution(ctx, b); err != nil {
			return err
		}
		banks = append(banks, b)
	}
	bankCtx := func(b *hub.Institution) context.Context {
		return auth.WithCaller(ctx, auth.Caller{Username: "demo", Role: auth.RoleBank, InstitutionID: b.ID})
	}
	own := users[2] // the demo enterprise account
	entCtx := func(id int64) context.Context {
		c := auth.Caller{Username: "demo", Role: auth.RoleEnterprise, EnterpriseID: id}
		if id == own.EnterpriseID {
			c.UserID, c.Username = own.ID, own.Username
		}
		return auth.WithCaller(ctx, c)
	}
	p := finance.Default()
	var picked []*enterprise.Record
	var giants []*enterprise.Record
	for _, r := range recs {
		if r.Status != enterprise.StatusActive || p.CapFen(r.Tier) == 0 || r.Region == Jinshui {
			continue
		}
		switch {
		case r.Tier == "key_little_giant" && !slices.ContainsFunc(giants, func(g *enterprise.Record) bool { return g.Tier == r.Tier }):
			giants = append(giants, r)
		case r.Tier == "little_giant" && len(giants) < 5:
			giants = append(giants, r)
		case len(picked) < 45 && enterprise.TierRank(r.Tier) < enterprise.TierRank("little_giant"):
			picked = append(picked, r)
		}
	}
	if _, err := tx.GrantConsent(entCtx(own.EnterpriseID), own.EnterpriseID, finance.ConsentRequest{BankID: bank.ID,
		Scope: []string{"titles", "finance"}, Purpose: "专精特新贷融资对接"}); err != nil {
		return err
	}
	// chosen[i] are the banks picked[i] may send a demand to.
	chosen := make([][]int64, len(picked))
	if len(picked) < 35 {
		return nil // a demo too small for the finance history
	}
	for i, r := range slices.Concat(picked, giants) {
		req := finance.ConsentRequest{Scope: []string{"titles", "finance"}}
		switch i % 3 {
		case 0:
			req.BankID = bank.ID
		case 1:
			req.All = true
		default:
			req.BankID = banks[1+i%2].ID
		}
		if _, err := tx.GrantConsent(entCtx(r.ID), r.ID, req); err != nil {
			return err
		}
		if i < len(picked) {
			chosen[i] = []int64{req.BankID}
			if req.All {
				chosen[i] = []int64{bank.ID, banks[1].ID}
			}
		}
	}
	now := tx.Now()
	held, err := seedMatchmaking(ctx, tx, picked[:6], banks)
	if err != nil {
		return err
	}
	// Demands over the last four weeks: the oldest are overdue unless answered.
	for i := 0; i < 15 && i < len(picked); i++ {
		r := picked[i]
		d := &finance.Demand{EnterpriseID: r.ID, AmountFen: int64(100+30*i) * 1_000_000, TermMonths: 12 + 12*(i%3),
			Purpose: []string{"购置生产设备", "研发投入", "补充流动资金"}[i%3], Mode: finance.Modes[i%3], BankIDs: chosen[i]}
		if i < 6 {
			d.MatchmakingID = held.ID // met their banks at the 对接会
		}
		if err := tx.At(now.AddDate(0, 0, -2*(15-i)), func() error { return tx.CreateFinancingDemand(entCtx(r.ID), d) }); err != nil {
			return fmt.Errorf("demand of %s: %w", r.Name, err)
		}
		if i%4 == 3 {
			continue // left unanswered: overdue once its five working days pass
		}
		for k, ref := range d.Referrals {
			b := banks[0]
			for _, x := range banks {
				if x.ID == ref.BankID {
					b = x
				}
			}
			answer, reason := finance.ReferralAccepted, ""
			if i%5 == 4 {
				answer, reason = finance.ReferralDeclined, "近两年经营性现金流为负，暂不符合信用贷款条件"
			}
			at := ref.PushedAt.Add(50 * time.Hour)
			err := tx.At(at, func() error {
				_, err := tx.AnswerReferral(bankCtx(b), ref.ID, ref.Version, answer, reason)
				return err
			})
			if err != nil {
				return err
			}
			if answer != finance.ReferralAccepted || i%2 == 1 || k > 0 { // one bank lends
				continue
			}
			line := &finance.Line{EnterpriseID: r.ID, ReferralID: ref.ID, MatchmakingID: d.MatchmakingID, AmountFen: d.AmountFen, Mode: d.Mode,
				ValidTo: now.AddDate(1, 0, 0).Format(time.DateOnly)}
			if d.Mode == finance.ModeGuarantee {
				line.Guarantor = "郑州市中小企业融资担保有限公司"
			}
			err = tx.At(at.Add(120*time.Hour), func() error {
				if err := tx.CreateLine(bankCtx(b), line); err != nil {
					return err
				}
				return tx.CreateLoan(bankCtx(b), &finance.Loan{EnterpriseID: r.ID, LineID: line.ID,
					NoteNo: fmt.Sprintf("JJ%s%04d", now.Format("2006"), line.ID), AmountFen: line.AmountFen / 2,
					SpreadBP: 35, TermMonths: d.TermMonths, DrawnOn: at.Add(120 * time.Hour).Format(time.DateOnly)})
			})
			if err != nil {
				return err
			}
		}
	}
	return seedOtherFinance(ctx, tx, picked, giants, banks)
}

// seedOtherFinance seeds the 对接会, 专精特新险, the fund reserve, bridging
// requests, a central-fund project in stages and equipment subsidies.
func seedOtherFinance(ctx context.Context, tx *sqlstore.Tx, picked, giants []*enterprise.Record, banks []*hub.Institution) error {
	now := tx.Now()
	bankIDs := []int64{banks[0].ID, banks[1].ID, banks[2].ID}
	planned := &finance.Matchmaking{Title: "专精特新贷线上对接专场", HeldOn: now.AddDate(0, 0, 14).Format(time.DateOnly), Venue: "线上"}
	if err := tx.CreateMatchmaking(ctx, planned, ids(picked[21:25]), bankIDs[:2]); err != nil {
		return err
	}
	products := []*finance.InsuranceProduct{
		{Insurer: "人保财险河南分公司", Name: "专精特新企业贷款保证保险", Kind: "credit_guarantee"},
		{Insurer: "平安产险河南分公司", Name: "知识产权被侵权损失保险", Kind: "ip"},
	}
	for _, pr := range products {
		if err := tx.CreateInsuranceProduct(ctx, pr); err != nil {
			return err
		}
	}
	from := now.Format(time.DateOnly)
	to := now.AddDate(1, 0, -1).Format(time.DateOnly)
	for i, r := range picked[25:29] {
		pol := &finance.InsurancePolicy{ProductID: products[i%2].ID, EnterpriseID: r.ID, PolicyNo: fmt.Sprintf("PDZJ%s%05d", now.Format("2006"), i+1),
			InsuredFen: 5_000_000_00, PremiumFen: 3_500_00 + int64(i)*50_00, ValidFrom: from, ValidTo: to}
		if err := tx.CreatePolicy(ctx, pol); err != nil {
			return err
		}
	}
	for i, r := range slices.Concat(picked[29:32], giants[:min(2, len(giants))]) {
		f := &finance.FundProject{EnterpriseID: r.ID, Fund: []string{"郑州市中小企业发展基金", "河南省中小企业发展基金"}[i%2],
			Stage: []string{"reserve", "due_diligence", "invested", "reserve", "due_diligence"}[i], AmountFen: int64(2000+1000*i) * 1_000_000}
		if err := tx.SaveFundProject(ctx, f); err != nil {
			return err
		}
	}
	for i, r := range picked[32:35] {
		b := &finance.BridgeRequest{EnterpriseID: r.ID, AmountFen: int64(300+200*i) * 1_000_000, TermDays: 30, Purpose: "续贷过桥"}
		if err := tx.CreateBridge(ctx, b); err != nil {
			return err
		}
		for _, st := range [][]string{nil, {"approved"}, {"approved", "repaid"}}[i] {
			out, err := tx.DecideBridge(ctx, b.ID, b.Version, st, "按期归还，已续贷")
			if err != nil {
				return err
			}
			b = out
		}
	}
	for _, g := range giants {
		if g.Tier != "key_little_giant" {
			continue
		}
		cp := &finance.CentralProject{EnterpriseID: g.ID, Name: "“三新一强”智能产线改造", Year: now.Year() - 1, TotalFen: 6_000_000_00,
			Stages: []*finance.CentralStage{{AmountFen: 2_000_000_00}, {AmountFen: 2_500_000_00}, {AmountFen: 1_500_000_00}}}
		if err := tx.CreateCentralProject(ctx, cp); err != nil {
			return err
		}
		for _, step := range []struct {
			seq    int
			review string
		}{{1, "passed"}, {1, ""}, {2, "passed"}} {
			out, err := tx.ActOnStage(ctx, cp.ID, step.seq, cp.Stages[step.seq-1].Version, step.review)
			if err != nil {
				return err
			}
			cp = out
		}
		break
	}
	year := now.Year() - 1
	for i, g := range giants[:min(2, len(giants))] {
		s := &finance.Subsidy{EnterpriseID: g.ID, Year: year, Invoices: []*finance.Invoice{
			{InvoiceNo: fmt.Sprintf("4100%d2345%02d", year, 10*i+1), Kind: "equipment", IssuedOn: fmt.Sprintf("%d-04-18", year), AmountFen: 3_268_450_00},
			{InvoiceNo: fmt.Sprintf("4100%d2345%02d", year, 10*i+2), Kind: "software", IssuedOn: fmt.Sprintf("%d-09-02", year), AmountFen: 486_000_37},
			{InvoiceNo: fmt.Sprintf("4100%d2345%02d", year, 10*i+3), Kind: "equipment", IssuedOn: fmt.Sprintf("%d-12-28", year-1), AmountFen: 900_000_00},
		}}
		if err := tx.DeclareSubsidy(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

func ids(rs []*enterprise.Record) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// seedMatchmaking holds the first 对接会 a month ago with the first six
// enterprises that post demands and the three banks: the demands and lines
// of those six arise from it.
func seedMatchmaking(ctx context.Context, tx *sqlstore.Tx, invited []*enterprise.Record, banks []*hub.Institution) (*finance.Matchmaking, error) {
	held := &finance.Matchmaking{Title: "郑州市专精特新企业政银企对接会（第一期）",
		HeldOn: tx.Now().AddDate(0, 0, -31).In(finance.CST).Format(time.DateOnly), Venue: "郑州国际会展中心"}
	if err := tx.CreateMatchmaking(ctx, held, ids(invited), []int64{banks[0].ID, banks[1].ID, banks[2].ID}); err != nil {
		return nil, err
	}
	var attended []int64
	for i, v := range held.Invitees {
		if i%4 != 1 {
			attended = append(attended, v.ID)
		}
	}
	return tx.RecordMatchmaking(ctx, held.ID, held.Version, attended, "现场签约意向 4 家，授信意向合计 6,000 万元")
}
