package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
	"zjtx/internal/hub"
)

const consentColumns = `k.id, k.enterprise_id, k.bank_id, COALESCE(i.name, ''), k.scope, k.purpose, k.text_hash,
	k.granted_by, k.granted_at, k.expires_at, k.revoked_by, k.revoked_at, k.version`

const consentFrom = ` FROM consents k JOIN enterprises e ON e.id = k.enterprise_id
	LEFT JOIN institutions i ON i.id = k.bank_id`

func scanConsent(row scanner) (*finance.Consent, error) {
	var k finance.Consent
	var scope string
	err := row.Scan(&k.ID, &k.EnterpriseID, int64Col{&k.BankID}, &k.BankName, &scope, &k.Purpose, &k.TextHash,
		&k.GrantedBy, timeCol{&k.GrantedAt}, timeCol{&k.ExpiresAt}, int64Col{&k.RevokedBy}, optTimeCol{&k.RevokedAt}, &k.Version)
	if err != nil {
		return nil, err
	}
	k.Scope, k.All = splitScope(scope), k.BankID == 0
	if k.All {
		k.BankName = "全部合作银行"
	}
	return &k, nil
}

// ConsentText returns the text enterprise id would be shown for r, and its
// hash: the page shows it before the enterprise agrees.
func (tx *Tx) ConsentText(ctx context.Context, id int64, r finance.ConsentRequest) (string, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return "", err
	}
	p := financeParams()
	if err := r.Check(p); err != nil {
		return "", err
	}
	_, name, _, err := tx.enterpriseInScope(ctx, c, id)
	if err != nil {
		return "", err
	}
	bank := "全部合作银行"
	if !r.All {
		if bank, err = tx.partnerBank(ctx, r.BankID); err != nil {
			return "", err
		}
	}
	return finance.ConsentText(p, name, bank, r.Scope, r.Purpose, r.Days), nil
}

// GrantConsent records the enterprise's consent to a partner bank (or to
// all), with the hash of the text it was shown. Only the enterprise's own
// account grants: an official cannot consent on its behalf.
func (tx *Tx) GrantConsent(ctx context.Context, id int64, r finance.ConsentRequest) (*finance.Consent, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOwnEnterprise(c, id, "授权银行查询企业信息"); err != nil {
		return nil, err
	}
	text, err := tx.ConsentText(ctx, id, r)
	if err != nil {
		return nil, err
	}
	p := financeParams()
	_ = r.Check(p) // fills the defaults ConsentText applied to its copy
	region, _, _, err := tx.enterpriseInScope(ctx, c, id)
	if err != nil {
		return nil, err
	}
	k := &finance.Consent{EnterpriseID: id, BankID: r.BankID, All: r.All, Scope: r.Scope, Purpose: r.Purpose,
		TextHash: finance.TextHash(text), GrantedBy: c.UserID, GrantedAt: tx.now,
		ExpiresAt: tx.now.AddDate(0, 0, r.Days), Version: 1}
	err = tx.queryRow(ctx, `INSERT INTO consents (enterprise_id, bank_id, scope, purpose, text_hash, granted_by,
		granted_at, expires_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id`,
		id, nullInt64(r.BankID), strings.Join(r.Scope, ","), r.Purpose, k.TextHash, c.UserID,
		ts(tx.now), ts(k.ExpiresAt)).Scan(&k.ID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: grant consent: %w", err)
	}
	return k, tx.audit(ctx, c, auditRow{action: "consent.grant", entity: "consent", entityID: idText(k.ID),
		region: region, after: k})
}

// RevokeConsent ends a consent at once; the bank's next request no longer
// sees the enterprise. Revoking a revoked consent is a conflict, so the
// audit log holds one revocation per consent.
func (tx *Tx) RevokeConsent(ctx context.Context, id int64) (*finance.Consent, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	k, err := tx.GetConsent(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := requireOwnEnterprise(c, k.EnterpriseID, "撤回授权"); err != nil {
		return nil, err
	}
	if k.RevokedAt != nil {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该授权已撤回")
	}
	res, err := tx.exec(ctx, `UPDATE consents SET revoked_at = $1, revoked_by = $2, version = version + 1
		WHERE id = $3 AND version = $4 AND revoked_at IS NULL`, ts(tx.now), c.UserID, id, k.Version)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: revoke consent: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该授权已被修改，请刷新后重试")
	}
	before := *k
	now := tx.now
	k.RevokedAt, k.RevokedBy, k.Version = &now, c.UserID, k.Version+1
	var region string
	_ = tx.queryRow(ctx, `SELECT region FROM enterprises WHERE id = $1`, k.EnterpriseID).Scan(&region)
	return k, tx.audit(ctx, c, auditRow{action: "consent.revoke", entity: "consent", entityID: idText(id),
		region: region, before: before, after: k})
}

// GetConsent returns a consent of an enterprise in the caller's scope; a
// bank reads the consents given to it or to all.
func (tx *Tx) GetConsent(ctx context.Context, id int64) (*finance.Consent, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + consentColumns + consentFrom + ` WHERE k.id = ` + a.add(id) + and(consentScope(c, tx.now, &a))
	k, err := scanConsent(tx.queryRow(ctx, q, a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: consent %d: %w", id, notFound(err, "授权不存在"))
	}
	return k, nil
}

// consentScope limits consents (alias k, enterprise e) to those c may see:
// officials and the enterprise by the enterprise scope, a bank the ones
// given to it or to all while they are live.
func consentScope(c auth.Caller, now time.Time, a *args) string {
	if c.Role == auth.RoleBank {
		return "(k.bank_id = " + a.add(c.InstitutionID) + " OR k.bank_id IS NULL) AND k.revoked_at IS NULL AND k.expires_at > " +
			a.add(ts(now)) + " AND " + bankConsented(c.InstitutionID, now, a)
	}
	return enterpriseScope(c, a)
}

// ListConsents lists an enterprise's consents, newest first.
func (tx *Tx) ListConsents(ctx context.Context, enterpriseID int64) ([]*finance.Consent, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if _, _, _, err := tx.enterpriseInScope(ctx, c, enterpriseID); err != nil {
		return nil, fmt.Errorf("sqlstore: list consents: %w", err)
	}
	var a args
	q := `SELECT ` + consentColumns + consentFrom + ` WHERE k.enterprise_id = ` + a.add(enterpriseID) +
		and(consentScope(c, tx.now, &a)) + ` ORDER BY k.granted_at DESC, k.id DESC`
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list consents: %w", err)
	}
	defer rows.Close()
	var out []*finance.Consent
	for rows.Next() {
		k, err := scanConsent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// GrantConsent is Tx.GrantConsent in its own transaction.
func (s *Store) GrantConsent(ctx context.Context, id int64, r finance.ConsentRequest) (k *finance.Consent, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { k, err = tx.GrantConsent(ctx, id, r); return err })
	return k, err
}

// RevokeConsent is Tx.RevokeConsent in its own transaction.
func (s *Store) RevokeConsent(ctx context.Context, id int64) (k *finance.Consent, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error { k, err = tx.RevokeConsent(ctx, id); return err })
	return k, err
}

// ListConsents is Tx.ListConsents in a read transaction.
func (s *Store) ListConsents(ctx context.Context, enterpriseID int64) (out []*finance.Consent, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.ListConsents(ctx, enterpriseID); return err })
	return out, err
}

// ConsentText is Tx.ConsentText in a read transaction.
func (s *Store) ConsentText(ctx context.Context, id int64, r finance.ConsentRequest) (text string, err error) {
	err = s.view(ctx, func(tx *Tx) error { text, err = tx.ConsentText(ctx, id, r); return err })
	return text, err
}

// ConsentPage is what the enterprise's consent page reads in one snapshot:
// its consents, the partner banks to choose from and its referrals.
type ConsentPage struct {
	Consents  []*finance.Consent
	Banks     []*hub.Institution
	Referrals []*finance.Referral
}

// ConsentPage reads the consent page of enterprise id.
func (s *Store) ConsentPage(ctx context.Context, id int64) (p *ConsentPage, err error) {
	p = &ConsentPage{}
	err = s.view(ctx, func(tx *Tx) error {
		if p.Consents, err = tx.ListConsents(ctx, id); err != nil {
			return err
		}
		if p.Banks, err = tx.PartnerBanks(ctx); err != nil {
			return err
		}
		p.Referrals, _, err = tx.ListReferrals(ctx, ReferralFilter{EnterpriseID: id, Limit: 100})
		return err
	})
	return p, err
}
