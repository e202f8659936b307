package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/hub"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

// Cultivation plans (培育辅导计划). Every query joins the enterprise row and
// its scope: officials see and change their district's plans, an enterprise
// account reads its own, and anything else is not found.

const planColumns = `pl.id, pl.enterprise_id, e.name, e.region, pl.tier, pl.ruleset_id, pl.as_of, pl.data_year, pl.status,
	pl.outcome_now, pl.outcome_latest, pl.score_now, pl.score_done, pl.score_latest, pl.met_now, pl.met_done, pl.met_latest,
	pl.conditions, pl.tags, pl.summary, pl.created_by, COALESCE(u.name, ''), pl.created_at, pl.updated_at, pl.version`

const planFrom = ` FROM plans pl JOIN enterprises e ON e.id = pl.enterprise_id LEFT JOIN users u ON u.id = pl.created_by`

func scanPlan(row scanner) (*plan.Plan, error) {
	p := new(plan.Plan)
	var asOf, tags string
	var now, done, latest sql.NullInt64
	err := row.Scan(&p.ID, &p.EnterpriseID, &p.EnterpriseName, &p.Region, &p.Tier, &p.RuleSet, &asOf, &p.DataYear, &p.Status,
		&p.OutcomeNow, &p.OutcomeLatest, &now, &done, &latest, &p.MetNow, &p.MetDone, &p.MetLatest,
		&p.Conditions, &tags, &p.Summary, int64Col{&p.CreatedBy}, &p.CreatedByName, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}, &p.Version)
	if err != nil {
		return nil, err
	}
	p.AsOf, _ = profile.ParseDate(asOf)
	p.ScoreNow, p.ScoreDone, p.ScoreLatest = intPtr(now), intPtr(done), intPtr(latest)
	p.Tags = plan.ParseTags(tags)
	return p, nil
}

func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

func nullIntPtr(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// planAudit is how a plan appears in the audit log.
type planAudit struct {
	EnterpriseID int64    `json:"enterprise_id"`
	Tier         string   `json:"tier"`
	RuleSet      string   `json:"ruleset"`
	ScoreNow     *int     `json:"score_now"`
	ScoreDone    *int     `json:"score_done"`
	MetNow       int      `json:"met_now"`
	MetDone      int      `json:"met_done"`
	Tags         []string `json:"tags,omitempty"`
	Tasks        []string `json:"tasks"`
}

// CreatePlan stores a plan built by plan.Build for an enterprise in the
// caller's scope (officials only), with its tasks, owners checked: an
// official of the enterprise's district or of the city, or an institution.
func (tx *Tx) CreatePlan(ctx context.Context, p *plan.Plan) error {
	if err := tx.createPlan(ctx, p); err != nil {
		return fmt.Errorf("sqlstore: create plan: %w", err)
	}
	return nil
}

func (tx *Tx) createPlan(ctx context.Context, p *plan.Plan) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireOfficial(c, "制定培育计划"); err != nil {
		return err
	}
	e, err := tx.getEnterprise(ctx, c, "e.id", p.EnterpriseID)
	if err != nil {
		return err
	}
	for _, t := range p.Tasks {
		if err := tx.checkOwner(ctx, e, p.Tier, &t.Owner); err != nil {
			return err
		}
		if t.Due.IsZero() {
			return apperr.Errorf(apperr.EINVALID, "due：请填写完成期限")
		}
	}
	p.Region, p.EnterpriseName = e.Region, e.Name
	p.CreatedBy, p.CreatedAt, p.UpdatedAt, p.Version = c.UserID, tx.now, tx.now, 1
	err = tx.queryRow(ctx, `INSERT INTO plans (enterprise_id, tier, ruleset_id, as_of, data_year, status, outcome_now,
		outcome_latest, score_now, score_done, score_latest, met_now, met_done, met_latest, conditions, tags, summary,
		created_by, created_at, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
		p.EnterpriseID, p.Tier, p.RuleSet, p.AsOf.String(), int64(p.DataYear), p.Status, p.OutcomeNow, p.OutcomeLatest,
		nullIntPtr(p.ScoreNow), nullIntPtr(p.ScoreDone), nullIntPtr(p.ScoreLatest), int64(p.MetNow), int64(p.MetDone),
		int64(p.MetLatest), int64(p.Conditions), plan.TagsColumn(p.Tags), p.Summary, nullInt64(c.UserID),
		ts(tx.now), ts(tx.now), p.Version).Scan(&p.ID)
	if err != nil {
		if violation(err) == violCheck {
			return apperr.Wrap(err, apperr.EINVALID, "tier：梯度无效")
		}
		return err
	}
	au := planAudit{EnterpriseID: p.EnterpriseID, Tier: p.Tier, RuleSet: p.RuleSet, ScoreNow: p.ScoreNow,
		ScoreDone: p.ScoreDone, MetNow: p.MetNow, MetDone: p.MetDone, Tags: p.Tags}
	for _, t := range p.Tasks {
		if err := tx.insertTask(ctx, p, t); err != nil {
			return err
		}
		au.Tasks = append(au.Tasks, t.Summary)
	}
	return tx.audit(ctx, c, auditRow{action: "plan.create", entity: "plan", entityID: strconv.FormatInt(p.ID, 10),
		region: e.Region, after: au})
}

func (tx *Tx) insertTask(ctx context.Context, p *plan.Plan, t *plan.Task) error {
	from, to, add, err := targetJSON(t.Target)
	if err != nil {
		return err
	}
	t.PlanID, t.Version = p.ID, 1
	return tx.queryRow(ctx, `INSERT INTO plan_tasks (plan_id, seq, source_id, source_label, path, target_from, target_to,
		target_add, add_count, unit, summary, owner_user_id, owner_institution_id, owner_product_id, due, status, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
		p.ID, int64(t.Seq), t.SourceID, t.SourceLabel, t.Target.Path, from, to, add, int64(t.Target.Count), t.Target.Unit,
		t.Summary, nullInt64(t.Owner.UserID), nullInt64(t.Owner.InstitutionID), nullInt64(t.Owner.ProductID), t.Due.String(), t.Status,
		ts(tx.now), t.Version).Scan(&t.ID)
}

// targetJSON stores a target's values as JSON texts (NULL when absent).
func targetJSON(t plan.Target) (from, to, add any, err error) {
	enc := func(v any) (any, error) {
		if v == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	if from, err = enc(t.From); err == nil {
		if to, err = enc(t.To); err == nil {
			add, err = enc(t.Add)
		}
	}
	return from, to, add, err
}

// checkOwner checks that a task's owner may carry it, and fills its name:
// an official of the enterprise's district or the city, an institution not
// suspended, or an active product of the packages of the plan's tier and
// the enterprise's chain (whose institution then owns the task).
func (tx *Tx) checkOwner(ctx context.Context, e *enterprise.Record, tier string, o *plan.Owner) error {
	switch {
	case o.UserID != 0 && (o.InstitutionID != 0 || o.ProductID != 0):
		return apperr.Errorf(apperr.EINVALID, "owner：负责人应为一名工作人员或一家服务机构，不能同时指定")
	case o.ProductID != 0:
		ps, err := tx.PackageProducts(ctx, tier, e.Chain)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ps, func(p *hub.Product) bool { return p.ID == o.ProductID })
		if i < 0 {
			return apperr.Errorf(apperr.EINVALID, "owner：服务产品应为该梯度、产业链培育服务包中的在架产品 (owner.product_id: not in the packages of the tier and chain)")
		}
		if o.InstitutionID != 0 && o.InstitutionID != ps[i].InstitutionID {
			return apperr.Errorf(apperr.EINVALID, "owner：服务产品不属于所指定的服务机构")
		}
		o.InstitutionID, o.Product = ps[i].InstitutionID, ps[i].Name
		err = tx.queryRow(ctx, `SELECT name FROM institutions WHERE id = $1 AND status = 'approved'`, o.InstitutionID).Scan(&o.Name)
		return notFoundField(err, "owner：服务产品所属机构未入驻或已暂停")
	case o.InstitutionID != 0:
		err := tx.queryRow(ctx, `SELECT name FROM institutions WHERE id = $1 AND status <> 'suspended'`, o.InstitutionID).Scan(&o.Name)
		return notFoundField(err, "owner：服务机构不存在或已暂停")
	case o.UserID != 0:
		err := tx.queryRow(ctx, `SELECT name FROM users WHERE id = $1 AND NOT disabled
			AND (role = 'city' OR (role = 'district' AND region = $2))`, o.UserID, e.Region).Scan(&o.Name)
		return notFoundField(err, "owner：负责人应为本区县或市工信部门的在用账号")
	}
	return apperr.Errorf(apperr.EINVALID, "owner：请指定负责人")
}

// notFoundField turns "no such row" into an invalid-input error naming the
// field, since the id came from the request body.
func notFoundField(err error, msg string) error {
	if err == sql.ErrNoRows {
		return apperr.Errorf(apperr.EINVALID, "%s", msg)
	}
	return err
}

// GetPlan returns a plan with its tasks, if its enterprise is in the
// caller's scope.
func (tx *Tx) GetPlan(ctx context.Context, id int64) (*plan.Plan, error) {
	ps, err := tx.plans(ctx, "pl.id", id)
	if err == nil && len(ps) == 0 {
		err = apperr.Errorf(apperr.ENOTFOUND, "培育计划不存在或无权查看")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get plan %d: %w", id, err)
	}
	return ps[0], nil
}

// EnterprisePlans returns an enterprise's plans with their tasks, newest
// first, if the enterprise is in the caller's scope (an unknown one has
// none).
func (tx *Tx) EnterprisePlans(ctx context.Context, enterpriseID int64) ([]*plan.Plan, error) {
	ps, err := tx.plans(ctx, "pl.enterprise_id", enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enterprise plans %d: %w", enterpriseID, err)
	}
	return ps, nil
}

func (tx *Tx) plans(ctx context.Context, col string, key int64) ([]*plan.Plan, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	rows, err := tx.query(ctx, `SELECT `+planColumns+planFrom+` WHERE `+col+` = `+a.add(key)+and(bureauScope(c, &a))+
		` ORDER BY pl.created_at DESC, pl.id DESC`, a...)
	if err != nil {
		return nil, err
	}
	var out []*plan.Plan
	byID := map[int64]*plan.Plan{}
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, p)
		byID[p.ID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]int64, len(out))
	for i, p := range out {
		ids[i] = p.ID
	}
	return out, tx.loadTasks(ctx, ids, byID)
}

const taskColumns = `t.id, t.plan_id, t.seq, t.source_id, t.source_label, t.path, t.target_from, t.target_to, t.target_add,
	t.add_count, t.unit, t.summary, t.owner_user_id, t.owner_institution_id, t.owner_product_id, COALESCE(ou.name, oi.name, ''), COALESCE(op.name, ''), t.due, t.status,
	t.value, t.score_before, t.score_after, t.met_before, t.met_after, t.outcome_after, t.assessment_id, t.closed_by,
	COALESCE(cu.name, ''), t.closed_at, t.updated_at, t.version, ev.id, ev.filename, ev.mime, ev.size, ev.sha256`

const taskFrom = ` FROM plan_tasks t LEFT JOIN users ou ON ou.id = t.owner_user_id
	LEFT JOIN institutions oi ON oi.id = t.owner_institution_id LEFT JOIN products op ON op.id = t.owner_product_id
	LEFT JOIN users cu ON cu.id = t.closed_by
	LEFT JOIN evidence ev ON ev.task_id = t.id`

func (tx *Tx) loadTasks(ctx context.Context, ids []int64, byID map[int64]*plan.Plan) error {
	var a args
	rows, err := tx.query(ctx, `SELECT `+taskColumns+taskFrom+` WHERE t.plan_id IN (`+inList(&a, ids)+`) ORDER BY t.plan_id, t.seq`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return err
		}
		p := byID[t.PlanID]
		p.Tasks = append(p.Tasks, t)
	}
	return rows.Err()
}

func scanTask(row scanner) (*plan.Task, error) {
	t := new(plan.Task)
	var from, to, add, value, outcome string
	var due string
	var before, after sql.NullInt64
	var metBefore, metAfter, evID, evSize sql.NullInt64
	var evName, evMIME, evSum sql.NullString
	err := row.Scan(&t.ID, &t.PlanID, &t.Seq, &t.SourceID, &t.SourceLabel, &t.Target.Path, stringCol{&from}, stringCol{&to}, stringCol{&add},
		&t.Target.Count, &t.Target.Unit, &t.Summary, int64Col{&t.Owner.UserID}, int64Col{&t.Owner.InstitutionID}, int64Col{&t.Owner.ProductID}, &t.Owner.Name, &t.Owner.Product,
		&due, &t.Status, stringCol{&value}, &before, &after, &metBefore, &metAfter, stringCol{&outcome}, int64Col{&t.AssessmentID},
		int64Col{&t.ClosedBy}, &t.ClosedByName, timeCol{&t.ClosedAt}, timeCol{&t.UpdatedAt}, &t.Version,
		&evID, &evName, &evMIME, &evSize, &evSum)
	if err != nil {
		return nil, err
	}
	t.Due, _ = profile.ParseDate(due)
	for _, f := range []struct {
		s   *string
		dst *any
	}{{&from, &t.Target.From}, {&to, &t.Target.To}, {&add, &t.Target.Add}} {
		if *f.s != "" {
			if err := json.Unmarshal([]byte(*f.s), f.dst); err != nil {
				return nil, err
			}
		}
	}
	if value != "" {
		t.Value = json.RawMessage(value)
	}
	t.ScoreBefore, t.ScoreAfter = intPtr(before), intPtr(after)
	t.MetBefore, t.MetAfter, t.OutcomeAfter = int(metBefore.Int64), int(metAfter.Int64), outcome
	if evID.Valid {
		t.Evidence = &plan.Evidence{ID: evID.Int64, TaskID: t.ID, Filename: evName.String, MIME: evMIME.String,
			Size: evSize.Int64, SHA256: evSum.String}
	}
	return t, nil
}

// OwnedTask is a plan task with the plan's tier and enterprise: what an
// institution sees of the plans whose tasks it carries.
type OwnedTask struct {
	*plan.Task
	Tier         string
	EnterpriseID int64
	Enterprise   string
}

// OwnedTasks lists the plan tasks the caller's institution owns (directly
// or through one of its package products), open ones first by due date.
// Only an institution account has tasks of its own here; officials read
// the plans themselves.
func (tx *Tx) OwnedTasks(ctx context.Context) ([]OwnedTask, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if c.Role != auth.RoleInstitution || c.InstitutionID == 0 {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "只有服务机构账号可以查看本机构承担的培育任务")
	}
	out, err := queryAll(ctx, tx, `SELECT pl.tier, e.id, e.name, `+taskColumns+taskFrom+`
		JOIN plans pl ON pl.id = t.plan_id JOIN enterprises e ON e.id = pl.enterprise_id
		WHERE t.owner_institution_id = $1 ORDER BY t.status DESC, t.due, t.id`, args{c.InstitutionID},
		func(row scanner) (OwnedTask, error) {
			var o OwnedTask
			var err error
			o.Task, err = scanTask(withLeading(row, &o.Tier, &o.EnterpriseID, &o.Enterprise))
			return o, err
		})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: owned plan tasks: %w", err)
	}
	return out, nil
}

// OwnedTasks is Tx.OwnedTasks in its own read transaction.
func (s *Store) OwnedTasks(ctx context.Context) ([]OwnedTask, error) {
	return read(s, ctx, func(tx *Tx) ([]OwnedTask, error) { return tx.OwnedTasks(ctx) })
}
