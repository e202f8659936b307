package sqlstore

import (
	"cmp"
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
		ri := &reward.RunItem{RunID: run.ID, Subject: it.Subject, SubjectID: it.SubjectID, Award: it.Award, Holder: it.Holder,
			EnterpriseID: it.EnterpriseID, RecognitionID: it.RecognitionID, Name: cmp.Or(it.Name, it.Payee), USCC: it.USCC,
			Region: it.Region, AmountFen: it.AmountFen, Status: it.Status, Reason: it.Reason, ReasonText: it.ReasonText,
			Explanation: it.Explanation, Version: 1}
		if err := tx.queryRow(ctx, `INSERT INTO reward_items (run_id, subject, subject_id, award, holder, payee, enterprise_id,
			recognition_id, region, dedupe_group, amount_fen, status, reason, reason_text, explanation, version, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16) RETURNING id`,
			run.ID, it.Subject, it.SubjectID, it.Award, it.Holder, it.Payee, nullInt64(it.EnterpriseID),
			nullInt64(it.RecognitionID), it.Region, p.DedupeGroup, it.AmountFen, it.Status, it.Reason, it.ReasonText,
			it.Explanation, ts(tx.now)).Scan(&ri.ID); err != nil {
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

// rewardInput gathers what a dry run of p decides from: the subjects
// holding the titles of the group's policies for the year, each with its
// payee's facts (rewardCandidates), the group's earlier rewards (claimed
// items and imported payments), the budget left.
func (tx *Tx) rewardInput(ctx context.Context, p *reward.Policy) (reward.Input, error) {
	in := reward.Input{Policy: p}
	var err error
	if in.Group, err = tx.groupPolicies(ctx, p.DedupeGroup); err != nil {
		return in, err
	}
	var wants []string
	for _, g := range in.Group {
		if g.Year == p.Year && g.Rank <= p.Rank && g.Object == p.Object {
			wants = append(wants, g.Wants())
		}
	}
	var a args
	q, ok := rewardCandidates[p.Object]
	if !ok {
		return in, apperr.Errorf(apperr.EINVALID, "未知的奖励对象：%s（object）", p.Object)
	}
	sql := q.query
	if q.title != "" {
		sql += ` AND ` + q.title + ` IN (` + inList(&a, wants) + `)`
	}
	if p.Conditions.RecognizedInYear {
		sql += ` AND ` + q.on + ` >= ` + a.add(fmt.Sprintf("%04d-01-01", p.Year)) + ` AND ` + q.on + ` <= ` +
			a.add(fmt.Sprintf("%04d-12-31", p.Year))
	}
	rows, err := tx.query(ctx, sql+` ORDER BY 1, 13`, a...)
	if err != nil {
		return in, err
	}
	defer rows.Close()
	for rows.Next() {
		var rec reward.Recognition
		var c reward.Candidate
		var doc string
		if err := rows.Scan(&c.SubjectID, &c.Holder, &c.EnterpriseID, &c.Payee, &c.Name, &c.USCC, &c.Region, &doc,
			&rec.ID, &rec.Tier, &rec.Level, &rec.Batch, dateCol{&rec.On}, &rec.DocNo); err != nil {
			return in, err
		}
		if p.Object == reward.ObjectPrize {
			rec.Level = reward.PrizeLevel(rec.Tier)
		}
		if n := len(in.Candidates); n > 0 && in.Candidates[n-1].SubjectID == c.SubjectID {
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
	if in.Priors, err = tx.rewardPriors(ctx, p.Object, p.DedupeGroup); err != nil {
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

// candidateQuery reads the subjects of one object with their titles, one
// row per title, in the columns rewardInput scans: subject id, holder,
// payee enterprise id (0: none), payee as named, payee name, USCC, the
// subject's district, the payee's profile, recognition id, tier (or kind,
// or result), level, batch, date, 文号. title and on name the columns a run
// filters by title and by year.
type candidateQuery struct{ query, title, on string }

// operatorPayee finds the enterprise a carrier's or cluster's operator
// (运营主体) names: an active enterprise registered under that name.
const operatorPayee = `LEFT JOIN enterprises e ON e.id = (SELECT min(x.id) FROM enterprises x WHERE x.name = %[1]s.operator
		AND %[1]s.operator <> '' AND x.status = 'active') LEFT JOIN enterprise_profiles pr ON pr.enterprise_id = e.id`

var rewardCandidates = map[string]candidateQuery{
	reward.ObjectEnterprise: {`SELECT e.id, '', e.id, e.name, e.name, e.uscc, e.region, pr.profile,
		r.id, r.tier, r.level, r.batch, r.recognized_on, r.doc_no
		FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id JOIN enterprise_profiles pr ON pr.enterprise_id = e.id
		WHERE e.status = 'active'`, "r.tier", "r.recognized_on"},
	reward.ObjectCarrier: {`SELECT k.id, k.name, COALESCE(e.id, 0), k.operator, COALESCE(e.name, ''), COALESCE(e.uscc, ''),
		k.region, COALESCE(pr.profile, '{}'), 0, k.kind, k.level, '', k.recognized_on, k.doc_no
		FROM carriers k ` + fmt.Sprintf(operatorPayee, "k") + ` WHERE k.recognized_on IS NOT NULL`, "k.kind", "k.recognized_on"},
	reward.ObjectCluster: {`SELECT g.id, g.name, COALESCE(e.id, 0), g.operator, COALESCE(e.name, ''), COALESCE(e.uscc, ''),
		g.region, COALESCE(pr.profile, '{}'), 0, '', g.level, '', g.recognized_on, g.doc_no
		FROM clusters g ` + fmt.Sprintf(operatorPayee, "g") + ` WHERE g.recognized_on IS NOT NULL`, "", "g.recognized_on"},
	// A contest entry's date is the first day of its edition's year; an
	// entry of the maker group has no enterprise (无企业主体).
	reward.ObjectPrize: {`SELECT ce.id, ce.project, COALESCE(e.id, 0), ce.team, COALESCE(e.name, ''), COALESCE(e.uscc, ''),
		ce.region, COALESCE(pr.profile, '{}'), 0, ce.result, '', ct.name, ` + prizeDate + `, ''
		FROM contest_entries ce JOIN contests ct ON ct.id = ce.contest_id
		LEFT JOIN enterprises e ON e.id = ce.enterprise_id AND e.status = 'active'
		LEFT JOIN enterprise_profiles pr ON pr.enterprise_id = e.id WHERE ce.result <> ''`, "ce.result", prizeDate},
}

// prizeDate is an entry's date as YYYY-MM-DD text: its edition's year.
const prizeDate = `(CAST(ct.year AS TEXT) || '-01-01')`

// rewardPriors returns the rewards of a dedupe group enterprises hold:
// the claimed items of approved runs and the imported earlier payments.
func (tx *Tx) rewardPriors(ctx context.Context, object, group string) ([]reward.Prior, error) {
	q := `SELECT i.subject_id, i.award, i.amount_fen, p.year, p.name, i.run_id
		FROM reward_items i JOIN reward_runs r ON r.id = i.run_id JOIN reward_policies p ON p.id = r.policy_id
		WHERE i.claimed AND i.dedupe_group = $1 AND i.subject = $2`
	if object == reward.ObjectEnterprise {
		// Imported earlier payments are enterprises' recognitions only.
		q += ` UNION ALL
		SELECT enterprise_id, COALESCE('recognition:' || CAST(recognition_id AS TEXT), ''), amount_fen, year, policy_name, 0
		FROM reward_payments WHERE source = 'import' AND result = 'paid' AND dedupe_group = $1`
	}
	rows, err := tx.query(ctx, q, group, object)
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
		if err := rows.Scan(&pr.SubjectID, &pr.Award, &pr.AmountFen, &year, &name, &run); err != nil {
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
