package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
)

// The other finance records (专精特新险, the fund reserve, bridging, central
// funds, the equipment subsidy) are the bureau's and the enterprise's, not
// the banks': officials read them in their district, an enterprise its own,
// and banks and institutions none.

// financeReader refuses banks and institutions.
func financeReader(c auth.Caller) error {
	if c.Role == auth.RoleBank || c.Role == auth.RoleInstitution {
		return apperr.Errorf(apperr.EFORBIDDEN, "无权查看")
	}
	return nil
}

// scopedRows pages through table (alias x, joined to its enterprise e) in
// c's enterprise scope, calling scan per row.
func (tx *Tx) scopedRows(ctx context.Context, table, cols string, enterpriseID int64, scan func(scanner) error) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := financeReader(c); err != nil {
		return err
	}
	var a args
	conds := []string{enterpriseScope(c, &a)}
	if enterpriseID != 0 {
		conds = append(conds, "x.enterprise_id = "+a.add(enterpriseID))
	}
	rows, err := tx.query(ctx, `SELECT `+cols+` FROM `+table+` x JOIN enterprises e ON e.id = x.enterprise_id`+
		where(conds...)+` ORDER BY x.id DESC LIMIT 500`, a...)
	if err != nil {
		return fmt.Errorf("sqlstore: list %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// officialFor checks that c is an official who may act on enterprise id
// (in scope) and returns its region.
func (tx *Tx) officialFor(ctx context.Context, c auth.Caller, id int64, what string) (string, error) {
	if err := requireOfficial(c, what); err != nil {
		return "", err
	}
	region, _, _, err := tx.enterpriseInScope(ctx, c, id)
	return region, err
}

// CreateInsuranceProduct registers a 专精特新险 product (city officials).
func (tx *Tx) CreateInsuranceProduct(ctx context.Context, p *finance.InsuranceProduct) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	if p.Insurer == "" || p.Name == "" {
		return apperr.Errorf(apperr.EINVALID, "保险机构和产品名称必填 (insurer, name: required)")
	}
	err = tx.queryRow(ctx, `INSERT INTO insurance_products (insurer, name, kind, description, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, p.Insurer, p.Name, p.Kind, p.Description, ts(tx.now)).Scan(&p.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "该保险产品已登记")
		}
		return fmt.Errorf("sqlstore: create insurance product: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "insurance_product.create", entity: "insurance_product", entityID: idText(p.ID), after: p})
}

// ListInsuranceProducts lists the products; everyone logged in may read them.
func (tx *Tx) ListInsuranceProducts(ctx context.Context) ([]*finance.InsuranceProduct, error) {
	if _, err := callerFrom(ctx); err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT id, insurer, name, kind, description FROM insurance_products ORDER BY insurer, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*finance.InsuranceProduct
	for rows.Next() {
		var p finance.InsuranceProduct
		if err := rows.Scan(&p.ID, &p.Insurer, &p.Name, &p.Kind, &p.Description); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

// CreatePolicy records a policy an enterprise took (officials, in scope).
func (tx *Tx) CreatePolicy(ctx context.Context, p *finance.InsurancePolicy) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := p.Check(); err != nil {
		return err
	}
	region, err := tx.officialFor(ctx, c, p.EnterpriseID, "登记保单")
	if err != nil {
		return err
	}
	err = tx.queryRow(ctx, `INSERT INTO insurance_policies (product_id, enterprise_id, policy_no, insured_fen, premium_fen,
		valid_from, valid_to, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, p.ProductID, p.EnterpriseID,
		p.PolicyNo, p.InsuredFen, p.PremiumFen, p.ValidFrom, p.ValidTo, ts(tx.now)).Scan(&p.ID)
	if err != nil {
		switch violation(err) {
		case violUnique:
			return apperr.Wrap(err, apperr.ECONFLICT, "policy_no：保单号已登记")
		case violForeignKey:
			return apperr.Wrap(err, apperr.EINVALID, "product_id：保险产品不存在")
		}
		return fmt.Errorf("sqlstore: create policy: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "insurance_policy.create", entity: "insurance_policy", entityID: idText(p.ID),
		region: region, after: p})
}

// ListPolicies lists policies in scope.
func (tx *Tx) ListPolicies(ctx context.Context, enterpriseID int64) ([]*finance.InsurancePolicy, error) {
	var out []*finance.InsurancePolicy
	err := tx.scopedRows(ctx, "insurance_policies", `x.id, x.product_id, (SELECT p.name FROM insurance_products p
		WHERE p.id = x.product_id), x.enterprise_id, e.name, x.policy_no, x.insured_fen, x.premium_fen, x.valid_from, x.valid_to`,
		enterpriseID, func(row scanner) error {
			var p finance.InsurancePolicy
			err := row.Scan(&p.ID, &p.ProductID, &p.ProductName, &p.EnterpriseID, &p.EnterpriseNm, &p.PolicyNo, &p.InsuredFen,
				&p.PremiumFen, &p.ValidFrom, &p.ValidTo)
			out = append(out, &p)
			return err
		})
	return out, err
}

// SaveFundProject adds an enterprise to the fund project reserve, or moves
// a project (ID set, read at Version) to another stage or amount.
func (tx *Tx) SaveFundProject(ctx context.Context, f *finance.FundProject) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := f.Check(); err != nil {
		return err
	}
	region, err := tx.officialFor(ctx, c, f.EnterpriseID, "管理基金项目储备库")
	if err != nil {
		return err
	}
	if f.ID == 0 {
		f.Version, f.UpdatedAt = 1, tx.now
		err = tx.queryRow(ctx, `INSERT INTO fund_projects (enterprise_id, fund, stage, amount_fen, note, created_at,
			updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $6, 1) RETURNING id`, f.EnterpriseID, f.Fund, f.Stage,
			f.AmountFen, f.Note, ts(tx.now)).Scan(&f.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: create fund project: %w", err)
		}
		return tx.audit(ctx, c, auditRow{action: "fund_project.create", entity: "fund_project", entityID: idText(f.ID),
			region: region, after: f})
	}
	res, err := tx.exec(ctx, `UPDATE fund_projects SET fund = $1, stage = $2, amount_fen = $3, note = $4, updated_at = $5,
		version = version + 1 WHERE id = $6 AND enterprise_id = $7 AND version = $8`, f.Fund, f.Stage, f.AmountFen, f.Note,
		ts(tx.now), f.ID, f.EnterpriseID, f.Version)
	if err != nil {
		return fmt.Errorf("sqlstore: update fund project: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errStaleRecord()
	}
	f.Version++
	f.UpdatedAt = tx.now
	return tx.audit(ctx, c, auditRow{action: "fund_project.update", entity: "fund_project", entityID: idText(f.ID),
		region: region, after: f})
}

// ListFundProjects lists the reserve in scope.
func (tx *Tx) ListFundProjects(ctx context.Context, enterpriseID int64) ([]*finance.FundProject, error) {
	var out []*finance.FundProject
	err := tx.scopedRows(ctx, "fund_projects", `x.id, x.enterprise_id, e.name, x.fund, x.stage, x.amount_fen, x.note,
		x.updated_at, x.version`, enterpriseID, func(row scanner) error {
		var f finance.FundProject
		err := row.Scan(&f.ID, &f.EnterpriseID, &f.EnterpriseNm, &f.Fund, &f.Stage, &f.AmountFen, &f.Note,
			timeCol{&f.UpdatedAt}, &f.Version)
		out = append(out, &f)
		return err
	})
	return out, err
}

// CreateBridge records a request to the emergency bridging fund, by the
// enterprise itself or an official for it.
func (tx *Tx) CreateBridge(ctx context.Context, b *finance.BridgeRequest) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := b.Check(); err != nil {
		return err
	}
	if c.Role != auth.RoleEnterprise {
		if err := requireOfficial(c, "登记应急周转资金申请"); err != nil {
			return err
		}
	}
	region, _, _, err := tx.enterpriseInScope(ctx, c, b.EnterpriseID)
	if err != nil {
		return err
	}
	b.Status, b.CreatedAt, b.Version = "pending", tx.now, 1
	err = tx.queryRow(ctx, `INSERT INTO bridge_requests (enterprise_id, amount_fen, term_days, purpose, status, created_at,
		version) VALUES ($1, $2, $3, $4, 'pending', $5, 1) RETURNING id`, b.EnterpriseID, b.AmountFen, b.TermDays, b.Purpose,
		ts(tx.now)).Scan(&b.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create bridge request: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "bridge_request.create", entity: "bridge_request", entityID: idText(b.ID),
		region: region, after: b})
}

const bridgeColumns = `x.id, x.enterprise_id, e.name, x.amount_fen, x.term_days, x.purpose, x.status, x.outcome,
	x.decided_at, x.created_at, x.version`

func scanBridge(row scanner) (*finance.BridgeRequest, error) {
	var b finance.BridgeRequest
	err := row.Scan(&b.ID, &b.EnterpriseID, &b.EnterpriseNm, &b.AmountFen, &b.TermDays, &b.Purpose, &b.Status, &b.Outcome,
		optTimeCol{&b.DecidedAt}, timeCol{&b.CreatedAt}, &b.Version)
	return &b, err
}

// DecideBridge moves a bridging request read at version: approve or reject
// it (with the outcome), or record it repaid.
func (tx *Tx) DecideBridge(ctx context.Context, id, version int64, status, outcome string) (*finance.BridgeRequest, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "审批应急周转资金"); err != nil {
		return nil, err
	}
	var a args
	b, err := scanBridge(tx.queryRow(ctx, `SELECT `+bridgeColumns+` FROM bridge_requests x JOIN enterprises e ON
		e.id = x.enterprise_id WHERE x.id = `+a.add(id)+and(enterpriseScope(c, &a)), a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: bridge request %d: %w", id, notFound(err, "申请不存在"))
	}
	if err := finance.NextBridge(b.Status, status); err != nil {
		return nil, err
	}
	before := *b
	res, err := tx.exec(ctx, `UPDATE bridge_requests SET status = $1, outcome = $2, decided_by = $3, decided_at = $4,
		version = version + 1 WHERE id = $5 AND version = $6`, status, outcome, c.UserID, ts(tx.now), id, version)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: decide bridge request: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, errStaleRecord()
	}
	now := tx.now
	b.Status, b.Outcome, b.DecidedAt, b.Version = status, outcome, &now, version+1
	var region string
	_ = tx.queryRow(ctx, `SELECT region FROM enterprises WHERE id = $1`, b.EnterpriseID).Scan(&region)
	return b, tx.audit(ctx, c, auditRow{action: "bridge_request." + status, entity: "bridge_request", entityID: idText(id),
		region: region, before: before, after: b})
}

// ListBridges lists bridging requests in scope.
func (tx *Tx) ListBridges(ctx context.Context, enterpriseID int64) ([]*finance.BridgeRequest, error) {
	var out []*finance.BridgeRequest
	err := tx.scopedRows(ctx, "bridge_requests", bridgeColumns, enterpriseID, func(row scanner) error {
		b, err := scanBridge(row)
		out = append(out, b)
		return err
	})
	return out, err
}

// CreateInsuranceProduct is Tx.CreateInsuranceProduct in its own transaction.
func (s *Store) CreateInsuranceProduct(ctx context.Context, p *finance.InsuranceProduct) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateInsuranceProduct(ctx, p) })
}

// CreatePolicy is Tx.CreatePolicy in its own transaction.
func (s *Store) CreatePolicy(ctx context.Context, p *finance.InsurancePolicy) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreatePolicy(ctx, p) })
}

// SaveFundProject is Tx.SaveFundProject in its own transaction.
func (s *Store) SaveFundProject(ctx context.Context, f *finance.FundProject) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SaveFundProject(ctx, f) })
}

// CreateBridge is Tx.CreateBridge in its own transaction.
func (s *Store) CreateBridge(ctx context.Context, b *finance.BridgeRequest) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateBridge(ctx, b) })
}

// DecideBridge is Tx.DecideBridge in its own transaction.
func (s *Store) DecideBridge(ctx context.Context, id, version int64, status, outcome string) (b *finance.BridgeRequest, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { b, err = tx.DecideBridge(ctx, id, version, status, outcome); return err })
	return b, err
}

// FinanceOverview is what the finance page shows in one read: products,
// policies, the fund reserve, bridging requests, central-fund projects and
// subsidies in the caller's scope.
type FinanceOverview struct {
	Products  []*finance.InsuranceProduct `json:"insurance_products"`
	Policies  []*finance.InsurancePolicy  `json:"insurance_policies"`
	Funds     []*finance.FundProject      `json:"fund_projects"`
	Bridges   []*finance.BridgeRequest    `json:"bridge_requests"`
	Central   []*finance.CentralProject   `json:"central_fund_projects"`
	Subsidies []*finance.Subsidy          `json:"equipment_subsidies"`
}

// Overview reads every list of FinanceOverview for enterpriseID (0: all in
// scope) in one snapshot.
func (s *Store) FinanceOverview(ctx context.Context, enterpriseID int64) (o *FinanceOverview, err error) {
	o = &FinanceOverview{}
	err = s.view(ctx, func(tx *Tx) error {
		if o.Products, err = tx.ListInsuranceProducts(ctx); err != nil {
			return err
		}
		if o.Policies, err = tx.ListPolicies(ctx, enterpriseID); err != nil {
			return err
		}
		if o.Funds, err = tx.ListFundProjects(ctx, enterpriseID); err != nil {
			return err
		}
		if o.Bridges, err = tx.ListBridges(ctx, enterpriseID); err != nil {
			return err
		}
		if o.Central, err = tx.ListCentralProjects(ctx, enterpriseID); err != nil {
			return err
		}
		o.Subsidies, err = tx.ListSubsidies(ctx, enterpriseID)
		return err
	})
	return o, err
}
