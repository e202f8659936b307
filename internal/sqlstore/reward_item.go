package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/reward"
)

// rewardItemFilter selects items; the caller's enterprise scope always
// applies.
type rewardItemFilter struct {
	runID  int64
	itemID int64
}

const rewardItemColumns = `i.id, i.run_id, i.subject, i.subject_id, i.award, i.holder, COALESCE(i.enterprise_id, 0),
	COALESCE(i.recognition_id, 0), COALESCE(e.name, i.payee), COALESCE(e.uscc, ''), i.region, i.amount_fen, i.status,
	i.reason, i.reason_text, i.explanation, i.claimed, COALESCE(ac.account_no, ''), COALESCE(ac.bank, ''), i.version,
	p.name, r.state, p.year`

// An item without a payee (a maker team) has no enterprise: the join is
// outer, and the scope reads the item's own district.
const rewardItemFrom = ` FROM reward_items i LEFT JOIN enterprises e ON e.id = i.enterprise_id
	JOIN reward_runs r ON r.id = i.run_id JOIN reward_policies p ON p.id = r.policy_id
	LEFT JOIN reward_accounts ac ON ac.id = i.account_id`

// publishedRunStates are the runs an enterprise sees its items of: from 公示
// on, when the list is public. Drafts and reviews are the bureau's work.
var publishedRunStates = []string{reward.RunPublicizing, reward.RunPublicized, reward.RunConfirming,
	reward.RunExported, reward.RunPaid}

func scanRewardItem(row scanner) (*reward.RunItem, error) {
	var it reward.RunItem
	var account string
	if err := row.Scan(&it.ID, &it.RunID, &it.Subject, &it.SubjectID, &it.Award, &it.Holder, &it.EnterpriseID,
		&it.RecognitionID, &it.Name, &it.USCC, &it.Region,
		&it.AmountFen, &it.Status, &it.Reason, &it.ReasonText, &it.Explanation, &it.Claimed, &account, &it.Bank,
		&it.Version, &it.PolicyName, &it.RunState, &it.Year); err != nil {
		return nil, err
	}
	if account != "" {
		it.AccountMasked = reward.Mask(account)
	}
	return &it, nil
}

// rewardItemScope is the enterprise scope, and for enterprises only the
// runs that are public. A district official's scope is the item's
// district (the payee's, or the carrier's, cluster's or entry's), which
// an item without an enterprise has as well.
func rewardItemScope(c auth.Caller, a *args) string {
	if c.Role == auth.RoleDistrict {
		if c.Region == "" {
			return "FALSE"
		}
		return "i.region = " + a.add(c.Region)
	}
	cond := bureauScope(c, a)
	if c.Role == auth.RoleEnterprise {
		cond += " AND r.state IN (" + inList(a, publishedRunStates) + ")"
	}
	return cond
}

func (tx *Tx) rewardItems(ctx context.Context, c auth.Caller, f rewardItemFilter) ([]*reward.RunItem, error) {
	var a args
	conds := []string{rewardItemScope(c, &a)}
	if f.runID != 0 {
		conds = append(conds, "i.run_id = "+a.add(f.runID))
	}
	if f.itemID != 0 {
		conds = append(conds, "i.id = "+a.add(f.itemID))
	}
	rows, err := tx.query(ctx, `SELECT `+rewardItemColumns+rewardItemFrom+where(conds...)+
		` ORDER BY r.id DESC, i.status, e.uscc`, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*reward.RunItem
	for rows.Next() {
		it, err := scanRewardItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// ListRewardItems returns the items in the caller's scope across runs: an
// enterprise's every reward it was or was not on the list for, and why.
func (s *Store) ListRewardItems(ctx context.Context) (out []*reward.RunItem, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		out, err = tx.rewardItems(ctx, c, rewardItemFilter{})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list reward items: %w", err)
	}
	return out, nil
}

// getRewardItem returns an item in the caller's scope.
func (tx *Tx) getRewardItem(ctx context.Context, c auth.Caller, id int64) (*reward.RunItem, error) {
	list, err := tx.rewardItems(ctx, c, rewardItemFilter{itemID: id})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, apperr.Errorf(apperr.ENOTFOUND, "兑现名单条目不存在或无权查看")
	}
	return list[0], nil
}

// setItemStatus moves an item from its version to status (and the claim
// with it), and audits the change.
func (tx *Tx) setItemStatus(ctx context.Context, c auth.Caller, it *reward.RunItem, status, reasonText string, claimed bool) error {
	before := *it
	res, err := tx.exec(ctx, `UPDATE reward_items SET status = $1, reason_text = CASE WHEN $2 = '' THEN reason_text ELSE $2 END,
		claimed = $3, version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6`,
		status, reasonText, claimed, ts(tx.now), it.ID, it.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "该条目已被他人修改，请刷新后重试")
	}
	it.Status, it.Claimed, it.Version = status, claimed, it.Version+1
	if reasonText != "" {
		it.ReasonText = reasonText
	}
	return tx.audit(ctx, c, auditRow{action: "reward_item." + status, entity: "reward_item",
		entityID: strconv.FormatInt(it.ID, 10), region: it.Region, before: itemAudit(&before), after: itemAudit(it)})
}

func itemAudit(it *reward.RunItem) map[string]any {
	return map[string]any{"run_id": it.RunID, "enterprise_id": it.EnterpriseID, "status": it.Status,
		"amount_fen": it.AmountFen, "claimed": it.Claimed, "reason_text": it.ReasonText, "version": it.Version}
}
