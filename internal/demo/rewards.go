package demo

import (
	"context"
	"fmt"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/reward"
	"zjtx/internal/sqlstore"
)

// seedRewards loads the 免申即享 policies and lays down two 2025 reward
// runs as the bureau would have worked them: 省级专精特新 prepared by `city`
// months ago, approved by `city2`, publicised, confirmed by most of its
// enterprises (one waived, some never confirmed and lapsed) and paid (one
// payment failed); and 小巨人, approved and in 公示 now, with an objection
// waiting. The steps go through the store's state machine, each audited,
// at the time they would have happened.
func seedRewards(ctx context.Context, tx *sqlstore.Tx, users []*auth.User) error {
	byCode, err := syncPolicies(ctx, tx)
	if err != nil {
		return err
	}
	now := tx.Now()
	defer tx.SetNow(now)
	asCity, asCity2 := preparerReviewer(ctx, users)
	day := func(n int) time.Time { return now.AddDate(0, 0, n) }

	tx.SetNow(day(-150))
	run, err := prepareRun(asCity, asCity2, tx, byCode["zz2025.srdi_provincial"], "郑工信公示〔%d〕12号")
	if err != nil {
		return err
	}
	tx.SetNow(day(-135))
	if run, err = step(asCity, tx, run, reward.ActClose, reward.ActConfirming); err != nil {
		return err
	}
	if err := confirmItems(ctx, tx, run); err != nil {
		return err
	}
	tx.SetNow(day(-120))
	if run, err = step(asCity, tx, run, reward.ActExport); err != nil {
		return err
	}
	if err := payItems(asCity, tx, run, day(-110)); err != nil {
		return err
	}

	tx.SetNow(day(-2))
	open, err := prepareRun(asCity, asCity2, tx, byCode["zz2025.little_giant"], "郑工信公示〔%d〕31号")
	if err != nil {
		return err
	}
	for _, it := range open.Items {
		if it.Status == reward.ItemProposed {
			return tx.CreateRewardObjection(asCity, &reward.Objection{ItemID: it.ID, RaisedBy: "来电群众（实名登记）",
				Content: "反映该企业注册地址与实际经营地址不一致，请核实"})
		}
	}
	return nil
}

// syncPolicies loads the embedded reward policies and returns their ids by
// code.
func syncPolicies(ctx context.Context, tx *sqlstore.Tx) (map[string]int64, error) {
	ps, err := reward.Embedded()
	if err != nil {
		return nil, err
	}
	if err := tx.SyncRewardPolicies(auth.WithCaller(ctx, auth.System), ps); err != nil {
		return nil, err
	}
	byCode := map[string]int64{}
	for _, p := range ps {
		byCode[p.Code] = p.ID
	}
	return byCode, nil
}

// preparerReviewer are the two city officials a run needs: `city` prepares,
// `city2` reviews.
func preparerReviewer(ctx context.Context, users []*auth.User) (prep, rev context.Context) {
	for _, u := range users {
		switch u.Username {
		case "city":
			prep = auth.WithCaller(ctx, u.Caller())
		case "city2":
			rev = auth.WithCaller(ctx, u.Caller())
		}
	}
	return prep, rev
}

// prepareRun makes a dry run as the preparer, submits it, has the reviewer
// approve it and publishes it for seven working days.
func prepareRun(prep, rev context.Context, tx *sqlstore.Tx, policyID int64, notice string) (*reward.Run, error) {
	run, err := tx.CreateRewardRun(prep, policyID)
	if err != nil {
		return nil, err
	}
	if run, err = step(prep, tx, run, reward.ActSubmit); err != nil {
		return nil, err
	}
	if run, err = tx.ChangeRewardRun(rev, run.ID, sqlstore.RunChange{Action: reward.ActApprove, Version: run.Version,
		Opinion: "经比对认定名单、信用记录和历史兑付记录，同意。"}); err != nil {
		return nil, err
	}
	if run, err = tx.ChangeRewardRun(prep, run.ID, sqlstore.RunChange{Action: reward.ActPublicize, Version: run.Version,
		NoticeNo: fmt.Sprintf(notice, tx.Now().Year()), Days: reward.MaxPublicityDays}); err != nil {
		return nil, err
	}
	return tx.GetRewardRun(prep, run.ID)
}

// step applies actions in turn and returns the run with its items.
func step(ctx context.Context, tx *sqlstore.Tx, run *reward.Run, actions ...string) (*reward.Run, error) {
	var err error
	for _, a := range actions {
		if run, err = tx.ChangeRewardRun(ctx, run.ID, sqlstore.RunChange{Action: a, Version: run.Version}); err != nil {
			return nil, err
		}
	}
	return tx.GetRewardRun(ctx, run.ID)
}

// confirmItems has the enterprises of a run confirm their accounts and
// items: every tenth waives, every tenth after it never answers.
func confirmItems(ctx context.Context, tx *sqlstore.Tx, run *reward.Run) error {
	n := 0
	for _, it := range run.Items {
		if it.Status != reward.ItemProposed {
			continue
		}
		n++
		as := auth.WithCaller(ctx, auth.Caller{Username: "enterprise", Role: auth.RoleEnterprise, EnterpriseID: it.EnterpriseID})
		switch n % 10 {
		case 9:
			continue // lapses at export
		case 8:
			if _, err := tx.ChangeRewardItem(as, it.ID, sqlstore.ItemChange{Action: "waive", Version: it.Version}); err != nil {
				return err
			}
			continue
		}
		ac := &reward.Account{EnterpriseID: it.EnterpriseID, Holder: it.Name, Bank: demoBanks[n%len(demoBanks)],
			AccountNo: fmt.Sprintf("4102%012d%04d", it.EnterpriseID*7919%1_000_000_000_000, n)}
		if err := tx.SaveRewardAccount(as, ac); err != nil {
			return err
		}
		if _, err := tx.ChangeRewardItem(as, it.ID, sqlstore.ItemChange{Action: "confirm", Version: it.Version, Pledge: true}); err != nil {
			return err
		}
	}
	return nil
}

var demoBanks = []string{"中国银行郑州金水支行", "中原银行郑州分行营业部", "郑州银行高新技术开发区支行", "中国建设银行郑州二七支行"}

// payItems records the bank's result of a run's payment list on paidOn:
// every item paid but the first, whose account was closed.
func payItems(ctx context.Context, tx *sqlstore.Tx, run *reward.Run, paidOn time.Time) error {
	tx.SetNow(paidOn)
	run, err := tx.GetRewardRun(ctx, run.ID)
	if err != nil {
		return err
	}
	var results []sqlstore.PaymentResult
	for _, it := range run.Items {
		if it.Status != reward.ItemExported {
			continue
		}
		res := sqlstore.PaymentResult{ItemID: it.ID, Result: reward.ItemPaid, PaidOn: paidOn.Format(time.DateOnly),
			Voucher: fmt.Sprintf("ZZCZ%s%05d", paidOn.Format("20060102"), it.ID)}
		if len(results) == 0 {
			res = sqlstore.PaymentResult{ItemID: it.ID, Result: reward.ItemFailed, Failure: "收款账户已销户，退回"}
		}
		results = append(results, res)
	}
	_, err = tx.RecordRewardPayments(ctx, run.ID, results)
	return err
}

// seedObjectRewards lays down reward runs of the objects other than
// enterprises, once carriers and the contest exist: the year's
// 国家级小型微型企业创业创新示范基地 reward, approved and in 公示 — one base
// paid to its operating company, one excluded as its operator (a 管委会) is
// no enterprise — and the 创客中国 分赛 二等奖 reward, prepared and waiting
// for review, in which the maker team is listed 不予兑付：无企业主体.
func seedObjectRewards(ctx context.Context, tx *sqlstore.Tx, users []*auth.User, recs []*enterprise.Record) error {
	year := tx.Now().Year() - 1
	var operator *enterprise.Record
	for _, r := range recs {
		if r.Status == enterprise.StatusActive && r.Region == "410173" {
			operator = r
			break
		}
	}
	if operator == nil {
		return nil // a demo too small for an operating company
	}
	for _, k := range []*carrier.Carrier{
		{Name: "郑州航空港区小型微型企业创业创新示范基地", Kind: carrier.KindDemoBase, Level: cultivation.LevelNational,
			Operator: operator.Name, Region: "410173", AreaSqm: 98000, RecognizedOn: profile.Date{Y: year, M: 6, D: 18},
			DocNo: fmt.Sprintf("工信部企业函〔%d〕146号", year)},
		{Name: "惠济区小型微型企业创业创新示范基地", Kind: carrier.KindDemoBase, Level: cultivation.LevelNational,
			Operator: "惠济区双创园区管委会", Region: "410108", AreaSqm: 42000, RecognizedOn: profile.Date{Y: year, M: 6, D: 18},
			DocNo: fmt.Sprintf("工信部企业函〔%d〕146号", year)},
	} {
		if err := tx.CreateCarrier(ctx, k); err != nil {
			return err
		}
	}
	byCode, err := syncPolicies(ctx, tx)
	if err != nil {
		return err
	}
	asCity, asCity2 := preparerReviewer(ctx, users)
	if _, err := prepareRun(asCity, asCity2, tx, byCode["zz2025.base_national"], "郑工信公示〔%d〕35号"); err != nil {
		return err
	}
	run, err := tx.CreateRewardRun(asCity, byCode["zz2025.maker_second"])
	if err != nil {
		return err
	}
	_, err = step(asCity, tx, run, reward.ActSubmit)
	return err
}
