package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/finance"
)

// CreateCentralProject records a 重点小巨人 project supported by central
// funds with its payment stages (city officials: the funds pass through
// the city).
func (tx *Tx) CreateCentralProject(ctx context.Context, p *finance.CentralProject) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	if err := p.Check(); err != nil {
		return err
	}
	region, _, tier, err := tx.enterpriseInScope(ctx, c, p.EnterpriseID)
	if err != nil {
		return err
	}
	if enterprise.TierRank(tier) < enterprise.TierRank("key_little_giant") {
		return apperr.Errorf(apperr.EINVALID, "enterprise_id：中央财政资金支持的是重点“小巨人”企业 (enterprise_id: not a key little giant)")
	}
	p.Version = 1
	err = tx.queryRow(ctx, `INSERT INTO central_fund_projects (enterprise_id, name, year, total_fen, created_at, version)
		VALUES ($1, $2, $3, $4, $5, 1) RETURNING id`, p.EnterpriseID, p.Name, p.Year, p.TotalFen, ts(tx.now)).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create central project: %w", err)
	}
	for i, s := range p.Stages {
		s.Seq, s.Version = i+1, 1
		if err := tx.queryRow(ctx, `INSERT INTO central_fund_stages (project_id, seq, amount_fen, version)
			VALUES ($1, $2, $3, 1) RETURNING id`, p.ID, s.Seq, s.AmountFen).Scan(&s.ID); err != nil {
			return fmt.Errorf("sqlstore: create central stage: %w", err)
		}
	}
	return tx.audit(ctx, c, auditRow{action: "central_fund.create", entity: "central_fund_project", entityID: idText(p.ID),
		region: region, after: p})
}

// ActOnStage reviews (review "passed" or "failed") or pays (review "")
// stage seq of project id, read at version: a stage is paid only after
// its review passed and the stage before it was paid.
func (tx *Tx) ActOnStage(ctx context.Context, id int64, seq int, version int64, review string) (*finance.CentralProject, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireCity(c); err != nil {
		return nil, err
	}
	p, err := tx.getCentral(ctx, c, id)
	if err != nil {
		return nil, err
	}
	var st *finance.CentralStage
	for _, s := range p.Stages {
		if s.Seq == seq {
			st = s
		}
	}
	if st == nil {
		return nil, apperr.Errorf(apperr.ENOTFOUND, "没有第 %d 期", seq)
	}
	before := *st
	action := "central_fund.pay"
	var q string
	var qa []any
	switch review {
	case "passed", "failed":
		if st.PaidAt != nil {
			return nil, apperr.Errorf(apperr.EINVALID, "review：该期已拨付，不能再评审")
		}
		action, q, qa = "central_fund.review", `UPDATE central_fund_stages SET review = $1, reviewed_by = $2, reviewed_at = $3,
			version = version + 1 WHERE id = $4 AND version = $5`, []any{review, c.UserID, ts(tx.now), st.ID, version}
	case "":
		if err := finance.CanPay(p.Stages, seq); err != nil {
			return nil, err
		}
		q, qa = `UPDATE central_fund_stages SET paid_at = $1, version = version + 1 WHERE id = $2 AND version = $3`,
			[]any{ts(tx.now), st.ID, version}
	default:
		return nil, apperr.Errorf(apperr.EINVALID, "review：评审结果应为 passed 或 failed")
	}
	res, err := tx.exec(ctx, q, qa...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: central stage: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, errStaleRecord()
	}
	after, err := tx.getCentral(ctx, c, id)
	if err != nil {
		return nil, err
	}
	var region string
	_ = tx.queryRow(ctx, `SELECT region FROM enterprises WHERE id = $1`, p.EnterpriseID).Scan(&region)
	return after, tx.audit(ctx, c, auditRow{action: action, entity: "central_fund_project", entityID: idText(id),
		region: region, before: before, after: after.Stages[seq-1]})
}

func (tx *Tx) getCentral(ctx context.Context, c auth.Caller, id int64) (*finance.CentralProject, error) {
	var a args
	var out *finance.CentralProject
	err := tx.centralRows(ctx, c, "x.id = "+a.add(id), a, func(p *finance.CentralProject) { out = p })
	if err == nil && out == nil {
		err = apperr.Errorf(apperr.ENOTFOUND, "项目不存在")
	}
	return out, err
}

// ListCentralProjects lists central-fund projects in scope with stages.
func (tx *Tx) ListCentralProjects(ctx context.Context, enterpriseID int64) ([]*finance.CentralProject, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := financeReader(c); err != nil {
		return nil, err
	}
	var a args
	cond := ""
	if enterpriseID != 0 {
		cond = "x.enterprise_id = " + a.add(enterpriseID)
	}
	var out []*finance.CentralProject
	err = tx.centralRows(ctx, c, cond, a, func(p *finance.CentralProject) { out = append(out, p) })
	return out, err
}

// centralRows reads projects matching cond in c's scope, with their stages.
func (tx *Tx) centralRows(ctx context.Context, c auth.Caller, cond string, a args, each func(*finance.CentralProject)) error {
	rows, err := tx.query(ctx, `SELECT x.id, x.enterprise_id, e.name, x.name, x.year, x.total_fen, x.version,
		s.id, s.seq, s.amount_fen, s.review, s.reviewed_at, s.paid_at, s.version
		FROM central_fund_projects x JOIN enterprises e ON e.id = x.enterprise_id
		JOIN central_fund_stages s ON s.project_id = x.id`+where(cond, enterpriseScope(c, &a))+
		` ORDER BY x.id DESC, s.seq`, a...)
	if err != nil {
		return fmt.Errorf("sqlstore: central projects: %w", err)
	}
	defer rows.Close()
	var cur *finance.CentralProject
	for rows.Next() {
		var p finance.CentralProject
		var s finance.CentralStage
		if err := rows.Scan(&p.ID, &p.EnterpriseID, &p.EnterpriseNm, &p.Name, &p.Year, &p.TotalFen, &p.Version,
			&s.ID, &s.Seq, &s.AmountFen, &s.Review, optTimeCol{&s.ReviewedAt}, optTimeCol{&s.PaidAt}, &s.Version); err != nil {
			return err
		}
		if cur == nil || cur.ID != p.ID {
			if cur != nil {
				each(cur)
			}
			cur = &p
		}
		cur.Stages = append(cur.Stages, &s)
		if s.PaidAt != nil {
			cur.PaidFen += s.AmountFen
		}
	}
	if cur != nil {
		each(cur)
	}
	return rows.Err()
}

// DeclareSubsidy records an enterprise's declaration of the equipment and
// software subsidy with its invoices and the amount computed from them
// under the parameters. The enterprise must hold a 小巨人 title (or
// higher) valid now: the plan subsidises 小巨人 "处于有效期内".
func (tx *Tx) DeclareSubsidy(ctx context.Context, s *finance.Subsidy) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.Role != auth.RoleEnterprise {
		if err := requireOfficial(c, "登记设备软件补助申报"); err != nil {
			return err
		}
	}
	region, _, tier, err := tx.enterpriseInScope(ctx, c, s.EnterpriseID)
	if err != nil {
		return err
	}
	if enterprise.TierRank(tier) < enterprise.TierRank("little_giant") {
		return apperr.Errorf(apperr.EINVALID, "enterprise_id：设备软件投资补助面向有效期内的“小巨人”企业 (enterprise_id: not a little giant in validity)")
	}
	if err := s.Compute(financeParams()); err != nil {
		return err
	}
	s.Version = 1
	err = tx.queryRow(ctx, `INSERT INTO equipment_subsidies (enterprise_id, year, qualifying_fen, subsidy_fen, rule, status,
		created_at, version) VALUES ($1, $2, $3, $4, $5, 'declared', $6, 1) RETURNING id`, s.EnterpriseID, s.Year,
		s.QualifyingFen, s.SubsidyFen, s.Rule, ts(tx.now)).Scan(&s.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("year：%d 年度已申报", s.Year))
		}
		return fmt.Errorf("sqlstore: declare subsidy: %w", err)
	}
	kept := map[string]bool{}
	for _, inv := range s.Invoices {
		if kept[inv.InvoiceNo] {
			continue // a repeat: Compute did not count it, and the first is kept
		}
		kept[inv.InvoiceNo] = true
		if _, err := tx.exec(ctx, `INSERT INTO equipment_subsidy_invoices (subsidy_id, invoice_no, kind, issued_on,
			amount_fen, qualifying, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, s.ID, inv.InvoiceNo, inv.Kind, inv.IssuedOn,
			inv.AmountFen, inv.Qualifying, inv.Reason); err != nil {
			return fmt.Errorf("sqlstore: declare subsidy invoice: %w", err)
		}
	}
	return tx.audit(ctx, c, auditRow{action: "equipment_subsidy.declare", entity: "equipment_subsidy", entityID: idText(s.ID),
		region: region, after: s})
}

// ListSubsidies lists declarations in scope (without invoices).
func (tx *Tx) ListSubsidies(ctx context.Context, enterpriseID int64) ([]*finance.Subsidy, error) {
	var out []*finance.Subsidy
	err := tx.scopedRows(ctx, "equipment_subsidies", `x.id, x.enterprise_id, e.name, x.year, x.qualifying_fen,
		x.subsidy_fen, x.rule, x.status, x.version`, enterpriseID, func(row scanner) error {
		var s finance.Subsidy
		err := row.Scan(&s.ID, &s.EnterpriseID, &s.EnterpriseNm, &s.Year, &s.QualifyingFen, &s.SubsidyFen, &s.Rule,
			&s.Status, &s.Version)
		out = append(out, &s)
		return err
	})
	return out, err
}

// CreateCentralProject is Tx.CreateCentralProject in its own transaction.
func (s *Store) CreateCentralProject(ctx context.Context, p *finance.CentralProject) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateCentralProject(ctx, p) })
}

// ActOnStage is Tx.ActOnStage in its own transaction.
func (s *Store) ActOnStage(ctx context.Context, id int64, seq int, version int64, review string) (p *finance.CentralProject, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { p, err = tx.ActOnStage(ctx, id, seq, version, review); return err })
	return p, err
}

// DeclareSubsidy is Tx.DeclareSubsidy in its own transaction.
func (s *Store) DeclareSubsidy(ctx context.Context, sub *finance.Subsidy) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.DeclareSubsidy(ctx, sub) })
}
