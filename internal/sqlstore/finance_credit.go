package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
)

// roomFor locks enterprise id for the rest of the transaction and returns
// its cap and what all banks use of it. The no-op UPDATE takes the row lock
// on PostgreSQL (SQLite's single writer already serialises), so two banks
// granting at once cannot together pass the cap.
func (tx *Tx) roomFor(ctx context.Context, c auth.Caller, id int64) (region string, capFen, usedFen int64, err error) {
	if _, err := tx.exec(ctx, `UPDATE enterprises SET version = version WHERE id = $1`, id); err != nil {
		return "", 0, 0, err
	}
	var a args
	var tier string
	err = tx.queryRow(ctx, `SELECT e.region, e.tier, `+usedFenSQL(cstDay(tx.now), &a)+` FROM enterprises e WHERE e.id = `+
		a.add(id)+and(enterpriseScope(c, &a)), a...).Scan(&region, &tier, &usedFen)
	if err != nil {
		return "", 0, 0, notFound(err, "企业不存在或未授权本行查询")
	}
	return region, financeParams().CapFen(tier), usedFen, nil
}

// bankWrite begins a bank's write about enterprise id: the caller must be
// a bank, check (the record's validation) must pass, and the enterprise,
// which must have consented, is locked with its cap and the use of it.
func (tx *Tx) bankWrite(ctx context.Context, id int64, check func() error) (c auth.Caller, region string, capFen, used int64, err error) {
	if c, err = callerFrom(ctx); err != nil {
		return c, "", 0, 0, err
	}
	if err = requireBank(c); err == nil {
		if err = check(); err == nil {
			region, capFen, used, err = tx.roomFor(ctx, c, id)
		}
	}
	return c, region, capFen, used, err
}

// CreateLine records a credit line the calling bank granted to a
// consenting enterprise, within the room under its tier cap. A line from a
// referral marks the referral lent (放款/授信) at the same time.
func (tx *Tx) CreateLine(ctx context.Context, l *finance.Line) error {
	c, region, capFen, used, err := tx.bankWrite(ctx, l.EnterpriseID, l.Check)
	if err != nil {
		return err
	}
	if err := finance.CheckRoom(capFen, used, l.AmountFen); err != nil {
		return err
	}
	if l.ReferralID != 0 {
		if err := tx.lendReferral(ctx, c, l); err != nil {
			return err
		}
	}
	l.BankID, l.Status, l.CreatedAt, l.Version = c.InstitutionID, "active", tx.now, 1
	err = tx.queryRow(ctx, `INSERT INTO credit_lines (enterprise_id, bank_id, referral_id, matchmaking_id, amount_fen,
		mode, guarantor, valid_to, status, created_by, created_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, 1) RETURNING id`,
		l.EnterpriseID, l.BankID, nullInt64(l.ReferralID), nullInt64(l.MatchmakingID), l.AmountFen, l.Mode, l.Guarantor,
		l.ValidTo, c.UserID, ts(tx.now)).Scan(&l.ID)
	if err != nil {
		if violation(err) == violForeignKey {
			return apperr.Wrap(err, apperr.EINVALID, "matchmaking_id：对接会不存在")
		}
		return fmt.Errorf("sqlstore: create line: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "credit_line.create", entity: "credit_line", entityID: idText(l.ID),
		region: region, after: l})
}

// lendReferral marks the bank's accepted referral of the line's enterprise
// lent.
func (tx *Tx) lendReferral(ctx context.Context, c auth.Caller, l *finance.Line) error {
	r, err := tx.GetReferral(ctx, l.ReferralID)
	if err != nil {
		return err
	}
	if r.EnterpriseID != l.EnterpriseID || r.Status != finance.ReferralAccepted {
		return apperr.Errorf(apperr.EINVALID, "referral_id：只能对本企业已受理的推送授信 (referral_id: must be an accepted referral of the enterprise)")
	}
	before := *r
	if _, err := tx.exec(ctx, `UPDATE referrals SET status = 'lent', lent_at = $1, version = version + 1 WHERE id = $2`,
		ts(tx.now), r.ID); err != nil {
		return err
	}
	now := tx.now
	r.Status, r.LentAt, r.Version = finance.ReferralLent, &now, r.Version+1
	return tx.audit(ctx, c, auditRow{action: "referral.lend", entity: "referral", entityID: idText(r.ID),
		region: r.Region, before: before, after: r})
}

// CreateLoan records a drawing: under one of the bank's active lines (the
// line's amount bounds its outstanding loans), or on its own within the
// room under the cap.
func (tx *Tx) CreateLoan(ctx context.Context, l *finance.Loan) error {
	c, region, capFen, used, err := tx.bankWrite(ctx, l.EnterpriseID, l.Check)
	if err != nil {
		return err
	}
	if l.LineID != 0 {
		var lineFen, drawn int64
		err := tx.queryRow(ctx, `SELECT l.amount_fen, COALESCE((SELECT SUM(o.amount_fen) FROM loans o
			WHERE o.line_id = l.id AND o.status = 'outstanding'), 0) FROM credit_lines l
			WHERE l.id = $1 AND l.bank_id = $2 AND l.enterprise_id = $3 AND l.status = 'active' AND l.valid_to >= $4`,
			l.LineID, c.InstitutionID, l.EnterpriseID, l.DrawnOn).Scan(&lineFen, &drawn)
		if err != nil {
			return apperr.Wrap(notFound(err, ""), apperr.EINVALID, "line_id：不是本行对该企业的有效授信 (line_id: not an active line of this bank for the enterprise)")
		}
		if drawn+l.AmountFen > lineFen {
			return apperr.Errorf(apperr.EINVALID, "amount_fen：超出授信余额 %s (amount_fen: over the line's remaining amount)", finance.WanText(lineFen-drawn))
		}
	} else if err := finance.CheckRoom(capFen, used, l.AmountFen); err != nil {
		return err
	}
	l.BankID, l.Status, l.CreatedAt, l.Version = c.InstitutionID, "outstanding", tx.now, 1
	err = tx.queryRow(ctx, `INSERT INTO loans (enterprise_id, bank_id, line_id, note_no, amount_fen, spread_bp, term_months,
		renewal, long_term, drawn_on, status, created_by, created_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'outstanding', $11, $12, 1) RETURNING id`,
		l.EnterpriseID, l.BankID, nullInt64(l.LineID), l.NoteNo, l.AmountFen, l.SpreadBP, l.TermMonths, l.Renewal,
		l.LongTerm, l.DrawnOn, c.UserID, ts(tx.now)).Scan(&l.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "note_no：借据号 "+l.NoteNo+" 已登记")
		}
		return fmt.Errorf("sqlstore: create loan: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "loan.create", entity: "loan", entityID: idText(l.ID), region: region, after: l})
}

// CreditFilter filters lines and loans.
type CreditFilter struct {
	EnterpriseID  int64
	Limit, Offset int
}

// ListLines lists credit lines in the caller's scope (a bank: its own).
func (tx *Tx) ListLines(ctx context.Context, f CreditFilter) ([]*finance.Line, int, error) {
	var out []*finance.Line
	total, err := tx.listCredit(ctx, "credit_lines", f, `x.id, x.enterprise_id, e.name, x.bank_id, i.name,
		COALESCE(x.referral_id, 0), COALESCE(x.matchmaking_id, 0), x.amount_fen, x.mode, x.guarantor, x.valid_to,
		x.status, x.created_at, x.version`, func(row scanner) error {
		var l finance.Line
		err := row.Scan(&l.ID, &l.EnterpriseID, &l.EnterpriseNm, &l.BankID, &l.BankName, &l.ReferralID, &l.MatchmakingID,
			&l.AmountFen, &l.Mode, &l.Guarantor, &l.ValidTo, &l.Status, timeCol{&l.CreatedAt}, &l.Version)
		out = append(out, &l)
		return err
	})
	return out, total, err
}

// ListLoans lists loans in the caller's scope (a bank: its own).
func (tx *Tx) ListLoans(ctx context.Context, f CreditFilter) ([]*finance.Loan, int, error) {
	var out []*finance.Loan
	total, err := tx.listCredit(ctx, "loans", f, `x.id, x.enterprise_id, e.name, x.bank_id, COALESCE(x.line_id, 0),
		x.note_no, x.amount_fen, x.spread_bp, x.term_months, x.renewal, x.long_term, x.drawn_on, x.status, x.created_at,
		x.version`, func(row scanner) error {
		var l finance.Loan
		err := row.Scan(&l.ID, &l.EnterpriseID, &l.EnterpriseNm, &l.BankID, &l.LineID, &l.NoteNo, &l.AmountFen, &l.SpreadBP,
			&l.TermMonths, &l.Renewal, &l.LongTerm, &l.DrawnOn, &l.Status, timeCol{&l.CreatedAt}, &l.Version)
		out = append(out, &l)
		return err
	})
	return out, total, err
}

// listCredit pages through table (alias x) in the caller's scope, newest
// first, calling scan per row.
func (tx *Tx) listCredit(ctx context.Context, table string, f CreditFilter, cols string, scan func(scanner) error) (int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return 0, err
	}
	var a args
	conds := []string{ownedScope(c, "x", &a)}
	if f.EnterpriseID != 0 {
		conds = append(conds, "x.enterprise_id = "+a.add(f.EnterpriseID))
	}
	from := ` FROM ` + table + ` x JOIN enterprises e ON e.id = x.enterprise_id JOIN institutions i ON i.id = x.bank_id` +
		where(conds...)
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*)`+from, a...).Scan(&total); err != nil {
		return 0, fmt.Errorf("sqlstore: list %s: %w", table, err)
	}
	limit, offset := page(f.Limit, f.Offset)
	rows, err := tx.query(ctx, `SELECT `+cols+from+` ORDER BY x.id DESC LIMIT `+a.add(limit)+` OFFSET `+a.add(offset), a...)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: list %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return 0, err
		}
	}
	return total, rows.Err()
}

// CreateLine is Tx.CreateLine in its own transaction.
func (s *Store) CreateLine(ctx context.Context, l *finance.Line) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateLine(ctx, l) })
}

// CreateLoan is Tx.CreateLoan in its own transaction.
func (s *Store) CreateLoan(ctx context.Context, l *finance.Loan) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateLoan(ctx, l) })
}

// ListLines is Tx.ListLines in a read transaction.
func (s *Store) ListLines(ctx context.Context, f CreditFilter) (out []*finance.Line, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, total, err = tx.ListLines(ctx, f); return err })
	return out, total, err
}

// ListLoans is Tx.ListLoans in a read transaction.
func (s *Store) ListLoans(ctx context.Context, f CreditFilter) (out []*finance.Loan, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, total, err = tx.ListLoans(ctx, f); return err })
	return out, total, err
}
