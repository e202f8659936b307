package reward_test

import (
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
	"zjtx/internal/reward"
	"zjtx/rules"
)

// policies returns the seeded 2025 little giant and provincial SRDI
// policies, with ids, and the group.
func policies(t *testing.T) (lg, srdi *reward.Policy, group []*reward.Policy) {
	t.Helper()
	ps, err := reward.LoadPolicies(rules.RewardsFS, "rewards")
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		p.ID = int64(i + 1)
		switch p.Code {
		case "zz2025.little_giant":
			lg = p
		case "zz2025.srdi_provincial":
			srdi = p
		}
		if p.DedupeGroup == "srdi_reward" {
			group = append(group, p)
		}
	}
	if lg == nil || srdi == nil || lg.AmountFen != 200_000_000 || srdi.AmountFen != 50_000_000 {
		t.Fatalf("seeded policies: %+v %+v", lg, srdi)
	}
	return lg, srdi, group
}

var recID int64

func cand(n int, uscc, on string, tiers ...string) reward.Candidate {
	c := reward.Candidate{SubjectID: int64(n), EnterpriseID: int64(n), Name: "企业" + uscc, USCC: uscc, Region: "410105"}
	for _, t := range tiers {
		recID++
		level := "provincial"
		if t == "little_giant" {
			level = "national"
		}
		c.Recognitions = append(c.Recognitions, reward.Recognition{ID: recID, Tier: t, Level: level, Batch: "2025年第1批",
			DocNo: "豫工信企业〔2025〕1号", On: profile.MustDate(on)})
	}
	return c
}

func byEnterprise(items []reward.Item) map[int64]reward.Item {
	m := map[int64]reward.Item{}
	for _, it := range items {
		m[it.EnterpriseID] = it
	}
	return m
}

func TestDecide(t *testing.T) {
	lg, srdi, group := policies(t)
	flagged := cand(3, "A3", "2025-04-01", "srdi")
	flagged.Flags = []string{"abnormal_list"}
	upgraded := cand(5, "A5", "2025-06-01", "little_giant")
	cands := []reward.Candidate{
		cand(1, "A1", "2025-03-01", "srdi"),
		cand(2, "A2", "2025-03-01", "srdi", "little_giant"), // both in 2025: the higher only
		flagged,
		cand(4, "A4", "2024-12-31", "srdi"), // not recognised in 2025: not listed
		upgraded,
	}
	t.Run("SRDI", func(t *testing.T) {
		items, total := reward.Decide(reward.Input{Policy: srdi, Group: group, Candidates: cands})
		got := byEnterprise(items)
		if len(items) != 3 {
			t.Fatalf("items %+v; want enterprises 1, 2, 3", items)
		}
		if it := got[1]; it.Status != reward.ItemProposed || it.AmountFen != 50_000_000 ||
			!strings.Contains(it.Explanation, "2025-03-01 认定为省级专精特新中小企业") || !strings.Contains(it.Explanation, "拟兑付 50万元") {
			t.Errorf("eligible: %+v", it)
		}
		if it := got[2]; it.Status != reward.ItemExcluded || it.Reason != reward.ReasonHigherGroup || !strings.Contains(it.ReasonText, "小巨人") {
			t.Errorf("higher in group: %+v", it)
		}
		if it := got[3]; it.Reason != reward.ReasonCreditFlag || !strings.Contains(it.ReasonText, "经营异常名录") || it.AmountFen != 0 {
			t.Errorf("credit flag: %+v", it)
		}
		if total != 50_000_000 {
			t.Errorf("total %d", total)
		}
	})
	t.Run("AlreadyPaidSameRecognition", func(t *testing.T) {
		c := cand(1, "A1", "2025-03-01", "srdi")
		prior := reward.Prior{SubjectID: 1, Award: c.Recognitions[0].Key(), AmountFen: 50_000_000, What: "2025年省级专精特新奖励（兑现批次 #1）"}
		items, total := reward.Decide(reward.Input{Policy: srdi, Group: group, Candidates: []reward.Candidate{c}, Priors: []reward.Prior{prior}})
		if items[0].Reason != reward.ReasonAlreadyPaid || total != 0 || !strings.Contains(items[0].ReasonText, "兑现批次 #1") {
			t.Errorf("%+v, total %d", items[0], total)
		}
	})
	// An enterprise paid 50 万 for 专精特新 in 2024 becomes 小巨人 in 2025: the
	// group's top_up setting decides between the difference and nothing.
	for _, c := range []struct {
		name   string
		topUp  bool
		status string
		amount int64
		reason string
	}{
		{"TopUpPaysTheDifference", true, reward.ItemProposed, 150_000_000, ""},
		{"NoTopUpPaysNothing", false, reward.ItemExcluded, 0, reward.ReasonNoTopUp},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := *lg
			p.TopUp = c.topUp
			prior := reward.Prior{SubjectID: 5, Award: "recognition:999", AmountFen: 50_000_000, What: "2024年省级专精特新奖励（历史兑付记录）"}
			items, total := reward.Decide(reward.Input{Policy: &p, Group: group, Candidates: []reward.Candidate{upgraded}, Priors: []reward.Prior{prior}})
			it := items[0]
			if it.Status != c.status || it.AmountFen != c.amount || it.Reason != c.reason || total != c.amount {
				t.Errorf("%+v, total %d; want %s %d %q", it, total, c.status, c.amount, c.reason)
			}
		})
	}
	t.Run("EqualOrHigherPaidExcludes", func(t *testing.T) {
		prior := reward.Prior{SubjectID: 1, Award: "recognition:999", AmountFen: 200_000_000, What: "2024年小巨人奖励"}
		items, _ := reward.Decide(reward.Input{Policy: srdi, Group: group, Candidates: []reward.Candidate{cand(1, "A1", "2025-03-01", "srdi")},
			Priors: []reward.Prior{prior}})
		if items[0].Reason != reward.ReasonAlreadyPaid {
			t.Errorf("%+v", items[0])
		}
	})
}

// TestDecideBudgetOrder: the budget is spent by recognition date, then
// USCC; from the first item it does not cover, every later one is cut,
// and the items sum to the total to the 分.
func TestDecideBudgetOrder(t *testing.T) {
	_, srdi, group := policies(t)
	p := *srdi
	p.AmountFen = 33_333_333 // an amount that does not divide a round budget
	cands := []reward.Candidate{
		cand(1, "B2", "2025-05-01", "srdi"),
		cand(2, "B1", "2025-05-01", "srdi"), // same day: B1 before B2
		cand(3, "A9", "2025-02-01", "srdi"), // earliest
		cand(4, "A1", "2025-09-01", "srdi"), // latest
	}
	items, total := reward.Decide(reward.Input{Policy: &p, Group: group, Candidates: cands, Budget: 100_000_000, Limited: true})
	var order, status []string
	var sum int64
	for _, it := range items {
		order = append(order, it.USCC)
		status = append(status, it.Status)
		sum += it.AmountFen
	}
	if got := strings.Join(order, ","); got != "A9,B1,B2,A1" {
		t.Errorf("order %s; want A9,B1,B2,A1", got)
	}
	if got := strings.Join(status, ","); got != "proposed,proposed,proposed,excluded" {
		t.Errorf("statuses %s", got)
	}
	if total != 99_999_999 || sum != total {
		t.Errorf("total %d, items sum %d; want 99999999 both", total, sum)
	}
	if it := items[3]; it.Reason != reward.ReasonBudget || !strings.Contains(it.ReasonText, "预算余额 0.01 元") {
		t.Errorf("cut item %+v", it)
	}
	t.Run("NoBudgetNoCut", func(t *testing.T) {
		_, total := reward.Decide(reward.Input{Policy: &p, Group: group, Candidates: cands})
		if total != 4*33_333_333 {
			t.Errorf("total %d", total)
		}
	})
}

func TestNext(t *testing.T) {
	path := []struct{ action, want string }{
		{reward.ActSubmit, reward.RunPendingReview}, {reward.ActApprove, reward.RunApproved},
		{reward.ActPublicize, reward.RunPublicizing}, {reward.ActClose, reward.RunPublicized},
		{reward.ActConfirming, reward.RunConfirming}, {reward.ActExport, reward.RunExported}, {reward.ActPaid, reward.RunPaid},
	}
	state := reward.RunDraft
	for _, s := range path {
		if _, err := reward.Next(state, reward.ActCancel); (err == nil) != (state != reward.RunExported && state != reward.RunPaid) {
			t.Errorf("cancel in %s: %v", state, err)
		}
		next, err := reward.Next(state, s.action)
		if err != nil || next != s.want {
			t.Fatalf("%s in %s = %s, %v; want %s", s.action, state, next, err, s.want)
		}
		state = next
	}
	if _, err := reward.Next(reward.RunDraft, reward.ActApprove); !apperr.Is(err, apperr.ECONFLICT) {
		t.Errorf("approve a draft: %v; want conflict", err)
	}
	if _, err := reward.Next(reward.RunPaid, reward.ActCancel); !apperr.Is(err, apperr.ECONFLICT) {
		t.Errorf("cancel a paid run: %v", err)
	}
}

func TestPolicyValidate(t *testing.T) {
	p := reward.Policy{Code: "x", Name: "区级奖励", DocNo: "金政〔2025〕1号", Object: "enterprise", Tier: "srdi", Level: "provincial",
		Year: 2025, Amount: "10.005万元", DedupeGroup: "g", Rank: 1}
	if err := p.Normalize(); err != nil {
		t.Fatalf("10.005万元: %v", err)
	}
	if p.AmountFen != 10_005_000 {
		t.Errorf("amount %d", p.AmountFen)
	}
	p.Amount = "100.123"
	if err := p.Normalize(); !apperr.Is(err, apperr.EINVALID) || !strings.Contains(apperr.Message(err), "金额") {
		t.Errorf("three decimals: %v", err)
	}
	bad := reward.Policy{Object: "enterprise", Conditions: reward.Conditions{NoCreditFlags: []string{"unknown"}}}
	err := bad.Validate()
	for _, field := range []string{"code", "name", "doc_no", "tier", "level", "year", "amount_fen", "dedupe_group", "rank", "no_credit_flags"} {
		if !strings.Contains(apperr.Message(err), field) {
			t.Errorf("message %q does not name %s", apperr.Message(err), field)
		}
	}
}
