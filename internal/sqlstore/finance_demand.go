package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
)

// CreateFinancingDemand records an enterprise's financing demand and pushes it to
// each bank it chose as a referral with its reply and loan clocks. Only the
// enterprise posts its demands, only to partner banks it has consented to:
// a referral is a bank reading the enterprise, which needs the consent.
func (tx *Tx) CreateFinancingDemand(ctx context.Context, d *finance.Demand) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOwnEnterprise(c, d.EnterpriseID, "发布融资需求"); err != nil {
		return err
	}
	if err := d.Check(); err != nil {
		return err
	}
	region, _, tier, err := tx.enterpriseInScope(ctx, c, d.EnterpriseID)
	if err != nil {
		return err
	}
	if financeParams().CapFen(tier) == 0 {
		return apperr.Errorf(apperr.EINVALID, "本企业未持有有效的梯度称号，暂不属于专精特新贷支持范围 (enterprise_id: not eligible)")
	}
	for _, b := range d.BankIDs {
		name, err := tx.partnerBank(ctx, b)
		if err != nil {
			return apperr.Errorf(apperr.EINVALID, "bank_ids：合作银行 %d 不存在 (bank_ids: unknown partner bank %d)", b, b)
		}
		var a args
		var n int
		err = tx.queryRow(ctx, `SELECT COUNT(*) FROM enterprises e WHERE e.id = `+a.add(d.EnterpriseID)+
			` AND `+bankConsented(b, tx.now, &a), a...).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.Errorf(apperr.EINVALID, "bank_ids：请先授权%s查询本企业信息，再向其推送融资需求 (bank_ids: no live consent to bank %d)", name, b)
		}
	}
	d.Status, d.CreatedAt, d.Version = "open", tx.now, 1
	err = tx.queryRow(ctx, `INSERT INTO finance_demands (enterprise_id, amount_fen, term_months, purpose, mode, status,
		matchmaking_id, created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $8, 1)
		RETURNING id`, d.EnterpriseID, d.AmountFen, d.TermMonths, d.Purpose, d.Mode, nullInt64(d.MatchmakingID),
		c.UserID, ts(tx.now)).Scan(&d.ID)
	if err != nil {
		if violation(err) == violForeignKey {
			return apperr.Wrap(err, apperr.EINVALID, "matchmaking_id：对接会不存在")
		}
		return fmt.Errorf("sqlstore: create demand: %w", err)
	}
	if err := tx.audit(ctx, c, auditRow{action: "finance_demand.create", entity: "finance_demand",
		entityID: idText(d.ID), region: region, after: d}); err != nil {
		return err
	}
	d.Referrals = nil
	for _, b := range d.BankIDs {
		r := &finance.Referral{DemandID: d.ID, EnterpriseID: d.EnterpriseID, BankID: b, AmountFen: d.AmountFen,
			Mode: d.Mode, Status: finance.ReferralPushed, PushedAt: tx.now, Version: 1}
		r.ReplyDue, r.LoanDue = finance.Clocks(financeParams(), financeCalendar(), tx.now)
		err := tx.queryRow(ctx, `INSERT INTO referrals (demand_id, enterprise_id, bank_id, status, pushed_at, reply_due,
			loan_due, version) VALUES ($1, $2, $3, 'pushed', $4, $5, $6, 1) RETURNING id`,
			d.ID, d.EnterpriseID, b, ts(tx.now), ts(r.ReplyDue), ts(r.LoanDue)).Scan(&r.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: push referral: %w", err)
		}
		if err := tx.audit(ctx, c, auditRow{action: "referral.push", entity: "referral", entityID: idText(r.ID),
			region: region, after: r}); err != nil {
			return err
		}
		d.Referrals = append(d.Referrals, r)
	}
	return nil
}

// ReferralFilter filters referrals.
type ReferralFilter struct {
	EnterpriseID  int64
	Status        string
	Overdue       bool // only those past a clock
	Limit, Offset int
}

const referralColumns = `r.id, r.demand_id, r.enterprise_id, e.name, e.region, r.bank_id, i.name, d.amount_fen, d.mode,
	r.status, r.pushed_at, r.reply_due, r.loan_due, r.answered_at, r.reason, r.lent_at, r.version`

const referralFrom = ` FROM referrals r JOIN finance_demands d ON d.id = r.demand_id
	JOIN enterprises e ON e.id = r.enterprise_id JOIN institutions i ON i.id = r.bank_id`

func scanReferral(row scanner) (*finance.Referral, error) {
	var r finance.Referral
	err := row.Scan(&r.ID, &r.DemandID, &r.EnterpriseID, &r.EnterpriseNm, &r.Region, &r.BankID, &r.BankName, &r.AmountFen,
		&r.Mode, &r.Status, timeCol{&r.PushedAt}, timeCol{&r.ReplyDue}, timeCol{&r.LoanDue}, optTimeCol{&r.AnsweredAt},
		&r.Reason, optTimeCol{&r.LentAt}, &r.Version)
	return &r, err
}

// ownedScope limits a bank's own records (alias x, with enterprise e) to
// its bank and to enterprises that still consent to it; others by the
// enterprise scope. A revoked consent hides even the bank's own referrals.
func ownedScope(c auth.Caller, alias string, a *args) string {
	s := enterpriseScope(c, a)
	if c.Role == auth.RoleBank {
		s = alias + ".bank_id = " + a.add(c.InstitutionID) + " AND " + s
	}
	return s
}

// ListReferrals lists referrals in the caller's scope, most urgent first,
// each marked with the clock it has overrun.
func (tx *Tx) ListReferrals(ctx context.Context, f ReferralFilter) ([]*finance.Referral, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := []string{ownedScope(c, "r", &a)}
	if f.EnterpriseID != 0 {
		conds = append(conds, "r.enterprise_id = "+a.add(f.EnterpriseID))
	}
	if f.Status != "" {
		conds = append(conds, "r.status = "+a.add(f.Status))
	}
	if f.Overdue {
		now := a.add(ts(tx.now))
		conds = append(conds, "((r.status = 'pushed' AND r.reply_due < "+now+") OR (r.status IN ('pushed', 'accepted') AND r.loan_due < "+now+"))")
	}
	w := where(conds...)
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*)`+referralFrom+w, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list referrals: %w", err)
	}
	limit, offset := page(f.Limit, f.Offset)
	rows, err := tx.query(ctx, `SELECT `+referralColumns+referralFrom+w+` ORDER BY r.reply_due, r.id LIMIT `+
		a.add(limit)+` OFFSET `+a.add(offset), a...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list referrals: %w", err)
	}
	defer rows.Close()
	var out []*finance.Referral
	for rows.Next() {
		r, err := scanReferral(rows)
		if err != nil {
			return nil, 0, err
		}
		r.Overdue = r.OverdueAt(tx.now)
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// GetReferral returns one referral in the caller's scope.
func (tx *Tx) GetReferral(ctx context.Context, id int64) (*finance.Referral, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	r, err := scanReferral(tx.queryRow(ctx, `SELECT `+referralColumns+referralFrom+` WHERE r.id = `+a.add(id)+
		and(ownedScope(c, "r", &a)), a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: referral %d: %w", id, notFound(err, "推送记录不存在"))
	}
	r.Overdue = r.OverdueAt(tx.now)
	return r, nil
}

// AnswerReferral records the bank's answer (accepted, or declined with a
// reason) to a referral it read at version.
func (tx *Tx) AnswerReferral(ctx context.Context, id, version int64, answer, reason string) (*finance.Referral, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireBank(c); err != nil {
		return nil, err
	}
	r, err := tx.GetReferral(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := r.CanAnswer(answer, reason); err != nil {
		return nil, err
	}
	before := *r
	res, err := tx.exec(ctx, `UPDATE referrals SET status = $1, reason = $2, answered_at = $3, answered_by = $4,
		version = version + 1 WHERE id = $5 AND version = $6`, answer, reason, ts(tx.now), c.UserID, id, version)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: answer referral: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, errStaleRecord()
	}
	now := tx.now
	r.Status, r.Reason, r.AnsweredAt, r.Version, r.Overdue = answer, reason, &now, version+1, ""
	return r, tx.audit(ctx, c, auditRow{action: "referral.answer", entity: "referral", entityID: idText(id),
		region: r.Region, before: before, after: r})
}

func errStaleRecord() error {
	return apperr.Errorf(apperr.ECONFLICT, "该记录已被他人修改，请刷新后重试 (version: stale)")
}

// CreateFinancingDemand is Tx.CreateFinancingDemand in its own transaction.
func (s *Store) CreateFinancingDemand(ctx context.Context, d *finance.Demand) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateFinancingDemand(ctx, d) })
}

// ListReferrals is Tx.ListReferrals in a read transaction.
func (s *Store) ListReferrals(ctx context.Context, f ReferralFilter) (out []*finance.Referral, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, total, err = tx.ListReferrals(ctx, f); return err })
	return out, total, err
}

// AnswerReferral is Tx.AnswerReferral in its own transaction.
func (s *Store) AnswerReferral(ctx context.Context, id, version int64, answer, reason string) (r *finance.Referral, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { r, err = tx.AnswerReferral(ctx, id, version, answer, reason); return err })
	return r, err
}
