package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/reward"
)

// GetRewardAccount returns the confirmed account of an enterprise in the
// caller's scope, masked, or ENOTFOUND.
func (s *Store) GetRewardAccount(ctx context.Context, enterpriseID int64) (ac *reward.Account, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		ac, err = tx.rewardAccount(ctx, c, enterpriseID)
		if err == nil && ac == nil {
			err = apperr.Errorf(apperr.ENOTFOUND, "尚未确认收款账户")
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get reward account: %w", err)
	}
	return ac, nil
}

// rewardAccount returns the account of an enterprise in c's scope, or nil.
func (tx *Tx) rewardAccount(ctx context.Context, c auth.Caller, enterpriseID int64) (*reward.Account, error) {
	var a args
	var ac reward.Account
	err := tx.queryRow(ctx, `SELECT ac.id, ac.enterprise_id, ac.holder, ac.bank, ac.account_no, ac.version
		FROM reward_accounts ac JOIN enterprises e ON e.id = ac.enterprise_id
		WHERE ac.enterprise_id = `+a.add(enterpriseID)+and(bureauScope(c, &a)), a...).
		Scan(&ac.ID, &ac.EnterpriseID, &ac.Holder, &ac.Bank, &ac.AccountNo, &ac.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ac.Masked = reward.Mask(ac.AccountNo)
	return &ac, nil
}

// SaveRewardAccount records the enterprise's own bank account for rewards.
// Only the enterprise itself confirms it, and the holder must be the
// enterprise's registered name: money goes to the enterprise, never to a
// person or another company.
func (s *Store) SaveRewardAccount(ctx context.Context, ac *reward.Account) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SaveRewardAccount(ctx, ac) })
}

// SaveRewardAccount is Store.SaveRewardAccount in tx.
func (tx *Tx) SaveRewardAccount(ctx context.Context, ac *reward.Account) error {
	err := func() error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if c.Role != auth.RoleEnterprise || c.EnterpriseID != ac.EnterpriseID {
			return apperr.Errorf(apperr.EFORBIDDEN, "收款账户只能由企业本身确认")
		}
		ent, err := tx.getEnterprise(ctx, c, "e.id", ac.EnterpriseID)
		if err != nil {
			return err
		}
		if err := checkAccount(ac, ent.Name); err != nil {
			return err
		}
		old, err := tx.rewardAccount(ctx, c, ac.EnterpriseID)
		if err != nil {
			return err
		}
		var before any
		if old == nil {
			ac.Version = 1
			err = tx.queryRow(ctx, `INSERT INTO reward_accounts (enterprise_id, holder, bank, account_no, confirmed_by, version,
				created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id`,
				ac.EnterpriseID, ac.Holder, ac.Bank, ac.AccountNo, nullInt64(c.UserID), ts(tx.now)).Scan(&ac.ID)
		} else {
			if ac.Version != old.Version {
				return apperr.Errorf(apperr.ECONFLICT, "收款账户已被修改，请刷新后重试（version）")
			}
			before, ac.ID, ac.Version = old, old.ID, old.Version+1
			_, err = tx.exec(ctx, `UPDATE reward_accounts SET holder = $1, bank = $2, account_no = $3, confirmed_by = $4,
				version = $5, updated_at = $6 WHERE id = $7 AND version = $8`,
				ac.Holder, ac.Bank, ac.AccountNo, nullInt64(c.UserID), ac.Version, ts(tx.now), ac.ID, old.Version)
		}
		if err != nil {
			return err
		}
		ac.Masked = reward.Mask(ac.AccountNo)
		// The audit row keeps the masked number (AccountNo is not marshalled).
		return tx.audit(ctx, c, auditRow{action: "reward_account.save", entity: "enterprise",
			entityID: strconv.FormatInt(ac.EnterpriseID, 10), region: ent.Region, before: before, after: ac})
	}()
	if err != nil {
		return fmt.Errorf("sqlstore: save reward account: %w", err)
	}
	return nil
}

// checkAccount normalises ac and refuses it with every bad field.
func checkAccount(ac *reward.Account, name string) error {
	ac.Holder, ac.Bank = strings.TrimSpace(ac.Holder), strings.TrimSpace(ac.Bank)
	ac.AccountNo = strings.Join(strings.Fields(ac.AccountNo), "")
	var bad []string
	if ac.Holder != name {
		bad = append(bad, "户名须与企业名称“"+name+"”一致（holder）")
	}
	if ac.Bank == "" {
		bad = append(bad, "开户行不能为空（bank）")
	}
	digits := len(ac.AccountNo) >= 8 && len(ac.AccountNo) <= 32
	for _, r := range ac.AccountNo {
		digits = digits && r >= '0' && r <= '9'
	}
	if !digits {
		bad = append(bad, "账号须为 8 至 32 位数字（account_no）")
	}
	if len(bad) > 0 {
		return apperr.Errorf(apperr.EINVALID, "收款账户有误：%s", strings.Join(bad, "；"))
	}
	return nil
}

// ItemChange is what an enterprise or an official does to one item.
type ItemChange struct {
	Action  string // confirm, waive
	Version int64
	Pledge  bool // 承诺书 accepted (confirm)
}

// ChangeRewardItem confirms or waives an item: the enterprise itself, on
// its own item, while its run is in 确认中.
func (s *Store) ChangeRewardItem(ctx context.Context, id int64, ch ItemChange) (it *reward.RunItem, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		it, err = tx.ChangeRewardItem(ctx, id, ch)
		return err
	})
	return it, err
}

// ChangeRewardItem is Store.ChangeRewardItem in tx.
func (tx *Tx) ChangeRewardItem(ctx context.Context, id int64, ch ItemChange) (it *reward.RunItem, err error) {
	err = func() error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if c.Role != auth.RoleEnterprise {
			return apperr.Errorf(apperr.EFORBIDDEN, "只有企业本身可以确认或放弃奖励")
		}
		if it, err = tx.getRewardItem(ctx, c, id); err != nil {
			return err
		}
		if it.RunState != reward.RunConfirming {
			return apperr.Errorf(apperr.ECONFLICT, "兑现批次处于“%s”，现在不能确认或放弃", reward.RunZH[it.RunState])
		}
		if it.Status != reward.ItemProposed {
			return apperr.Errorf(apperr.ECONFLICT, "该条目为“%s”，不能再确认或放弃", reward.ItemZH[it.Status])
		}
		if ch.Version != it.Version {
			return apperr.Errorf(apperr.ECONFLICT, "该条目已被修改，请刷新后重试（version）")
		}
		switch ch.Action {
		case "confirm":
			if !ch.Pledge {
				return apperr.Errorf(apperr.EINVALID, "确认领取须同意承诺书（pledge）")
			}
			ac, err := tx.rewardAccount(ctx, c, it.EnterpriseID)
			if err != nil {
				return err
			}
			if ac == nil {
				return apperr.Errorf(apperr.EINVALID, "请先确认收款账户（account）")
			}
			if _, err := tx.exec(ctx, `UPDATE reward_items SET account_id = $1, confirmed_at = $2, pledge = TRUE WHERE id = $3`,
				ac.ID, ts(tx.now), it.ID); err != nil {
				return err
			}
			it.Bank, it.AccountMasked = ac.Bank, ac.Masked
			return tx.setItemStatus(ctx, c, it, reward.ItemConfirmed, "", true)
		case "waive":
			if err := tx.setItemStatus(ctx, c, it, reward.ItemWaived, "企业声明放弃", false); err != nil {
				return err
			}
			return tx.refreshRunTotal(ctx, it.RunID)
		}
		return apperr.Errorf(apperr.EINVALID, "未知的操作：%s（action）", ch.Action)
	}()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: change reward item %d: %w", id, err)
	}
	return it, nil
}

// refreshRunTotal sets a run's total to the sum of its payable items.
func (tx *Tx) refreshRunTotal(ctx context.Context, runID int64) error {
	_, err := tx.exec(ctx, `UPDATE reward_runs SET total_fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM reward_items
		WHERE run_id = $1 AND status IN (`+strings.Join(quoted(payableStatuses), ", ")+`)) WHERE id = $1`, runID)
	return err
}
