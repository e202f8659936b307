package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/finance"
	"zjtx/internal/profile"
)

// BankFilter filters a bank's list of consenting enterprises.
type BankFilter struct {
	Q             string // name or 信用代码, a prefix of either
	Tier          string
	Limit, Offset int
}

// BankEnterprises lists the eligible enterprises that consented to the
// calling bank (or to all partner banks), with each one's cap and the
// amount all banks together have used of it. Every enterprise shown is a
// use of its consent and is audited, so the list is a write transaction.
func (tx *Tx) BankEnterprises(ctx context.Context, f BankFilter) ([]*finance.BankEnterprise, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireBank(c); err != nil {
		return nil, 0, err
	}
	var a args
	conds := []string{bankConsented(c.InstitutionID, tx.now, &a)}
	if f.Q != "" {
		conds = append(conds, "(e.name LIKE "+a.add(f.Q+"%")+" OR e.uscc LIKE "+a.add(f.Q+"%")+")")
	}
	if f.Tier != "" {
		conds = append(conds, "e.tier = "+a.add(f.Tier))
	}
	w := where(conds...)
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM enterprises e`+w, a...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: bank enterprises: %w", err)
	}
	limit, offset := page(f.Limit, f.Offset)
	q := `SELECT e.id, e.uscc, e.name, e.tier, e.region, ` + usedFenSQL(cstDay(tx.now), &a) +
		` FROM enterprises e` + w + ` ORDER BY e.name, e.id LIMIT ` + a.add(limit) + ` OFFSET ` + a.add(offset)
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: bank enterprises: %w", err)
	}
	defer rows.Close()
	var out []*finance.BankEnterprise
	for rows.Next() {
		var b finance.BankEnterprise
		if err := rows.Scan(&b.EnterpriseID, &b.USCC, &b.Name, &b.Tier, &b.Region, &b.UsedFen); err != nil {
			return nil, 0, err
		}
		b.CapFen = financeParams().CapFen(b.Tier)
		out = append(out, &b)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	for _, b := range out {
		if err := tx.auditUse(ctx, b.EnterpriseID, b.Region, []string{"basic"}, "list"); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// BankView is what a bank reads of one consenting enterprise: the consented
// scopes of its profile and its room under the cap.
type BankView struct {
	*finance.BankEnterprise
	Scope   []string         `json:"scope"`
	Profile *profile.Profile `json:"profile"`
}

// BankEnterprise returns what the calling bank may read of enterprise id:
// the union of the scopes of its live consents, nothing else; audited.
func (tx *Tx) BankEnterprise(ctx context.Context, id int64) (*BankView, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireBank(c); err != nil {
		return nil, err
	}
	var a args
	var doc string
	b := &finance.BankEnterprise{}
	q := `SELECT e.id, e.uscc, e.name, e.tier, e.region, ` + usedFenSQL(cstDay(tx.now), &a) + `, p.profile
		FROM enterprises e JOIN enterprise_profiles p ON p.enterprise_id = e.id
		WHERE e.id = ` + a.add(id) + ` AND ` + bankConsented(c.InstitutionID, tx.now, &a)
	err = tx.queryRow(ctx, q, a...).Scan(&b.EnterpriseID, &b.USCC, &b.Name, &b.Tier, &b.Region, &b.UsedFen, &doc)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: bank enterprise %d: %w", id, notFound(err, "企业不存在或未授权本行查询"))
	}
	b.CapFen = financeParams().CapFen(b.Tier)
	consents, err := tx.ListConsents(ctx, id)
	if err != nil {
		return nil, err
	}
	var scope []string
	for _, k := range consents {
		scope = append(scope, k.Scope...)
	}
	slices.Sort(scope)
	scope = slices.Compact(scope)
	var p profile.Profile
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return nil, fmt.Errorf("sqlstore: bank enterprise %d: profile: %w", id, err)
	}
	v := &BankView{BankEnterprise: b, Scope: scope, Profile: finance.Disclose(&p, scope)}
	return v, tx.auditUse(ctx, id, b.Region, scope, "view")
}

// auditUse records one read of an enterprise's data by the calling bank
// under its consent (授权使用).
func (tx *Tx) auditUse(ctx context.Context, enterpriseID int64, region string, scope []string, how string) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "consent.use", entity: "enterprise", entityID: idText(enterpriseID),
		region: region, after: map[string]any{"bank_id": c.InstitutionID, "scope": scope, "read": how}})
}

// BankEnterprises is Tx.BankEnterprises in its own (write) transaction.
func (s *Store) BankEnterprises(ctx context.Context, f BankFilter) (out []*finance.BankEnterprise, total int, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { out, total, err = tx.BankEnterprises(ctx, f); return err })
	return out, total, err
}

// BankEnterprise is Tx.BankEnterprise in its own (write) transaction.
func (s *Store) BankEnterprise(ctx context.Context, id int64) (v *BankView, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { v, err = tx.BankEnterprise(ctx, id); return err })
	return v, err
}

// discloseToBank cuts the profiles of recs, read by a bank c, down to the
// scopes of its live consents (finance.Disclose); for other callers it does
// nothing. The bank scope already limits which enterprises a bank reads;
// this limits what it reads of them, on every route that loads a profile.
func (tx *Tx) discloseToBank(ctx context.Context, c auth.Caller, recs ...*enterprise.Record) error {
	if c.Role != auth.RoleBank || len(recs) == 0 {
		return nil
	}
	var a args
	ids := make([]int64, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	rows, err := tx.query(ctx, `SELECT k.enterprise_id, k.scope FROM consents k WHERE k.enterprise_id IN (`+inList(&a, ids)+`)
		AND (k.bank_id = `+a.add(c.InstitutionID)+` OR k.bank_id IS NULL) AND k.revoked_at IS NULL
		AND k.expires_at > `+a.add(ts(tx.now)), a...)
	if err != nil {
		return fmt.Errorf("sqlstore: consent scopes: %w", err)
	}
	defer rows.Close()
	scopes := map[int64][]string{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return err
		}
		scopes[id] = append(scopes[id], splitScope(s)...)
	}
	for _, r := range recs {
		if r.Profile != nil {
			r.Profile = finance.Disclose(r.Profile, scopes[r.ID])
		}
	}
	return rows.Err()
}

// notForBanks refuses a bank: assessments hold the whole profile as it was
// evaluated, which no consent scope covers.
func notForBanks(c auth.Caller) error {
	if c.Role == auth.RoleBank {
		return apperr.Errorf(apperr.EFORBIDDEN, "合作银行无权查看评价记录")
	}
	return nil
}
