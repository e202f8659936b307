package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/reward"
)

const rewardPolicyColumns = `p.id, p.code, p.doc_no, p.name, p.object, p.tier, p.kind, p.level, p.jurisdiction, p.year,
	p.amount_fen, p.budget_fen, p.conditions, p.dedupe_group, p.rank, p.top_up, p.unverified, p.source, p.version,
	p.created_at, p.updated_at`

func scanRewardPolicy(row scanner) (*reward.Policy, error) {
	var p reward.Policy
	var cond string
	if err := row.Scan(&p.ID, &p.Code, &p.DocNo, &p.Name, &p.Object, &p.Tier, &p.Kind, &p.Level, &p.Jurisdiction, &p.Year,
		&p.AmountFen, &p.BudgetFen, &cond, &p.DedupeGroup, &p.Rank, &p.TopUp, &p.Unverified, &p.Source, &p.Version,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cond), &p.Conditions); err != nil {
		return nil, fmt.Errorf("reward policy %d: conditions: %w", p.ID, err)
	}
	return &p, nil
}

// rewardPolicyScope limits policies to those c may read: officials and
// enterprises see the city's and their district's policies (a policy is a
// public notice), institutions and banks none.
func rewardPolicyScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		return "(p.jurisdiction = '' OR p.jurisdiction = " + a.add(c.Region) + ")"
	case auth.RoleEnterprise:
		return "(p.jurisdiction = '' OR p.jurisdiction IN (SELECT region FROM enterprises WHERE id = " + a.add(c.EnterpriseID) + "))"
	}
	return "FALSE"
}

// ListRewardPolicies returns the policies the caller may read, newest year
// first, then by group and rank.
func (s *Store) ListRewardPolicies(ctx context.Context) (out []*reward.Policy, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		var a args
		rows, err := tx.query(ctx, `SELECT `+rewardPolicyColumns+` FROM reward_policies p`+where(rewardPolicyScope(c, &a))+
			` ORDER BY p.year DESC, p.dedupe_group, p.rank, p.id`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanRewardPolicy(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list reward policies: %w", err)
	}
	return out, nil
}

// getRewardPolicy returns a policy the caller may read.
func (tx *Tx) getRewardPolicy(ctx context.Context, c auth.Caller, id int64) (*reward.Policy, error) {
	var a args
	q := `SELECT ` + rewardPolicyColumns + ` FROM reward_policies p WHERE p.id = ` + a.add(id) + and(rewardPolicyScope(c, &a))
	p, err := scanRewardPolicy(tx.queryRow(ctx, q, a...))
	return p, notFound(err, "奖励政策不存在或无权查看")
}

// groupPolicies returns the policies of a dedupe group.
func (tx *Tx) groupPolicies(ctx context.Context, group string) ([]*reward.Policy, error) {
	rows, err := tx.query(ctx, `SELECT `+rewardPolicyColumns+` FROM reward_policies p WHERE p.dedupe_group = $1 ORDER BY p.rank`, group)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*reward.Policy
	for rows.Next() {
		p, err := scanRewardPolicy(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SyncRewardPolicies loads the policies of the rules files: new codes are
// added, changed ones updated (version + 1, audited), so the table follows
// the files. Policies officials added (source manual) are left alone.
func (s *Store) SyncRewardPolicies(ctx context.Context, ps []*reward.Policy) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SyncRewardPolicies(ctx, ps) })
}

// SyncRewardPolicies is Store.SyncRewardPolicies in tx.
func (tx *Tx) SyncRewardPolicies(ctx context.Context, ps []*reward.Policy) error {
	err := func() error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if err := tx.syncRewardPolicy(ctx, c, p); err != nil {
				return err
			}
		}
		return nil
	}()
	if err != nil {
		return fmt.Errorf("sqlstore: sync reward policies: %w", err)
	}
	return nil
}

func (tx *Tx) syncRewardPolicy(ctx context.Context, c auth.Caller, p *reward.Policy) error {
	cond, err := json.Marshal(p.Conditions)
	if err != nil {
		return err
	}
	old, err := scanRewardPolicy(tx.queryRow(ctx, `SELECT `+rewardPolicyColumns+` FROM reward_policies p WHERE p.code = $1`, p.Code))
	switch {
	case err == nil:
		p.ID, p.Version, p.CreatedAt, p.UpdatedAt = old.ID, old.Version, old.CreatedAt, old.UpdatedAt
		if samePolicy(old, p) {
			return nil
		}
		p.Version, p.UpdatedAt = old.Version+1, tx.now
		if _, err := tx.exec(ctx, `UPDATE reward_policies SET doc_no = $1, name = $2, object = $3, tier = $4, level = $5,
			jurisdiction = $6, year = $7, amount_fen = $8, budget_fen = $9, conditions = $10, dedupe_group = $11, rank = $12,
			top_up = $13, source = $14, version = $15, updated_at = $16, kind = $17, unverified = $18 WHERE id = $19`,
			p.DocNo, p.Name, p.Object, p.Tier, p.Level, p.Jurisdiction, p.Year, p.AmountFen, p.BudgetFen, string(cond),
			p.DedupeGroup, p.Rank, p.TopUp, p.Source, p.Version, ts(tx.now), p.Kind, p.Unverified, p.ID); err != nil {
			return err
		}
		return tx.audit(ctx, c, auditRow{action: "reward_policy.update", entity: "reward_policy",
			entityID: strconv.FormatInt(p.ID, 10), region: p.Jurisdiction, before: old, after: p})
	case errors.Is(err, sql.ErrNoRows):
		return tx.insertRewardPolicy(ctx, c, p, string(cond))
	default:
		return err
	}
}

// samePolicy reports whether a file's policy changes nothing of the stored one.
func samePolicy(a, b *reward.Policy) bool {
	x, y := *a, *b
	x.ID, x.Version, x.CreatedAt, x.UpdatedAt, x.Amount, x.Budget = 0, 0, y.CreatedAt, y.UpdatedAt, "", ""
	y.ID, y.Version, y.Amount, y.Budget = 0, 0, "", ""
	j1, _ := json.Marshal(x)
	j2, _ := json.Marshal(y)
	return string(j1) == string(j2)
}

func (tx *Tx) insertRewardPolicy(ctx context.Context, c auth.Caller, p *reward.Policy, cond string) error {
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	err := tx.queryRow(ctx, `INSERT INTO reward_policies (code, doc_no, name, object, tier, kind, level, jurisdiction, year,
		amount_fen, budget_fen, conditions, dedupe_group, rank, top_up, unverified, source, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, $18) RETURNING id`,
		p.Code, p.DocNo, p.Name, p.Object, p.Tier, p.Kind, p.Level, p.Jurisdiction, p.Year, p.AmountFen, p.BudgetFen, cond,
		p.DedupeGroup, p.Rank, p.TopUp, p.Unverified, p.Source, ts(tx.now)).Scan(&p.ID)
	if err != nil {
		if violation(err) == violUnique {
			return apperr.Wrap(err, apperr.ECONFLICT, "政策编码 "+p.Code+" 已存在")
		}
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "reward_policy.create", entity: "reward_policy",
		entityID: strconv.FormatInt(p.ID, 10), region: p.Jurisdiction, after: p})
}

// CreateRewardPolicy records a policy an official adds — a district's own
// policy, or one the files do not hold yet. The city adds any; a district
// official only its own district's.
func (s *Store) CreateRewardPolicy(ctx context.Context, p *reward.Policy) error {
	err := s.WithTx(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		if err := requireOfficial(c, "登记奖励政策"); err != nil {
			return err
		}
		if c.Role == auth.RoleDistrict && p.Jurisdiction != c.Region {
			return apperr.Errorf(apperr.EFORBIDDEN, "区县工信部门只能登记本区县的奖励政策（jurisdiction）")
		}
		p.Source = "manual"
		if err := p.Normalize(); err != nil {
			return err
		}
		if err := p.Validate(); err != nil {
			return err
		}
		cond, err := json.Marshal(p.Conditions)
		if err != nil {
			return err
		}
		return tx.insertRewardPolicy(ctx, c, p, string(cond))
	})
	if err != nil {
		return fmt.Errorf("sqlstore: create reward policy: %w", err)
	}
	return nil
}
