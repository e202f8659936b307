package sqlstore

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/workday"
)

// AppealFilter selects appeals; zero fields do not filter.
type AppealFilter struct {
	EnterpriseID int64
	OfficialID   int64
	Region       string
	Status       string
	Open         bool // not yet solved
	Overdue      bool // open and past a 13710 deadline now
	Limit        int
	Offset       int
}

const appealColumns = `p.id, p.number, p.enterprise_id, p.official_id, p.source, p.visit_id, p.category, p.title, p.content,
	p.complex, p.lead_unit, p.co_units, p.status, p.registered_at, p.due_route, p.due_feedback, p.due_solve, p.routed_at,
	p.feedback_at, p.solved_at, p.result, p.satisfaction, p.extensions, p.reopened, p.escalation, p.escalated_for,
	p.closed_by, p.closed_at, p.created_by, p.updated_at, p.version, e.name, e.region, g.name, COALESCE(u.name, '')`

const appealFrom = ` FROM appeals p JOIN enterprises e ON e.id = p.enterprise_id
	JOIN regions g ON g.code = e.region LEFT JOIN users u ON u.id = p.official_id`

func scanAppeal(row scanner) (*baolian.Appeal, error) {
	p := new(baolian.Appeal)
	err := row.Scan(&p.ID, &p.Number, &p.EnterpriseID, int64Col{&p.OfficialID}, &p.Source, int64Col{&p.VisitID}, &p.Category,
		&p.Title, &p.Content, &p.Complex, &p.LeadUnit, &p.CoUnits, &p.Status, timeCol{&p.RegisteredAt}, timeCol{&p.Due.Route},
		timeCol{&p.Due.Feedback}, timeCol{&p.Due.Solve}, timeCol{&p.RoutedAt}, timeCol{&p.FeedbackAt}, timeCol{&p.SolvedAt},
		&p.Result, &p.Satisfaction, &p.Extensions, &p.Reopened, &p.Escalation, &p.EscalatedFor, int64Col{&p.ClosedBy},
		timeCol{&p.ClosedAt}, int64Col{&p.CreatedBy}, timeCol{&p.UpdatedAt}, &p.Version, &p.EnterpriseName, &p.Region,
		&p.RegionName, &p.OfficialName)
	return p, err
}

// appealAudit is how an appeal appears in the audit log.
type appealAudit struct {
	Number       string `json:"number"`
	EnterpriseID int64  `json:"enterprise_id"`
	Source       string `json:"source"`
	Category     string `json:"category"`
	Title        string `json:"title"`
	Complex      bool   `json:"complex"`
	LeadUnit     string `json:"lead_unit,omitempty"`
	CoUnits      string `json:"co_units,omitempty"`
	Status       string `json:"status"`
	DueSolve     string `json:"due_solve"`
	Result       string `json:"result,omitempty"`
	Satisfaction string `json:"satisfaction,omitempty"`
	Escalation   int    `json:"escalation,omitempty"`
	Version      int64  `json:"version"`
}

func auditAppeal(p *baolian.Appeal) *appealAudit {
	if p == nil {
		return nil
	}
	return &appealAudit{p.Number, p.EnterpriseID, p.Source, p.Category, p.Title, p.Complex, p.LeadUnit, p.CoUnits, p.Status,
		ts(p.Due.Solve), p.Result, p.Satisfaction, p.Escalation, p.Version}
}

// overdueAppeal is the SQL condition of an appeal (alias p) late on a
// 13710 deadline at the time in placeholder now (baolian.Appeal.Overdue).
func overdueAppeal(now string) string {
	return "(p.status IN ('registered', 'assigned', 'in_progress') AND (p.due_solve < " + now +
		" OR (p.status = 'registered' AND p.due_route < " + now + ")" +
		" OR (p.status IN ('registered', 'assigned') AND p.due_feedback < " + now + ")))"
}

// ListAppeals returns a page of the ledger in the caller's scope, the
// latest first, with the number of all matches.
func (tx *Tx) ListAppeals(ctx context.Context, f AppealFilter) ([]*baolian.Appeal, int, error) {
	items, total, err := tx.listAppeals(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list appeals: %w", err)
	}
	return items, total, nil
}

func (tx *Tx) listAppeals(ctx context.Context, f AppealFilter) ([]*baolian.Appeal, int, error) {
	c, err := baolianReader(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := commonConds(c, &a, "p", f.EnterpriseID, f.OfficialID, f.Region)
	if f.Status != "" {
		if baolian.StatusName(f.Status) == "" {
			return nil, 0, apperr.Errorf(apperr.EINVALID, "status：诉求状态无效")
		}
		conds = append(conds, "p.status = "+a.add(f.Status))
	}
	if f.Open {
		conds = append(conds, "p.status IN ('registered', 'assigned', 'in_progress')")
	}
	if f.Overdue {
		conds = append(conds, overdueAppeal(a.add(ts(tx.now))))
	}
	return scopedPage(ctx, tx, appealColumns, appealFrom, where(conds...), " ORDER BY p.registered_at DESC, p.id DESC", a, f.Limit, f.Offset, scanAppeal)
}

// GetAppeal returns an appeal of the caller's scope with its notes.
func (tx *Tx) GetAppeal(ctx context.Context, id int64) (*baolian.Appeal, error) {
	c, err := baolianReader(ctx)
	if err == nil {
		var p *baolian.Appeal
		if p, err = tx.getAppeal(ctx, c, id); err == nil {
			return p, tx.appealNotes(ctx, p)
		}
	}
	return nil, fmt.Errorf("sqlstore: get appeal %d: %w", id, err)
}

func (tx *Tx) getAppeal(ctx context.Context, c auth.Caller, id int64) (*baolian.Appeal, error) {
	var a args
	p, err := scanAppeal(tx.queryRow(ctx, "SELECT "+appealColumns+appealFrom+" WHERE p.id = "+a.add(id)+and(bureauScope(c, &a)), a...))
	return p, notFound(err, "诉求不存在或无权查看")
}

func (tx *Tx) appealNotes(ctx context.Context, p *baolian.Appeal) error {
	rows, err := tx.query(ctx, `SELECT id, action, text, by_id, by_name, at FROM appeal_notes WHERE appeal_id = $1 ORDER BY id`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	p.Notes = []baolian.Note{}
	for rows.Next() {
		var n baolian.Note
		if err := rows.Scan(&n.ID, &n.Action, &n.Text, int64Col{&n.ByID}, &n.ByName, timeCol{&n.At}); err != nil {
			return err
		}
		p.Notes = append(p.Notes, n)
	}
	return rows.Err()
}

func (tx *Tx) addNote(ctx context.Context, c auth.Caller, p *baolian.Appeal, action, text string) error {
	_, err := tx.exec(ctx, `INSERT INTO appeal_notes (appeal_id, action, text, by_id, by_name, at) VALUES ($1, $2, $3, $4, $5, $6)`,
		p.ID, action, text, nullInt64(c.UserID), c.Username, ts(tx.now))
	return err
}

// CreateAppeal registers an issue of an enterprise in the caller's scope:
// an official's of any source, an enterprise account's of its own with
// source enterprise. The 13710 deadlines run from now; the responsible
// official is the enterprise's open 主包, if any.
func (tx *Tx) CreateAppeal(ctx context.Context, n baolian.NewAppeal) (*baolian.Appeal, error) {
	p, err := tx.createAppeal(ctx, n)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: create appeal %d: %w", n.EnterpriseID, err)
	}
	return p, nil
}

func (tx *Tx) createAppeal(ctx context.Context, n baolian.NewAppeal) (*baolian.Appeal, error) {
	c, err := baolianReader(ctx)
	if err != nil {
		return nil, err
	}
	if c.Role == auth.RoleEnterprise {
		n.Source, n.VisitID = baolian.SourceEnterprise, 0
	}
	if ps := n.Problems(); len(ps) > 0 {
		return nil, apperr.Errorf(apperr.EINVALID, "%s", ps[0].Message)
	}
	name, region, err := tx.scopedEnterprise(ctx, c, n.EnterpriseID)
	if err != nil {
		return nil, err
	}
	var lead int64
	if err := tx.queryRow(ctx, `SELECT COALESCE(max(official_id), 0) FROM assignments WHERE enterprise_id = $1 AND role = 'lead' AND to_on IS NULL`,
		n.EnterpriseID).Scan(&lead); err != nil {
		return nil, err
	}
	p := &baolian.Appeal{EnterpriseID: n.EnterpriseID, OfficialID: lead, Source: n.Source, VisitID: n.VisitID, Category: n.Category,
		Title: n.Title, Content: n.Content, Complex: n.Complex, Status: baolian.StatusRegistered, RegisteredAt: tx.now,
		Due: baolian.Deadlines(workday.Default(), tx.now, n.Complex), CreatedBy: c.UserID, UpdatedAt: tx.now, Version: 1,
		EnterpriseName: name, Region: region}
	// The number needs the id: a unique placeholder first, so concurrent
	// registrations never meet on it.
	tmp := "tmp-" + rand.Text()
	err = tx.queryRow(ctx, `INSERT INTO appeals (number, enterprise_id, official_id, source, visit_id, category, title, content,
		complex, status, registered_at, due_route, due_feedback, due_solve, created_by, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $11, 1) RETURNING id`,
		tmp, p.EnterpriseID, nullInt64(p.OfficialID), p.Source, nullInt64(p.VisitID), p.Category, p.Title, p.Content, p.Complex,
		p.Status, ts(tx.now), ts(p.Due.Route), ts(p.Due.Feedback), ts(p.Due.Solve), nullInt64(p.CreatedBy)).Scan(&p.ID)
	if err != nil {
		return nil, err
	}
	p.Number = fmt.Sprintf("SQ%d-%06d", tx.now.In(baolian.CST).Year(), p.ID)
	if _, err := tx.exec(ctx, `UPDATE appeals SET number = $1 WHERE id = $2`, p.Number, p.ID); err != nil {
		return nil, err
	}
	if err := tx.addNote(ctx, c, p, "register", p.Title); err != nil {
		return nil, err
	}
	return p, tx.audit(ctx, c, auditRow{action: "appeal.create", entity: "appeal", entityID: strconv.FormatInt(p.ID, 10),
		region: region, after: auditAppeal(p)})
}

// ActOnAppeal applies an official's action to an appeal of the caller's
// scope, from the version read (0: EPRECONDITION, another: ECONFLICT), with
// its progress note and audit row.
func (tx *Tx) ActOnAppeal(ctx context.Context, id, version int64, x baolian.Act) (*baolian.Appeal, error) {
	p, err := tx.actOnAppeal(ctx, id, version, x)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: appeal %d %s: %w", id, x.Action, err)
	}
	return p, nil
}

func (tx *Tx) actOnAppeal(ctx context.Context, id, version int64, x baolian.Act) (*baolian.Appeal, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return nil, err
	}
	if ps := x.Problems(); len(ps) > 0 {
		return nil, apperr.Errorf(apperr.EINVALID, "%s", ps[0].Message)
	}
	old, err := tx.getAppeal(ctx, c, id)
	if err != nil {
		return nil, err
	}
	switch {
	case version == 0:
		return nil, apperr.Errorf(apperr.EPRECONDITION, "办理诉求须注明所依据的版本（If-Match 或 version），以免覆盖他人的修改")
	case version != old.Version:
		return nil, apperr.Errorf(apperr.ECONFLICT, "该诉求已被他人办理，请刷新后重试")
	}
	p := *old
	note, err := x.Apply(workday.Default(), &p, tx.now, c.UserID)
	if err != nil {
		return nil, err
	}
	text := x.Text
	if x.Action == baolian.ActRoute {
		text = "主办：" + x.LeadUnit
		if x.CoUnits != "" {
			text += "；协办：" + x.CoUnits
		}
		if x.Text != "" {
			text += "。" + x.Text
		}
	}
	if err := tx.saveAppeal(ctx, old, &p); err != nil {
		return nil, err
	}
	if err := tx.addNote(ctx, c, &p, note, text); err != nil {
		return nil, err
	}
	return &p, tx.audit(ctx, c, auditRow{action: "appeal." + note, entity: "appeal", entityID: strconv.FormatInt(p.ID, 10),
		region: p.Region, before: auditAppeal(old), after: auditAppeal(&p)})
}

// saveAppeal writes p over old, conditional on old's version.
func (tx *Tx) saveAppeal(ctx context.Context, old, p *baolian.Appeal) error {
	p.Version, p.UpdatedAt = old.Version+1, tx.now
	res, err := tx.exec(ctx, `UPDATE appeals SET lead_unit = $1, co_units = $2, status = $3, due_solve = $4, routed_at = $5,
		feedback_at = $6, solved_at = $7, result = $8, satisfaction = $9, extensions = $10, reopened = $11, escalation = $12,
		escalated_for = $13, closed_by = $14, closed_at = $15, updated_at = $16, version = $17 WHERE id = $18 AND version = $19`,
		p.LeadUnit, p.CoUnits, p.Status, ts(p.Due.Solve), nullTS(p.RoutedAt), nullTS(p.FeedbackAt), nullTS(p.SolvedAt), p.Result,
		p.Satisfaction, p.Extensions, p.Reopened, p.Escalation, p.EscalatedFor, nullInt64(p.ClosedBy), nullTS(p.ClosedAt),
		ts(tx.now), p.Version, p.ID, old.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "该诉求已被他人办理，请刷新后重试")
	}
	return nil
}

// EscalateOverdue escalates every open appeal in the caller's scope that is
// late on a 13710 stage it was not yet escalated for (the periodic job runs
// it as the system), each with its note and audit row, and returns how
// many it escalated. Run twice, it escalates nothing the second time.
func (tx *Tx) EscalateOverdue(ctx context.Context) (int, error) {
	n, err := tx.escalateOverdue(ctx)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: escalate overdue appeals: %w", err)
	}
	return n, nil
}

func (tx *Tx) escalateOverdue(ctx context.Context) (int, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return 0, err
	}
	items, _, err := tx.listAppeals(ctx, AppealFilter{Overdue: true})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, old := range items {
		stage := old.Overdue(tx.now)
		if stage == "" || stage == old.EscalatedFor {
			continue
		}
		p := *old
		p.Escalation++
		p.EscalatedFor = stage
		if err := tx.saveAppeal(ctx, old, &p); err != nil {
			return 0, err
		}
		text := fmt.Sprintf("超过%s时限（%s）未完成，自动升级", baolian.StageName(stage), dueOf(old, stage).In(baolian.CST).Format("2006-01-02"))
		if err := tx.addNote(ctx, c, &p, baolian.ActEscalate, text); err != nil {
			return 0, err
		}
		if err := tx.audit(ctx, c, auditRow{action: "appeal.escalate", entity: "appeal", entityID: strconv.FormatInt(p.ID, 10),
			region: p.Region, before: auditAppeal(old), after: auditAppeal(&p)}); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

func dueOf(p *baolian.Appeal, stage string) time.Time {
	switch stage {
	case baolian.StageRoute:
		return p.Due.Route
	case baolian.StageFeedback:
		return p.Due.Feedback
	}
	return p.Due.Solve
}

// ListAppeals is Tx.ListAppeals in its own read transaction.
func (s *Store) ListAppeals(ctx context.Context, f AppealFilter) (items []*baolian.Appeal, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		items, total, err = tx.ListAppeals(ctx, f)
		return err
	})
	return items, total, err
}

// GetAppeal is Tx.GetAppeal in its own read transaction.
func (s *Store) GetAppeal(ctx context.Context, id int64) (p *baolian.Appeal, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		p, err = tx.GetAppeal(ctx, id)
		return err
	})
	return p, err
}

// CreateAppeal is Tx.CreateAppeal in its own transaction.
func (s *Store) CreateAppeal(ctx context.Context, n baolian.NewAppeal) (p *baolian.Appeal, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		p, err = tx.CreateAppeal(ctx, n)
		return err
	})
	return p, err
}

// ActOnAppeal is Tx.ActOnAppeal in its own transaction.
func (s *Store) ActOnAppeal(ctx context.Context, id, version int64, x baolian.Act) (p *baolian.Appeal, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		p, err = tx.ActOnAppeal(ctx, id, version, x)
		return err
	})
	return p, err
}

// EscalateOverdue is Tx.EscalateOverdue in its own transaction.
func (s *Store) EscalateOverdue(ctx context.Context) (n int, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		n, err = tx.EscalateOverdue(ctx)
		return err
	})
	return n, err
}
