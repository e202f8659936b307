package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/finance"
	"zjtx/internal/workday"
)

// optTimeCol scans a nullable timestamp into a *time.Time (nil for NULL).
type optTimeCol struct{ t **time.Time }

func (c optTimeCol) Scan(v any) error {
	var t time.Time
	if err := (timeCol{&t}).Scan(v); err != nil {
		return err
	}
	if t.IsZero() {
		*c.t = nil
	} else {
		*c.t = &t
	}
	return nil
}

// financeParams and financeCalendar are the parameters and working-day
// calendar the store applies; tests of other years swap neither, so they
// are the embedded ones.
func financeParams() *finance.Params     { return finance.Default() }
func financeCalendar() *workday.Calendar { return workday.Default() }

// bankConsented returns the condition that an enterprise (alias e) holds a
// live consent (not revoked, not expired at now) for bank, or for every
// partner bank, and is eligible for 专精特新贷: active, with a valid title
// of a tier that has a cap. enterprises.tier is the highest title valid at
// the record's last write, which is what the lists and counts use too.
func bankConsented(bank int64, now time.Time, a *args) string {
	return `e.status = 'active' AND e.tier IN (` + inList(a, financeParams().EligibleTiers()) + `)
		AND EXISTS (SELECT 1 FROM consents k WHERE k.enterprise_id = e.id
			AND (k.bank_id = ` + a.add(bank) + ` OR k.bank_id IS NULL)
			AND k.revoked_at IS NULL AND k.expires_at > ` + a.add(ts(now)) + `)`
}

// usedFenSQL is the amount of an enterprise (alias e) counted against its
// cap across all banks on day: active credit lines still valid, and
// outstanding loans drawn outside a line (a loan under a line is within it).
func usedFenSQL(day string, a *args) string {
	d := a.add(day)
	return `(COALESCE((SELECT SUM(l.amount_fen) FROM credit_lines l WHERE l.enterprise_id = e.id
			AND l.status = 'active' AND l.valid_to >= ` + d + `), 0)
		+ COALESCE((SELECT SUM(o.amount_fen) FROM loans o WHERE o.enterprise_id = e.id
			AND o.status = 'outstanding' AND o.line_id IS NULL), 0))`
}

// cstDay is the bureau's date of t, YYYY-MM-DD.
func cstDay(t time.Time) string { return t.In(finance.CST).Format(time.DateOnly) }

// requireBank refuses every role but a bank account bound to its bank.
func requireBank(c auth.Caller) error {
	if c.Role != auth.RoleBank || c.InstitutionID == 0 {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅合作银行账号可执行此操作")
	}
	return nil
}

// requireOwnEnterprise refuses every caller but the enterprise account of id.
func requireOwnEnterprise(c auth.Caller, id int64, what string) error {
	if c.Role != auth.RoleEnterprise || c.EnterpriseID != id {
		return apperr.Errorf(apperr.EFORBIDDEN, "仅企业本身可%s", what)
	}
	return nil
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }

// splitScope reads a stored comma-separated scope list.
func splitScope(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// enterpriseInScope returns the region and name of enterprise id when c
// may read it, ENOTFOUND otherwise.
func (tx *Tx) enterpriseInScope(ctx context.Context, c auth.Caller, id int64) (region, name, tier string, err error) {
	var a args
	err = tx.queryRow(ctx, `SELECT e.region, e.name, e.tier FROM enterprises e WHERE e.id = `+a.add(id)+
		and(enterpriseScope(c, &a)), a...).Scan(&region, &name, &tier)
	if err != nil {
		return "", "", "", notFound(err, "企业不存在或无权查看")
	}
	return region, name, tier, nil
}

// partnerBank returns the name of an approved partner bank.
func (tx *Tx) partnerBank(ctx context.Context, id int64) (string, error) {
	var name string
	err := tx.queryRow(ctx, `SELECT name FROM institutions WHERE id = $1 AND partner_bank AND status = 'approved'`, id).Scan(&name)
	if err != nil {
		return "", notFound(err, "合作银行不存在")
	}
	return name, nil
}

// The audit log names finance records by their enterprise (or title).
func init() {
	for entity, table := range map[string]string{
		"consent": "consents", "finance_demand": "finance_demands", "referral": "referrals",
		"credit_line": "credit_lines", "loan": "loans", "insurance_policy": "insurance_policies",
		"fund_project": "fund_projects", "bridge_request": "bridge_requests",
		"central_fund_project": "central_fund_projects", "equipment_subsidy": "equipment_subsidies",
	} {
		auditNames[entity] = `SELECT x.id, e.name, e.id FROM ` + table + ` x JOIN enterprises e ON e.id = x.enterprise_id WHERE x.id IN (%s)`
	}
	auditNames["matchmaking"] = `SELECT id, title, 0 FROM matchmakings WHERE id IN (%s)`
	auditNames["insurance_product"] = `SELECT id, name, 0 FROM insurance_products WHERE id IN (%s)`
}

// At runs fn with the transaction's clock set to t, then restores it: for
// loading history (the demo's demands pushed days ago), so that a record,
// its clocks and its audit rows carry the time they happened.
func (tx *Tx) At(t time.Time, fn func() error) error {
	defer tx.SetNow(tx.now)
	tx.SetNow(t)
	return fn()
}
