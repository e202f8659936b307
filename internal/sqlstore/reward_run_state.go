package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/reward"
	"zjtx/internal/workday"
)

// RunChange is an action on a run with what it carries.
type RunChange struct {
	Action   string // reward.Act*
	Version  int64  // the run's version the caller read
	Opinion  string // review opinion (approve, return)
	NoticeNo string // 公示 notice number (publicize)
	Days     int    // 公示 window in working days, 5 to 7 (publicize; 0: the default)
	Reason   string // why (cancel)
}

// ChangeRewardRun applies an action to a run made from its version, in one
// transaction with its audit row. City officials only; the approver must
// not be the preparer.
func (s *Store) ChangeRewardRun(ctx context.Context, id int64, ch RunChange) (r *reward.Run, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		r, err = tx.ChangeRewardRun(ctx, id, ch)
		return err
	})
	return r, err
}

// ChangeRewardRun is Store.ChangeRewardRun in tx.
func (tx *Tx) ChangeRewardRun(ctx context.Context, id int64, ch RunChange) (*reward.Run, error) {
	r, err := tx.changeRewardRun(ctx, id, ch)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %s reward run %d: %w", ch.Action, id, err)
	}
	return r, nil
}

func (tx *Tx) changeRewardRun(ctx context.Context, id int64, ch RunChange) (*reward.Run, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireCity(c); err != nil {
		return nil, err
	}
	if ch.Version == 0 {
		return nil, apperr.Errorf(apperr.EPRECONDITION, "操作兑现批次须注明所依据的版本（version）")
	}
	r, err := tx.getRewardRun(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if r.Version != ch.Version {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该兑现批次已被他人修改，请刷新后重试")
	}
	before := runAudit(r, 0)
	next, err := reward.Next(r.State, ch.Action)
	if err != nil {
		return nil, err
	}
	if err := tx.applyRunChange(ctx, c, r, ch); err != nil {
		return nil, err
	}
	r.State, r.Version, r.UpdatedAt = next, r.Version+1, tx.now
	res, err := tx.exec(ctx, `UPDATE reward_runs SET state = $1, approved_by = $2, approved_at = $3, opinion = $4, notice_no = $5,
		publicity_from = $6, publicity_to = $7, cancel_reason = $8, version = $9, updated_at = $10,
		total_fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM reward_items WHERE run_id = $11 AND status IN (`+
		strings.Join(quoted(payableStatuses), ", ")+`))
		WHERE id = $11 AND version = $12`,
		r.State, nullInt64(r.ApprovedBy), nullTS(r.ApprovedAt), r.Opinion, r.NoticeNo, nullString(r.PublicityFrom),
		nullString(r.PublicityTo), r.CancelReason, r.Version, ts(tx.now), r.ID, ch.Version)
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, err
	} else if n != 1 {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该兑现批次已被他人修改，请刷新后重试")
	}
	if err := tx.queryRow(ctx, `SELECT total_fen FROM reward_runs WHERE id = $1`, r.ID).Scan(&r.TotalFen); err != nil {
		return nil, err
	}
	return r, tx.audit(ctx, c, auditRow{action: "reward_run." + ch.Action, entity: "reward_run",
		entityID: strconv.FormatInt(r.ID, 10), before: before, after: runAudit(r, 0)})
}

// payableStatuses are the item statuses a run's total counts: what is to be
// paid, was paid, or failed and is still owed.
var payableStatuses = []string{reward.ItemProposed, reward.ItemConfirmed, reward.ItemExported, reward.ItemPaid, reward.ItemFailed}

// quoted returns constant statuses as SQL literals (they are ours, not input).
func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "'" + s + "'"
	}
	return out
}

// applyRunChange does what an action does besides the state: checks and
// the items' changes.
func (tx *Tx) applyRunChange(ctx context.Context, c auth.Caller, r *reward.Run, ch RunChange) error {
	switch ch.Action {
	case reward.ActApprove:
		if c.UserID == r.PreparedBy {
			return apperr.Errorf(apperr.EFORBIDDEN, "试算人不能审核本人准备的兑现批次，须由另一名市工信局工作人员审核")
		}
		r.ApprovedBy, r.ApprovedAt, r.Opinion = c.UserID, tx.now, strings.TrimSpace(ch.Opinion)
		return tx.claimRun(ctx, r)
	case reward.ActReturn:
		if c.UserID == r.PreparedBy {
			return apperr.Errorf(apperr.EFORBIDDEN, "试算人不能审核本人准备的兑现批次")
		}
		r.Opinion = strings.TrimSpace(ch.Opinion)
		if r.Opinion == "" {
			return apperr.Errorf(apperr.EINVALID, "退回须填写审核意见（opinion）")
		}
	case reward.ActPublicize:
		r.NoticeNo = strings.TrimSpace(ch.NoticeNo)
		if r.NoticeNo == "" {
			return apperr.Errorf(apperr.EINVALID, "发布公示须填写公示文号（notice_no）")
		}
		days := ch.Days
		if days == 0 {
			days = reward.DefaultPublicityDays
		}
		if days < reward.MinPublicityDays || days > reward.MaxPublicityDays {
			return apperr.Errorf(apperr.EINVALID, "公示期须为 %d 至 %d 个工作日（days）", reward.MinPublicityDays, reward.MaxPublicityDays)
		}
		now := tx.now.In(cst)
		r.PublicityFrom = workday.DayOf(now).String()
		r.PublicityTo = workday.DayOf(workday.Default().Add(now, days)).String()
	case reward.ActClose:
		if tx.now.In(cst).Format("2006-01-02") <= r.PublicityTo {
			return apperr.Errorf(apperr.ECONFLICT, "公示期至 %s 结束，届满后方可结束公示", r.PublicityTo)
		}
		var open int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM reward_objections o JOIN reward_items i ON i.id = o.item_id
			WHERE i.run_id = $1 AND o.outcome = ''`, r.ID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return apperr.Errorf(apperr.ECONFLICT, "尚有 %d 件异议未处理，处理后方可结束公示", open)
		}
	case reward.ActExport:
		// Confirmed items go on the list; those never confirmed lapse and free
		// their recognition for a later run.
		if _, err := tx.exec(ctx, `UPDATE reward_items SET status = $1, version = version + 1, updated_at = $2
			WHERE run_id = $3 AND status = $4`, reward.ItemExported, ts(tx.now), r.ID, reward.ItemConfirmed); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE reward_items SET status = $1, claimed = FALSE, version = version + 1, updated_at = $2
			WHERE run_id = $3 AND status = $4`, reward.ItemLapsed, ts(tx.now), r.ID, reward.ItemProposed); err != nil {
			return err
		}
	case reward.ActCancel:
		r.CancelReason = strings.TrimSpace(ch.Reason)
		if r.CancelReason == "" {
			return apperr.Errorf(apperr.EINVALID, "撤销兑现批次须说明理由（reason）")
		}
		if _, err := tx.exec(ctx, `UPDATE reward_items SET claimed = FALSE, version = version + 1, updated_at = $1
			WHERE run_id = $2 AND claimed`, ts(tx.now), r.ID); err != nil {
			return err
		}
	}
	return nil
}

// claimRun claims the recognitions of a run's proposed items. The unique
// index reward_items_claim refuses a recognition claimed by another run of
// the group: the second of two runs approved at once fails here, whatever
// the dry runs saw. An imported earlier payment of the same recognition is
// checked in the same transaction.
func (tx *Tx) claimRun(ctx context.Context, r *reward.Run) error {
	var dup string
	err := tx.queryRow(ctx, `SELECT e.name FROM reward_items i JOIN enterprises e ON e.id = i.enterprise_id
		JOIN reward_payments pay ON pay.enterprise_id = i.enterprise_id AND pay.dedupe_group = i.dedupe_group
			AND pay.recognition_id = i.recognition_id AND pay.source = 'import' AND pay.result = 'paid'
		WHERE i.run_id = $1 AND i.status = $2 LIMIT 1`, r.ID, reward.ItemProposed).Scan(&dup)
	if err == nil {
		return apperr.Errorf(apperr.ECONFLICT, "%s 的该项认定已有历史兑付记录（从高不重复），请撤销本批次并重新试算", dup)
	}
	if err := notFound(err, ""); !apperr.Is(err, apperr.ENOTFOUND) {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE reward_items SET claimed = TRUE, version = version + 1, updated_at = $1
		WHERE run_id = $2 AND status = $3`, ts(tx.now), r.ID, reward.ItemProposed)
	if violation(err) == violUnique {
		return apperr.Wrap(err, apperr.ECONFLICT, "名单中有企业的同一认定已在其他兑现批次审核通过（从高不重复），请撤销本批次并重新试算")
	}
	return err
}
