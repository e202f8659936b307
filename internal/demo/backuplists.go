package demo

import (
	"context"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

// seedBackupLists fills the backup lists as the rules would (the store's
// inclusion rules, when it has them), then, as the district official
// (official), moves some 金水区 entries through the workflow and adds a few
// by hand, so every status shows on first start.
func seedBackupLists(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record, official *auth.User) error {
	for _, r := range recs {
		if err := tx.RefreshBackupListsOf(ctx, r); err != nil {
			return err
		}
	}
	octx := auth.WithCaller(ctx, official.Caller())
	// The rules' entries of 金水区, tier by tier: the first few move on.
	moves := []cultivation.Change{
		{Status: cultivation.StatusCultivating, Note: "已指定专人指导帮带，制定培育计划"},
		{Status: cultivation.StatusCultivating, Note: "对照扣分项靶向培育：研发投入"},
		{Status: cultivation.StatusToApply, Note: "研发费用与知识产权已达标，拟于本批次申报"},
		{Status: cultivation.StatusApplied, Note: "已在国家平台提交申报材料"},
		{Status: cultivation.StatusRecognized, Note: "已列入本批次认定名单"},
		{Status: cultivation.StatusRejected, Note: "评审未通过：细分市场占有率佐证不足"},
		{Status: cultivation.StatusRemoved, Note: "企业已迁出本区"},
	}
	for _, tier := range cultivation.Tiers {
		items, _, err := tx.ListBackupEntries(octx, cultivation.Filter{Tier: tier, Region: Jinshui, Limit: len(moves)})
		if err != nil {
			return err
		}
		for i, e := range items {
			if _, err := tx.ChangeBackupEntry(octx, e.EnterpriseID, tier, e.Version, moves[i]); err != nil {
				return err
			}
		}
	}
	// Added by hand: 金水区 enterprises no rule put on the 小巨人 list.
	added := 0
	for _, r := range recs {
		if added == 3 || r.Region != Jinshui || r.Tier != "srdi" {
			continue
		}
		reason := fmt.Sprintf("主导产品细分市场占有率居全国前列，区工信局推荐（第 %d 批走访）", added+1)
		if _, err := tx.AddBackupEntry(octx, r.ID, "little_giant", reason); err != nil {
			if apperr.Is(err, apperr.ECONFLICT) { // on the list already
				continue
			}
			return err
		}
		added++
	}
	return nil
}
