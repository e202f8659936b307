package demo

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
	"zjtx/internal/targets"
)

// cityTargets2025 are the plan's targets (二、发展目标): 20 new 小巨人, 300
// 省级专精特新, 500 创新型.
var cityTargets2025 = map[string]int{"little_giant": 20, "srdi": 300, "innovative": 500}

// seedTargets sets the city's targets of 2025 as the plan gives them and of
// 2026 by 三年倍增 (targets.Doubling), and each year's district shares in
// proportion to the district's demo enterprises, so completion, forecast,
// ranking and quotas have numbers on first start. Recognitions of the demo
// fall in both years (batchAges), so both have completion.
func seedTargets(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record) error {
	weights := map[string]int{}
	for _, r := range recs {
		weights[r.Region]++
	}
	for _, tier := range targets.Tiers {
		t25 := cityTargets2025[tier]
		years := []struct {
			year, n int
			basis   string
		}{
			{2025, t25, "《2025年郑州市专精特新企业梯度培育实施方案》二、发展目标"},
			{2026, targets.Doubling(t25), fmt.Sprintf("三年倍增：2025 年目标 %d × ∛2，向上取整", t25)},
		}
		for _, y := range years {
			if err := tx.SetTarget(ctx, &targets.Target{Year: y.year, Tier: tier, Region: targets.CityRegion, Target: y.n, Basis: y.basis}); err != nil {
				return err
			}
			shares := targets.Split(y.n, weights)
			for _, region := range slices.Sorted(maps.Keys(shares)) {
				t := &targets.Target{Year: y.year, Tier: tier, Region: region, Target: shares[region], Basis: "按全市目标、以各区县企业数为权重分解（演示）"}
				if err := tx.SetTarget(ctx, t); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
