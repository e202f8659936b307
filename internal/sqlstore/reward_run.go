package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/profile"
	"zjtx/internal/reward"
)

const rewardRunColumns = `r.id, r.policy_id, p.name, p.doc_no, r.state, r.total_fen, r.budget_fen, r.data_hash, r.prepared_by,
	r.prepared_at, r.approved_by, r.approved_at, r.opinion, r.notice_no, r.publicity_from, r.publicity_to, r.cancel_reason,
	r.version, r.created_at, r.updated_at`

const rewardRunFrom = ` FROM reward_runs r JOIN reward_policies p ON p.id = r.policy_id`

func scanRewardRun(row scanner) (*reward.Run, error) {
	var r reward.Run
	err := row.Scan(&r.ID, &r.PolicyID, &r.PolicyName, &r.DocNo, &r.State, &r.TotalFen, &r.BudgetFen, &r.DataHash,
		&r.PreparedBy, timeCol{&r.PreparedAt}, int64Col{&r.ApprovedBy}, timeCol{&r.ApprovedAt}, &r.Opinion, &r.NoticeNo,
		stringCol{&r.PublicityFrom}, stringCol{&r.PublicityTo}, &r.CancelReason, &r.Version,
		timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// rewardRunScope limits runs to officials: the city sees every run, a
// district official the runs of the city's and its own district's policies.
// Enterprises see their items (ListRewardItems), never a run's list.
func rewardRunScope(c auth.Caller, a *args) string {
	switch c.Role {
	case auth.RoleCity:
		return ""
	case auth.RoleDistrict:
		return "(p.jurisdiction = '' OR p.jurisdiction = " + a.add(c.Region) + ")"
	}
	return "FALSE"
}

// ListRewardRuns returns the runs the caller may see, newest first.
func (s *Store) ListRewardRuns(ctx context.Context) (out []*reward.Run, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		var a args
		rows, err := tx.query(ctx, `SELECT `+rewardRunColumns+rewardRunFrom+where(rewardRunScope(c, &a))+` ORDER BY r.id DESC`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRewardRun(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list reward runs: %w", err)
	}
	return out, nil
}

// GetRewardRun returns a run with its items in the caller's scope (a
// district official sees its district's items only).
func (s *Store) GetRewardRun(ctx context.Context, id int64) (r *reward.Run, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		r, err = tx.GetRewardRun(ctx, id)
		return err
	})
	return r, err
}

// GetRewardRun is Store.GetRewardRun in tx.
func (tx *Tx) GetRewardRun(ctx context.Context, id int64) (*reward.Run, error) {
	r, err := func() (*reward.Run, error) {
		c, err := callerFrom(ctx)
		if err != nil {
			return nil, err
		}
		r, err := tx.getRewardRun(ctx, c, id)
		if err != nil {
			return nil, err
		}
		r.Items, err = tx.rewardItems(ctx, c, rewardItemFilter{runID: id})
		return r, err
	}()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get reward run %d: %w", id, err)
	}
	return r, nil
}

func (tx *Tx) getRewardRun(ctx context.Context, c auth.Caller, id int64) (*reward.Run, error) {
	var a args
	q := `SELECT ` + rewardRunColumns + rewardRunFrom + ` WHERE r.id = ` + a.add(id) + and(rewardRunScope(c, &a))
	r, err := scanRewardRun(tx.queryRow(ctx, q, a...))
	return r, notFound(err, "兑现批次不存在或无权查看")
}

// CreateRewardRun makes a dry run (试算) of a policy: every enterprise
// holding a qualifying recognition, proposed with its explanation or
// excluded with its reason, stored as a draft run. City officials only.
func (s *Store) CreateRewardRun(ctx context.Context, policyID int64) (r *reward.Run, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		r, err = tx.CreateRewardRun(ctx, policyID)
		return err
	})
	return r, err
}

// CreateRewardRun is Store.CreateRewardRun in tx.
func (tx *Tx) CreateRewardRun(ctx context.Context, policyID int64) (*reward.Run, error) {
	r, err := tx.createRewardRun(ctx, policyID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: create reward run: %w", err)
	}
	return r, nil
}

func (tx *Tx) createRewardRun(ctx context.Context, policyID int64) (*reward.Run, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireCity(c); err != nil {
		return nil, err
	}
	p, err := tx.getRewardPolicy(ctx, c, policyID)
	if err != nil {
		return nil, err
	}
	if p.Object != reward.ObjectEnterprise {
		return nil, apperr.Errorf(apperr.EINVALID, "政策“%s”的奖励对象是%s，平台尚未接入其认定数据，暂不能试算（policy_id）",
			p.Name, reward.ObjectZH[p.Object])
	}
	in, err := tx.rewardInput(ctx, p)
	if err != nil {
		return nil, err
	}
	items, total := reward.Decide(in)
	hash, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(hash)
	run := &reward.Run{PolicyID: p.ID, PolicyName: p.Name, DocNo: p.DocNo, State: reward.RunDraft, TotalFen: total,
		BudgetFen: in.Budget, DataHash: hex.EncodeToString(sum[:]), PreparedBy: c.UserID, PreparedAt: tx.now,
		Version: 1, CreatedAt: tx.now, UpdatedAt: tx.now}
	if err := tx.queryRow(ctx, `INSERT INTO reward_runs (policy_id, state, total_fen, budget_fen, data_hash, prepared_by,
		prepared_at, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $7, $7) RETURNING id`,
		p.ID, run.State, total, in.Budget, run.DataHash, c.UserID, ts(tx.now)).Scan(&run.ID); err != nil {
		return nil, err
	}
	for _, it := range items {
		ri := &reward.RunItem{RunID: run.ID, EnterpriseID: it.EnterpriseID, RecognitionID: it.RecognitionID,
			Name: it.Name, USCC: it.USCC, Region: it.Region, AmountFen: it.AmountFen, Status: it.Status,
			Reason: it.Reason, ReasonText: it.ReasonText, Explanation: it.Explanation, Version: 1}
		if err := tx.queryRow(ctx, `INSERT INTO reward_items (run_id, enterprise_id, recognition_id, dedupe_group, amount_fen,
			status, reason, reason_text, explanation, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10)
			RETURNING id`, run.ID, it.EnterpriseID, it.RecognitionID, p.DedupeGroup, it.AmountFen, it.Status, it.Reason,
			it.ReasonText, it.Explanation, ts(tx.now)).Scan(&ri.ID); err != nil {
			return nil, err
		}
		run.Items = append(run.Items, ri)
	}
	return run, tx.audit(ctx, c, auditRow{action: "reward_run.create", entity: "reward_run",
		entityID: strconv.FormatInt(run.ID, 10), region: p.Jurisdiction, after: runAudit(run, len(items))})
}

// runAudit is what the audit log keeps of a run: its state and figures,
// not its items (each item's changes have rows of their own).
func runAudit(r *reward.Run, items int) map[string]any {
	return map[string]any{"policy_id": r.PolicyID, "state": r.State, "total_fen": r.TotalFen, "budget_fen": r.BudgetFen,
		"data_hash": r.DataHash, "items": items, "opinion": r.Opinion, "notice_no": r.NoticeNo,
		"publicity_to": r.PublicityTo, "cancel_reason": r.CancelReason, "version": r.Version}
}

// rewardInput gathers what a dry run of p decides from: the recognitions of
// the group's tiers and year with their enterprises' facts, the group's
// earlier rewards (claimed items and imported payments), the budget left.
func (tx *Tx) rewardInput(ctx context.Context, p *reward.Policy) (reward.Input, error) {
	in := reward.Input{Policy: p}
	var err error
	if in.Group, err = tx.groupPolicies(ctx, p.DedupeGroup); err != nil {
		return in, err
	}
	var a args
	var tiers []string
	for _, g := range in.Group {
		if g.Year == p.Year && g.Rank <= p.Rank && g.Object == reward.ObjectEnterprise {
			tiers = append(tiers, g.Tier)
		}
	}
	q := `SELECT r.id, r.tier, r.level, r.batch, r.doc_no, r.recognized_on, e.id, e.name, e.uscc, e.region, pr.profile
		FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id JOIN enterprise_profiles pr ON pr.enterprise_id = e.id
		WHERE r.tier IN (` + inList(&a, tiers) + `) AND e.status = 'active'`
	if p.Conditions.RecognizedInYear {
		q += ` AND r.recognized_on >= ` + a.add(fmt.Sprintf("%04d-01-01", p.Year)) + ` AND r.recognized_on <= ` + a.add(fmt.Sprintf("%04d-12-31", p.Year))
	}
	rows, err := tx.query(ctx, q+` ORDER BY e.id, r.recognized_on`, a...)
	if err != nil {
		return in, err
	}
	defer rows.Close()
	for rows.Next() {
		var rec reward.Recognition
		var c reward.Candidate
		var doc string
		if err := rows.Scan(&rec.ID, &rec.Tier, &rec.Level, &rec.Batch, &rec.DocNo, dateCol{&rec.On},
			&c.EnterpriseID, &c.Name, &c.USCC, &c.Region, &doc); err != nil {
			return in, err
		}
		if n := len(in.Candidates); n > 0 && in.Candidates[n-1].EnterpriseID == c.EnterpriseID {
			in.Candidates[n-1].Recognitions = append(in.Candidates[n-1].Recognitions, rec)
			continue
		}
		var flags struct {
			Flags *profile.Flags `json:"flags"`
		}
		if err := json.Unmarshal([]byte(doc), &flags); err != nil {
			return in, fmt.Errorf("enterprise %d: stored profile: %w", c.EnterpriseID, err)
		}
		c.Flags = reward.FlagKeys(flags.Flags)
		c.Recognitions = []reward.Recognition{rec}
		in.Candidates = append(in.Candidates, c)
	}
	if err := rows.Err(); err != nil {
		return in, err
	}
	if in.Priors, err = tx.rewardPriors(ctx, p.DedupeGroup); err != nil {
		return in, err
	}
	if p.BudgetFen > 0 {
		var used int64
		if err := tx.queryRow(ctx, `SELECT COALESCE(SUM(i.amount_fen), 0) FROM reward_items i JOIN reward_runs r ON r.id = i.run_id
			WHERE r.policy_id = $1 AND i.claimed`, p.ID).Scan(&used); err != nil {
			return in, err
		}
		in.Budget, in.Limited = max(p.BudgetFen-used, 0), true
	}
	return in, nil
}

// rewardPriors returns the rewards of a dedupe group enterprises hold:
// the claimed items of approved runs and the imported earlier payments.
func (tx *Tx) rewardPriors(ctx context.Context, group string) ([]reward.Prior, error) {
	rows, err := tx.query(ctx, `SELECT i.enterprise_id, i.recognition_id, i.amount_fen, p.year, p.name, i.run_id
		FROM reward_items i JOIN reward_runs r ON r.id = i.run_id JOIN reward_policies p ON p.id = r.policy_id
		WHERE i.claimed AND i.dedupe_group = $1
		UNION ALL
		SELECT enterprise_id, COALESCE(recognition_id, 0), amount_fen, year, policy_name, 0
		FROM reward_payments WHERE source = 'import' AND result = 'paid' AND dedupe_group = $1`, group)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reward.Prior
	for rows.Next() {
		var pr reward.Prior
		var year int
		var name string
		var run int64
		if err := rows.Scan(&pr.EnterpriseID, &pr.RecognitionID, &pr.AmountFen, &year, &name, &run); err != nil {
			return nil, err
		}
		pr.What = fmt.Sprintf("%d年%s %s", year, name, reward.FormatWan(pr.AmountFen))
		if run != 0 {
			pr.What += fmt.Sprintf("（兑现批次 #%d）", run)
		} else {
			pr.What += "（历史兑付记录）"
		}
		out = append(out, pr)
	}
	return out, rows.Err()
}
