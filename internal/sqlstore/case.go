package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/library"
	"zjtx/internal/profile"
)

const caseColumns = `k.id, k.enterprise_id, k.title, k.tier_path, k.measures, k.results, k.status, k.published_at,
	k.version, k.created_at, k.updated_at, e.name, e.region`

func scanCase(row scanner) (*library.Case, error) {
	var k library.Case
	err := row.Scan(&k.ID, &k.EnterpriseID, &k.Title, &k.TierPath, &k.Measures, &k.Results, &k.Status,
		timeCol{&k.PublishedAt}, &k.Version, timeCol{&k.CreatedAt}, timeCol{&k.UpdatedAt}, &k.EnterpriseName, &k.Region)
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// auditCase is what the audit log keeps of a case.
func auditCase(k *library.Case) library.Case {
	c := *k
	c.EnterpriseName, c.CreatedAt, c.UpdatedAt = "", c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c
}

// DraftCase writes a draft typical case from an enterprise's record (its
// recognitions, its figures and IP) and stores it for an official to edit.
func (tx *Tx) DraftCase(ctx context.Context, enterpriseID int64) (*library.Case, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "撰写典型案例"); err != nil {
		return nil, err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", enterpriseID)
	if err != nil {
		return nil, err
	}
	recs, _, err := tx.listRecognitions(ctx, RecognitionFilter{EnterpriseID: enterpriseID, Limit: 100})
	if err != nil {
		return nil, err
	}
	f := library.Facts{Enterprise: ent.Name, Recognitions: recs}
	if f.Closed, err = tx.closedTasks(ctx, enterpriseID); err != nil {
		return nil, err
	}
	if f.Services, err = tx.servicesUsed(ctx, enterpriseID); err != nil {
		return nil, err
	}
	if p := ent.Profile; p != nil {
		years := make([]int, 0, len(p.Years))
		for y, fig := range p.Years {
			if fig != nil && fig.Revenue != nil {
				years = append(years, y)
			}
		}
		slices.Sort(years)
		if len(years) > 0 {
			first, last := years[0], years[len(years)-1]
			f.First = library.YearFigures{Year: first, Revenue: p.Years[first].Revenue, RDExpense: p.Years[first].RDExpense}
			f.Last = library.YearFigures{Year: last, Revenue: p.Years[last].Revenue, RDExpense: p.Years[last].RDExpense}
		}
		for _, ip := range p.IP {
			if !ip.Pending && profile.IPClass(ip.Kind) == 1 {
				f.Invention++
			}
		}
	}
	k := library.Draft(f)
	k.EnterpriseID = enterpriseID
	if err := tx.insertCase(ctx, c, &k); err != nil {
		return nil, err
	}
	k.EnterpriseName, k.Region = ent.Name, ent.Region
	return &k, nil
}

// caseFacts is how many closed tasks and services a draft names at most:
// a case is a short article, the official picks from them.
const caseFacts = 12

// closedTasks returns the tasks of the enterprise's cultivation plans it
// closed, in the order closed. The enterprise is in the caller's scope
// (DraftCase read it so).
func (tx *Tx) closedTasks(ctx context.Context, enterpriseID int64) ([]library.ClosedTask, error) {
	return queryAll(ctx, tx, `SELECT t.source_label, t.summary, t.closed_at FROM plan_tasks t JOIN plans p ON p.id = t.plan_id
		WHERE p.enterprise_id = $1 AND t.status = 'done' ORDER BY t.closed_at, t.id LIMIT `+strconv.Itoa(caseFacts),
		args{enterpriseID}, func(row scanner) (library.ClosedTask, error) {
			var t library.ClosedTask
			var at time.Time
			err := row.Scan(&t.Item, &t.Summary, timeCol{&at})
			if !at.IsZero() {
				at = at.In(cst)
				t.ClosedOn = profile.Date{Y: at.Year(), M: at.Month(), D: at.Day()}
			}
			return t, err
		})
}

// servicesUsed returns the hub's services delivered to the enterprise
// (matches delivered or rated, each delivery once), with its rating.
func (tx *Tx) servicesUsed(ctx context.Context, enterpriseID int64) ([]library.ServiceUsed, error) {
	return queryAll(ctx, tx, `SELECT pr.name, i.name, pr.category, d.summary, d.delivered_on, COALESCE(r.score, 0)
		FROM matches m JOIN products pr ON pr.id = m.product_id JOIN institutions i ON i.id = m.institution_id
		JOIN deliveries d ON d.match_id = m.id LEFT JOIN ratings r ON r.match_id = m.id
		WHERE m.enterprise_id = $1 AND m.stage IN ('delivered', 'rated') ORDER BY d.delivered_on, d.id LIMIT `+strconv.Itoa(caseFacts),
		args{enterpriseID}, func(row scanner) (library.ServiceUsed, error) {
			var u library.ServiceUsed
			err := row.Scan(&u.Product, &u.Institution, &u.Category, &u.Delivery, dateCol{&u.DeliveredOn}, &u.Score)
			return u, err
		})
}

func (tx *Tx) insertCase(ctx context.Context, c auth.Caller, k *library.Case) error {
	if err := invalid("典型案例有误", k.Validate()); err != nil {
		return err
	}
	k.Version, k.CreatedAt, k.UpdatedAt = 1, tx.now, tx.now
	err := tx.queryRow(ctx, `INSERT INTO cases (enterprise_id, title, tier_path, measures, results, status, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id`,
		k.EnterpriseID, k.Title, k.TierPath, k.Measures, k.Results, library.CaseDraft, ts(tx.now)).Scan(&k.ID)
	if err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "case.create", entity: "case", entityID: strconv.FormatInt(k.ID, 10),
		after: auditCase(k)})
}

// GetCase returns a case of an enterprise in the caller's scope.
func (tx *Tx) GetCase(ctx context.Context, id int64) (*library.Case, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "查看典型案例稿件"); err != nil {
		return nil, err
	}
	var a args
	k, err := scanCase(tx.queryRow(ctx, `SELECT `+caseColumns+` FROM cases k JOIN enterprises e ON e.id = k.enterprise_id
		WHERE k.id = `+a.add(id)+and(bureauScope(c, &a)), a...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: case %d: %w", id, notFound(err, "典型案例不存在"))
	}
	return k, nil
}

// SaveCase updates a case's text and status from the version read. An
// official in scope edits, publishes and withdraws; publishing stamps the
// time and the official.
func (tx *Tx) SaveCase(ctx context.Context, k *library.Case) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := needVersion(k.Version, "典型案例"); err != nil {
		return err
	}
	old, err := tx.GetCase(ctx, k.ID)
	if err != nil {
		return err
	}
	if old.Version != k.Version {
		return apperr.Errorf(apperr.ECONFLICT, "该案例已被他人修改，请刷新后重试")
	}
	k.EnterpriseID = old.EnterpriseID
	if k.Status == "" {
		k.Status = old.Status
	}
	if err := invalid("典型案例有误", k.Validate()); err != nil {
		return err
	}
	k.PublishedAt = old.PublishedAt
	var by any
	if k.Status == library.CasePublished && old.Status != library.CasePublished {
		k.PublishedAt, by = tx.now, c.UserID
	}
	k.Version, k.CreatedAt, k.UpdatedAt, k.EnterpriseName, k.Region = old.Version+1, old.CreatedAt, tx.now, old.EnterpriseName, old.Region
	err = tx.execOne(ctx, "该案例已被他人修改，请刷新后重试", `UPDATE cases SET title = $1, tier_path = $2, measures = $3,
		results = $4, status = $5, published_at = $6, published_by = COALESCE($7, published_by), version = $8, updated_at = $9
		WHERE id = $10 AND version = $11`, k.Title, k.TierPath, k.Measures, k.Results, k.Status, nullTS(k.PublishedAt),
		nullUser(by), k.Version, ts(tx.now), k.ID, old.Version)
	if err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "case.update", entity: "case", entityID: strconv.FormatInt(k.ID, 10),
		region: old.Region, before: auditCase(old), after: auditCase(k)})
}

// nullUser is a user id for a nullable column: a system caller (id 0) is
// no user.
func nullUser(id any) any {
	if v, ok := id.(int64); ok && v > 0 {
		return v
	}
	return nil
}

// ListCases returns the cases of enterprises in the caller's scope, of a
// status when given, newest first.
func (tx *Tx) ListCases(ctx context.Context, status string) ([]*library.Case, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireOfficial(c, "查看典型案例稿件"); err != nil {
		return nil, err
	}
	var a args
	conds := []string{bureauScope(c, &a)}
	if status != "" {
		conds = append(conds, "k.status = "+a.add(status))
	}
	return queryAll(ctx, tx, `SELECT `+caseColumns+` FROM cases k JOIN enterprises e ON e.id = k.enterprise_id`+
		where(conds...)+` ORDER BY k.updated_at DESC, k.id DESC LIMIT 500`, a, scanCase)
}

// PublishedCases returns the published cases, newest first. They are
// public (the bureau publishes them to be read), so no caller is needed.
func (tx *Tx) PublishedCases(ctx context.Context, id int64) ([]*library.Case, error) {
	var a args
	q := `SELECT ` + caseColumns + ` FROM cases k JOIN enterprises e ON e.id = k.enterprise_id WHERE k.status = 'published'`
	if id != 0 {
		q += ` AND k.id = ` + a.add(id)
	}
	return queryAll(ctx, tx, q+` ORDER BY k.published_at DESC, k.id DESC LIMIT 200`, a, scanCase)
}
