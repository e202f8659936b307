package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/reward"
)

// RewardPaymentRows returns the payment list (拨付清单) of a run in the
// caller's scope: the items exported for payment, with the account number
// in full — the one place it appears. Officials only, once exported.
func (s *Store) RewardPaymentRows(ctx context.Context, runID int64) (run *reward.Run, out []reward.PaymentRow, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if err := requireOfficial(c, "导出拨付清单"); err != nil {
			return err
		}
		if run, err = tx.getRewardRun(ctx, c, runID); err != nil {
			return err
		}
		if run.State != reward.RunExported && run.State != reward.RunPaid {
			return apperr.Errorf(apperr.ECONFLICT, "兑现批次处于“%s”，导出拨付清单后方可下载", reward.RunZH[run.State])
		}
		var a args
		rows, err := tx.query(ctx, `SELECT i.id, e.name, e.uscc, ac.bank, ac.account_no, i.amount_fen, p.name, p.doc_no, g.name
			FROM reward_items i JOIN enterprises e ON e.id = i.enterprise_id JOIN regions g ON g.code = e.region
			JOIN reward_runs r ON r.id = i.run_id JOIN reward_policies p ON p.id = r.policy_id
			JOIN reward_accounts ac ON ac.id = i.account_id
			WHERE i.run_id = `+a.add(runID)+` AND i.status IN (`+inList(&a, []string{reward.ItemExported, reward.ItemPaid, reward.ItemFailed})+`)`+
			and(bureauScope(c, &a))+` ORDER BY g.sort_order, e.uscc`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var pr reward.PaymentRow
			if err := rows.Scan(&pr.ItemID, &pr.Name, &pr.USCC, &pr.Bank, &pr.AccountNo, &pr.AmountFen, &pr.Policy,
				&pr.DocNo, &pr.Region); err != nil {
				return err
			}
			out = append(out, pr)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: reward payment list %d: %w", runID, err)
	}
	return run, out, nil
}

// PaymentResult is the outcome of one item's payment.
type PaymentResult struct {
	ItemID  int64  `json:"item_id"`
	Result  string `json:"result"` // paid, failed
	PaidOn  string `json:"paid_on"`
	Voucher string `json:"voucher"`
	Failure string `json:"failure"`
}

// RecordRewardPayments records the payments of exported items (a bank's
// result, or an official marking items), one payment row and one audit row
// each; the run is 已拨付 once no item waits for its result. A failed item
// can be recorded paid later. City officials only.
func (s *Store) RecordRewardPayments(ctx context.Context, runID int64, results []PaymentResult) (run *reward.Run, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		run, err = tx.RecordRewardPayments(ctx, runID, results)
		return err
	})
	return run, err
}

// RecordRewardPayments is Store.RecordRewardPayments in tx.
func (tx *Tx) RecordRewardPayments(ctx context.Context, runID int64, results []PaymentResult) (run *reward.Run, err error) {
	err = func() error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if err := requireCity(c); err != nil {
			return err
		}
		if run, err = tx.getRewardRun(ctx, c, runID); err != nil {
			return err
		}
		// A paid run still takes the result of an item whose payment failed
		// and was made again.
		if run.State != reward.RunExported && run.State != reward.RunPaid {
			return apperr.Errorf(apperr.ECONFLICT, "兑现批次处于“%s”，不能登记拨付结果", reward.RunZH[run.State])
		}
		p, err := tx.getRewardPolicy(ctx, c, run.PolicyID)
		if err != nil {
			return err
		}
		for i, res := range results {
			if err := tx.recordPayment(ctx, run, p, res); err != nil {
				return fmt.Errorf("第 %d 条（item %d）：%w", i+1, res.ItemID, err)
			}
		}
		var waiting int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM reward_items WHERE run_id = $1 AND status = $2`,
			runID, reward.ItemExported).Scan(&waiting); err != nil {
			return err
		}
		if waiting == 0 && run.State == reward.RunExported {
			run, err = tx.changeRewardRun(ctx, runID, RunChange{Action: reward.ActPaid, Version: run.Version})
		}
		return err
	}()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: record reward payments %d: %w", runID, err)
	}
	return run, nil
}

func (tx *Tx) recordPayment(ctx context.Context, run *reward.Run, p *reward.Policy, res PaymentResult) error {
	c, _ := callerFrom(ctx)
	it, err := tx.getRewardItem(ctx, c, res.ItemID)
	if err != nil {
		return err
	}
	if it.RunID != run.ID || (it.Status != reward.ItemExported && it.Status != reward.ItemFailed) {
		return apperr.Errorf(apperr.ECONFLICT, "该条目不在本批次的拨付清单中，或已拨付")
	}
	res.Voucher, res.Failure = strings.TrimSpace(res.Voucher), strings.TrimSpace(res.Failure)
	switch res.Result {
	case reward.ItemPaid:
		if res.PaidOn == "" || res.Voucher == "" {
			return apperr.Errorf(apperr.EINVALID, "已拨付须填写拨付日期和凭证号（paid_on, voucher）")
		}
		if _, err := time.Parse(time.DateOnly, res.PaidOn); err != nil {
			return apperr.Errorf(apperr.EINVALID, "拨付日期须为 YYYY-MM-DD（paid_on）")
		}
	case reward.ItemFailed:
		if res.Failure == "" {
			return apperr.Errorf(apperr.EINVALID, "拨付失败须说明原因（failure）")
		}
		res.PaidOn = ""
	default:
		return apperr.Errorf(apperr.EINVALID, "结果须为 paid 或 failed（result）")
	}
	if _, err := tx.exec(ctx, `INSERT INTO reward_payments (item_id, enterprise_id, recognition_id, dedupe_group, policy_name, year,
		amount_fen, result, paid_on, voucher, failure, source, recorded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'run', $12, $13)`,
		it.ID, it.EnterpriseID, it.RecognitionID, p.DedupeGroup, p.Name, p.Year, it.AmountFen, res.Result,
		nullString(res.PaidOn), res.Voucher, res.Failure, c.UserID, ts(tx.now)); err != nil {
		return err
	}
	text := ""
	if res.Result == reward.ItemFailed {
		text = "拨付失败：" + res.Failure
	}
	return tx.setItemStatus(ctx, c, it, res.Result, text, true)
}

// ImportResult is what an import of earlier payments did.
type ImportResult struct {
	Rows    int               `json:"rows"`
	Created int               `json:"created"`
	Errors  []reward.RowError `json:"errors"`
}

// ImportEarlierPayments records rewards paid before or outside ZJTX, so
// that 从高不重复 holds across years and systems. Rows are matched by USCC
// (and the recognition of their tier and year when there is one); a row
// that does not match is reported, never dropped; nothing is stored when
// any row is bad. City officials only.
func (s *Store) ImportEarlierPayments(ctx context.Context, rows []reward.EarlierPayment) (res ImportResult, err error) {
	res.Rows = len(rows)
	err = s.WithTx(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if err := requireCity(c); err != nil {
			return err
		}
		type found struct {
			eid, rec int64
			region   string
		}
		var ok []found
		for i, r := range rows {
			var f found
			err := tx.queryRow(ctx, `SELECT id, region FROM enterprises WHERE uscc = $1`, r.USCC).Scan(&f.eid, &f.region)
			if errors.Is(err, sql.ErrNoRows) {
				res.Errors = append(res.Errors, reward.RowError{Row: r.Row, Field: "uscc", Column: "统一社会信用代码",
					Message: "未能匹配平台上的企业：" + r.USCC, MessageEN: "no enterprise with this USCC"})
				continue
			}
			if err != nil {
				return err
			}
			if r.DedupeGroup == "" {
				err := tx.queryRow(ctx, `SELECT dedupe_group FROM reward_policies WHERE tier = $1 AND object = 'enterprise'
					ORDER BY year DESC, id LIMIT 1`, r.Tier).Scan(&rows[i].DedupeGroup)
				if errors.Is(err, sql.ErrNoRows) {
					res.Errors = append(res.Errors, reward.RowError{Row: r.Row, Field: "tier", Column: "梯度",
						Message: "该梯度没有对应的奖励政策组", MessageEN: "no reward policy group for this tier"})
					continue
				}
				if err != nil {
					return err
				}
			}
			err = tx.queryRow(ctx, `SELECT id FROM recognitions WHERE enterprise_id = $1 AND tier = $2
				AND recognized_on >= $3 AND recognized_on <= $4 ORDER BY recognized_on LIMIT 1`, f.eid, r.Tier,
				fmt.Sprintf("%04d-01-01", r.Year), fmt.Sprintf("%04d-12-31", r.Year)).Scan(&f.rec)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			ok = append(ok, f)
		}
		if len(res.Errors) > 0 {
			return nil
		}
		for i, r := range rows {
			var id int64
			if err := tx.queryRow(ctx, `INSERT INTO reward_payments (enterprise_id, recognition_id, dedupe_group, policy_name, year,
				amount_fen, result, paid_on, voucher, source, recorded_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, 'paid', $7, $8, 'import', $9, $10) RETURNING id`,
				ok[i].eid, nullInt64(ok[i].rec), r.DedupeGroup, r.PolicyName, r.Year, r.AmountFen, nullDate(r.PaidOn),
				r.Voucher, c.UserID, ts(tx.now)).Scan(&id); err != nil {
				return err
			}
			if err := tx.audit(ctx, c, auditRow{action: "reward_payment.import", entity: "enterprise",
				entityID: strconv.FormatInt(ok[i].eid, 10), region: ok[i].region, after: r}); err != nil {
				return err
			}
			res.Created++
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("sqlstore: import earlier reward payments: %w", err)
	}
	return res, nil
}
