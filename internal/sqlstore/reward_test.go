package sqlstore_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/internal/reward"
	"zjtx/internal/sqlstore"
)

// rewardFixture is a store with the seeded policies, two city officials
// (preparer and reviewer) and enterprises of 中原区 and 二七区 recognised
// 省级专精特新 in 2025.
type rewardFixture struct {
	s         *sqlstore.Store
	prep, rev context.Context
	srdi      *reward.Policy
	zy, eq    []int64 // enterprises of 中原区 and 二七区
}

func newRewardFixture(t *testing.T, s *sqlstore.Store) *rewardFixture {
	t.Helper()
	ps, err := reward.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SyncRewardPolicies(city, ps); err != nil {
		t.Fatal(err)
	}
	f := &rewardFixture{s: s}
	for _, p := range ps {
		if p.Code == "zz2025.srdi_provincial" {
			f.srdi = p
		}
	}
	hash, err := auth.HashPassword("Lotus-Pond-2026")
	if err != nil {
		t.Fatal(err)
	}
	var officials []context.Context
	for _, name := range []string{"prep", "rev"} {
		u := &auth.User{Username: name, Name: name, Role: auth.RoleCity, PasswordHash: hash}
		if err := s.CreateUser(city, u); err != nil {
			t.Fatal(err)
		}
		officials = append(officials, as(u.Caller()))
	}
	f.prep, f.rev = officials[0], officials[1]
	for i, region := range []string{zhongyuan, zhongyuan, zhongyuan, erqi} {
		r := mustCreate(t, s, region, fmt.Sprintf("奖励测试企业%d", i), 700+i)
		rec := &cultivation.Recognition{EnterpriseID: r.ID, Tier: "srdi", Level: "provincial", Batch: "2025年第1批",
			DocNo: "豫工信企业〔2025〕1号", RecognizedOn: profile.MustDate(fmt.Sprintf("2025-0%d-01", i+3))}
		if _, err := s.SaveRecognition(city, rec); err != nil {
			t.Fatal(err)
		}
		if region == zhongyuan {
			f.zy = append(f.zy, r.ID)
		} else {
			f.eq = append(f.eq, r.ID)
		}
	}
	return f
}

// pending makes a dry run and submits it, as the preparer.
func (f *rewardFixture) pending(t *testing.T) *reward.Run {
	t.Helper()
	run, err := f.s.CreateRewardRun(f.prep, f.srdi.ID)
	if err != nil {
		t.Fatal(err)
	}
	return f.change(t, f.prep, run, reward.ActSubmit)
}

func (f *rewardFixture) change(t *testing.T, ctx context.Context, run *reward.Run, action string) *reward.Run {
	t.Helper()
	out, err := f.s.ChangeRewardRun(ctx, run.ID, sqlstore.RunChange{Action: action, Version: run.Version,
		NoticeNo: "郑工信公示〔2026〕1号", Reason: "测试撤销"})
	if err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	return out
}

// TestRewardConcurrentApprovals approves two runs of the same policy at
// once: the claim index lets exactly one through, on both engines.
func TestRewardConcurrentApprovals(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newRewardFixture(t, s)
		for round := range 3 {
			a, b := f.pending(t), f.pending(t)
			if a.TotalFen != 4*50_000_000 || b.TotalFen != a.TotalFen {
				t.Fatalf("dry runs total %d and %d; want 4 × 50 万", a.TotalFen, b.TotalFen)
			}
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, run := range []*reward.Run{a, b} {
				wg.Go(func() {
					_, errs[i] = s.ChangeRewardRun(f.rev, run.ID, sqlstore.RunChange{Action: reward.ActApprove, Version: run.Version})
				})
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				switch {
				case err == nil:
					won++
				case !apperr.Is(err, apperr.ECONFLICT):
					t.Fatalf("round %d: approval failed with %v; want a conflict", round, err)
				}
			}
			if won != 1 {
				t.Fatalf("round %d: %d approvals won (%v); want exactly one", round, won, errs)
			}
			claimed := 0
			for _, run := range []*reward.Run{a, b} {
				full, err := s.GetRewardRun(city, run.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, it := range full.Items {
					if it.Claimed {
						claimed++
					}
				}
			}
			if claimed != 4 {
				t.Errorf("round %d: %d items claimed; want the 4 of one run", round, claimed)
			}
			// Cancelling the winner frees the recognitions for the next round.
			for _, run := range []*reward.Run{a, b} {
				cur, _ := s.GetRewardRun(city, run.ID)
				f.change(t, f.prep, cur, reward.ActCancel)
			}
		}
	})
}

func TestRewardPreparerCannotApprove(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newRewardFixture(t, s)
		run := f.pending(t)
		for _, act := range []string{reward.ActApprove, reward.ActReturn} {
			_, err := s.ChangeRewardRun(f.prep, run.ID, sqlstore.RunChange{Action: act, Version: run.Version, Opinion: "自审"})
			if !apperr.Is(err, apperr.EFORBIDDEN) {
				t.Errorf("%s by the preparer: %v; want forbidden", act, err)
			}
		}
		_, err := s.ChangeRewardRun(districtZY, run.ID, sqlstore.RunChange{Action: reward.ActApprove, Version: run.Version})
		if !apperr.Is(err, apperr.EFORBIDDEN) {
			t.Errorf("approve by a district official: %v; want forbidden", err)
		}
		got := f.change(t, f.rev, run, reward.ActApprove)
		if got.State != reward.RunApproved || got.ApprovedBy == got.PreparedBy {
			t.Errorf("approved run %+v", got)
		}
	})
}

// TestRewardRunLifecycle takes a run from dry run to paid, checking that
// every state change has its audit row, that the items sum to the total,
// and who sees what on the way.
func TestRewardRunLifecycle(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		f := newRewardFixture(t, s)
		clock := setClock(s)
		run := f.pending(t)
		run = f.change(t, f.rev, run, reward.ActApprove)
		run = f.change(t, f.prep, run, reward.ActPublicize)
		if run.PublicityFrom != "2026-09-01" || run.PublicityTo != "2026-09-08" {
			t.Errorf("publicity %s to %s; want five working days after 2026-09-01", run.PublicityFrom, run.PublicityTo)
		}
		if _, err := s.ChangeRewardRun(f.prep, run.ID, sqlstore.RunChange{Action: reward.ActClose, Version: run.Version}); !apperr.Is(err, apperr.ECONFLICT) {
			t.Errorf("close during the window: %v; want conflict", err)
		}

		// Scope: 中原区 sees its three items, 二七区 its one, a bank nothing,
		// an enterprise its own item once the list is public.
		for _, c := range []struct {
			name string
			ctx  context.Context
			want int
		}{{"ZY", districtZY, 3}, {"EQ", districtEQ, 1}, {"Enterprise", rewardEnterprise(f.zy[0]), 1}, {"Bank", bank, 0}} {
			items, err := s.ListRewardItems(c.ctx)
			if err != nil || len(items) != c.want {
				t.Errorf("%s sees %d items, %v; want %d", c.name, len(items), err, c.want)
			}
		}
		if _, err := s.GetRewardRun(bank, run.ID); !apperr.Is(err, apperr.ENOTFOUND) {
			t.Errorf("bank reads a run: %v", err)
		}

		// An objection upheld against one item withdraws it.
		items, _ := s.ListRewardItems(rewardEnterprise(f.eq[0]))
		obj := &reward.Objection{ItemID: items[0].ID, RaisedBy: "实名群众", Content: "地址不符"}
		if err := s.CreateRewardObjection(f.rev, obj); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateRewardObjection(districtZY, &reward.Objection{ItemID: items[0].ID, RaisedBy: "x", Content: "y"}); !apperr.Is(err, apperr.ENOTFOUND) {
			t.Errorf("objection to another district's item: %v", err)
		}
		if err := s.DecideRewardObjection(f.rev, obj.ID, obj.Version, reward.ObjectionWithdraw, "经核实，注册地已迁出"); err != nil {
			t.Fatal(err)
		}
		clock.Add(8 * 24 * 3600e9)
		run, _ = s.GetRewardRun(city, run.ID)
		run = f.change(t, f.prep, run, reward.ActClose)
		run = f.change(t, f.prep, run, reward.ActConfirming)
		if run.TotalFen != 3*50_000_000 {
			t.Errorf("total after the withdrawal %d", run.TotalFen)
		}

		// Two enterprises confirm; one's holder is wrong first; the third never answers.
		for i, eid := range f.zy[:2] {
			ctx := rewardEnterprise(eid)
			ac := &reward.Account{EnterpriseID: eid, Holder: "某某个人", Bank: "中原银行", AccountNo: "6222 0212 3456 789" + strconv.Itoa(i)}
			if err := s.SaveRewardAccount(ctx, ac); !apperr.Is(err, apperr.EINVALID) {
				t.Errorf("holder not the enterprise: %v", err)
			}
			ac.Holder = fmt.Sprintf("奖励测试企业%d", i)
			if err := s.SaveRewardAccount(ctx, ac); err != nil {
				t.Fatal(err)
			}
			mine, _ := s.ListRewardItems(ctx)
			if _, err := s.ChangeRewardItem(ctx, mine[0].ID, sqlstore.ItemChange{Action: "confirm", Version: mine[0].Version}); !apperr.Is(err, apperr.EINVALID) {
				t.Errorf("confirm without the pledge: %v", err)
			}
			it, err := s.ChangeRewardItem(ctx, mine[0].ID, sqlstore.ItemChange{Action: "confirm", Version: mine[0].Version, Pledge: true})
			if err != nil || it.AccountMasked != "************789"+strconv.Itoa(i) {
				t.Fatalf("confirm: %+v, %v", it, err)
			}
		}
		run = f.change(t, f.prep, run, reward.ActExport)
		_, rows, err := s.RewardPaymentRows(city, run.ID)
		if err != nil || len(rows) != 2 || rows[0].AccountNo != "62220212345678"+"90" && rows[0].AccountNo != "6222021234567890" {
			t.Fatalf("payment rows %+v, %v", rows, err)
		}
		if _, err := s.ChangeRewardRun(f.prep, run.ID, sqlstore.RunChange{Action: reward.ActCancel, Version: run.Version, Reason: "x"}); !apperr.Is(err, apperr.ECONFLICT) {
			t.Errorf("cancel after export: %v", err)
		}
		full, _ := s.GetRewardRun(city, run.ID)
		var results []sqlstore.PaymentResult
		var sum int64
		for _, it := range full.Items {
			if reward.Claiming(it.Status) {
				sum += it.AmountFen
			}
			if it.Status == reward.ItemExported {
				results = append(results, sqlstore.PaymentResult{ItemID: it.ID, Result: "paid", PaidOn: "2026-09-20", Voucher: "V" + strconv.FormatInt(it.ID, 10)})
			}
		}
		if sum != full.TotalFen || sum != 2*50_000_000 {
			t.Errorf("items sum to %d, run total %d; want 100 万 both", sum, full.TotalFen)
		}
		run, err = s.RecordRewardPayments(f.prep, run.ID, results)
		if err != nil || run.State != reward.RunPaid {
			t.Fatalf("payments: %+v, %v", run, err)
		}
		for _, action := range []string{"create", reward.ActSubmit, reward.ActApprove, reward.ActPublicize, reward.ActClose,
			reward.ActConfirming, reward.ActExport, reward.ActPaid} {
			if n := auditCount(t, s, auth.AuditFilter{Action: "reward_run." + action, EntityID: strconv.FormatInt(run.ID, 10)}); n != 1 {
				t.Errorf("audit rows of reward_run.%s: %d; want 1", action, n)
			}
		}
		for _, action := range []string{"reward_item.withdrawn", "reward_item.confirmed", "reward_item.paid", "reward_account.save",
			"reward_objection.create", "reward_objection.decide"} {
			if n := auditCount(t, s, auth.AuditFilter{Action: action}); n == 0 {
				t.Errorf("no audit row of %s", action)
			}
		}
		for _, entity := range []string{"reward_run", "reward_item", "reward_objection"} {
			entries, _, err := s.ListAudit(city, auth.AuditFilter{Entity: entity, Limit: 1})
			if err != nil || len(entries) == 0 || entries[0].EntityName == "" {
				t.Errorf("audit of %s: %v, %v; want named rows", entity, entries, err)
			}
		}
		// The paid recognitions stay claimed: a new run excludes them.
		again, err := s.CreateRewardRun(f.prep, f.srdi.ID)
		if err != nil {
			t.Fatal(err)
		}
		reasons := map[string]int{}
		for _, it := range again.Items {
			reasons[it.Status+"/"+it.Reason]++
		}
		if reasons["excluded/already_paid"] != 2 || reasons["proposed/"] != 2 {
			t.Errorf("second run %v; want the 2 paid excluded, the lapsed and the withdrawn proposed again", reasons)
		}
	})
}

// rewardEnterprise acts as enterprise id's account, without a users row:
// the reward tables keep who confirmed by a reference to users.
func rewardEnterprise(id int64) context.Context {
	return as(auth.Caller{Username: fmt.Sprintf("ent%d", id), Role: auth.RoleEnterprise, EnterpriseID: id})
}
