package web

import (
	"zjtx/internal/cultivation"
	"zjtx/internal/reward"
)

// rewardItemRow is an item as the pages show it: amounts in yuan, states
// and reasons in Chinese.
type rewardItemRow struct {
	*reward.RunItem
	Amount     string
	StatusName string
	RegionName string
}

func (w *Web) rewardItemRows(items []*reward.RunItem) []rewardItemRow {
	out := make([]rewardItemRow, len(items))
	for i, it := range items {
		out[i] = rewardItemRow{RunItem: it, Amount: reward.FormatFen(it.AmountFen), StatusName: reward.ItemZH[it.Status],
			RegionName: w.region[it.Region]}
	}
	return out
}

// rewardRunRow is a run in a list.
type rewardRunRow struct {
	*reward.Run
	Total     string
	StateName string
}

func rewardRunRowOf(r *reward.Run) rewardRunRow {
	return rewardRunRow{Run: r, Total: reward.FormatFen(r.TotalFen), StateName: reward.RunZH[r.State]}
}

// rewardPolicyRow is a policy in a list.
type rewardPolicyRow struct {
	*reward.Policy
	Amount, Budget, TierName, LevelName, ObjectName string
}

func rewardPolicyRowOf(p *reward.Policy) rewardPolicyRow {
	budget := "不限"
	if p.BudgetFen > 0 {
		budget = reward.FormatWan(p.BudgetFen)
	}
	return rewardPolicyRow{Policy: p, Amount: reward.FormatWan(p.AmountFen), Budget: budget, TierName: cultivation.TierZH[p.Tier],
		LevelName: cultivation.LevelZH[p.Level], ObjectName: reward.ObjectZH[p.Object]}
}
