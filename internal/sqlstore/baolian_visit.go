package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/baolian"
)

// VisitFilter selects visits; zero fields do not filter.
type VisitFilter struct {
	EnterpriseID int64
	OfficialID   int64
	Region       string
	Since        time.Time // visits on or after this date
	Limit        int
	Offset       int
}

const visitColumns = `v.id, v.enterprise_id, v.official_id, v.visited_on, v.form, v.attendees, v.summary, v.policies,
	v.next_due, v.created_by, v.created_at, v.version, e.name, e.region, g.name, u.name, u.unit,
	(SELECT count(*) FROM appeals p WHERE p.visit_id = v.id)`

const visitFrom = ` FROM visits v JOIN enterprises e ON e.id = v.enterprise_id
	JOIN regions g ON g.code = e.region JOIN users u ON u.id = v.official_id`

func scanVisit(row scanner) (*baolian.Visit, error) {
	v := new(baolian.Visit)
	err := row.Scan(&v.ID, &v.EnterpriseID, &v.OfficialID, dayCol{&v.On}, &v.Form, &v.Attendees, &v.Summary, &v.Policies,
		dayCol{&v.NextDue}, int64Col{&v.CreatedBy}, timeCol{&v.CreatedAt}, &v.Version, &v.EnterpriseName, &v.Region,
		&v.RegionName, &v.OfficialName, &v.OfficialUnit, &v.Appeals)
	return v, err
}

// visitAudit is how a visit appears in the audit log.
type visitAudit struct {
	EnterpriseID int64  `json:"enterprise_id"`
	OfficialID   int64  `json:"official_id"`
	On           string `json:"date"`
	Form         string `json:"form"`
	Attendees    string `json:"attendees,omitempty"`
	Summary      string `json:"summary"`
	Policies     string `json:"policies,omitempty"`
	NextDue      string `json:"next_due"`
}

// ListVisits returns a page of the visits in the caller's scope, the
// latest first, with the number of all matches.
func (tx *Tx) ListVisits(ctx context.Context, f VisitFilter) ([]*baolian.Visit, int, error) {
	items, total, err := tx.listVisits(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list visits: %w", err)
	}
	return items, total, nil
}

func (tx *Tx) listVisits(ctx context.Context, f VisitFilter) ([]*baolian.Visit, int, error) {
	c, err := baolianReader(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := commonConds(c, &a, "v", f.EnterpriseID, f.OfficialID, f.Region)
	if !f.Since.IsZero() {
		conds = append(conds, "v.visited_on >= "+a.add(day(f.Since)))
	}
	return scopedPage(ctx, tx, visitColumns, visitFrom, where(conds...), " ORDER BY v.visited_on DESC, v.id DESC", a, f.Limit, f.Offset, scanVisit)
}

// RecordVisit records a visit to an enterprise of the caller's scope by an
// official (n.OfficialID, or the caller), with the issue raised on it if
// any (registered as an appeal of source visit). The next visit is due on
// n.NextDue or by the cadence of the enterprise's highest list; the open
// assignments of the enterprise move their next visit to it.
func (tx *Tx) RecordVisit(ctx context.Context, n baolian.NewVisit) (*baolian.Visit, *baolian.Appeal, error) {
	v, p, err := tx.recordVisit(ctx, n)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: record visit %d: %w", n.EnterpriseID, err)
	}
	return v, p, nil
}

func (tx *Tx) recordVisit(ctx context.Context, n baolian.NewVisit) (*baolian.Visit, *baolian.Appeal, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return nil, nil, err
	}
	if ps := n.Problems(tx.today()); len(ps) > 0 {
		return nil, nil, apperr.Errorf(apperr.EINVALID, "%s", ps[0].Message)
	}
	name, region, err := tx.scopedEnterprise(ctx, c, n.EnterpriseID)
	if err != nil {
		return nil, nil, err
	}
	if n.OfficialID == 0 {
		n.OfficialID = c.UserID
	}
	if err := tx.checkOfficial(ctx, n.OfficialID, region); err != nil {
		return nil, nil, err
	}
	if n.NextDue.IsZero() {
		tier, err := tx.highestTier(ctx, n.EnterpriseID)
		if err != nil {
			return nil, nil, err
		}
		n.NextDue = baolian.DefaultCadences().NextDue(n.On, tier)
	}
	v := &baolian.Visit{EnterpriseID: n.EnterpriseID, OfficialID: n.OfficialID, On: n.On, Form: n.Form, Attendees: n.Attendees,
		Summary: n.Summary, Policies: n.Policies, NextDue: n.NextDue, CreatedBy: c.UserID, CreatedAt: tx.now, Version: 1,
		EnterpriseName: name, Region: region}
	err = tx.queryRow(ctx, `INSERT INTO visits (enterprise_id, official_id, visited_on, form, attendees, summary, policies,
		next_due, created_by, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id`,
		v.EnterpriseID, v.OfficialID, day(v.On), v.Form, v.Attendees, v.Summary, v.Policies, day(v.NextDue),
		nullInt64(v.CreatedBy), ts(tx.now)).Scan(&v.ID)
	if err != nil {
		return nil, nil, err
	}
	// A visit recorded late (an older date) does not move the clock back.
	if _, err := tx.exec(ctx, `UPDATE assignments SET next_visit_due = $1 WHERE enterprise_id = $2 AND to_on IS NULL
		AND next_visit_due < $1`, day(v.NextDue), v.EnterpriseID); err != nil {
		return nil, nil, err
	}
	if err := tx.audit(ctx, c, auditRow{action: "visit.create", entity: "visit", entityID: strconv.FormatInt(v.ID, 10), region: region,
		after: visitAudit{v.EnterpriseID, v.OfficialID, day(v.On).(string), v.Form, v.Attendees, v.Summary, v.Policies, day(v.NextDue).(string)}}); err != nil {
		return nil, nil, err
	}
	if n.Issue == nil {
		return v, nil, nil
	}
	issue := *n.Issue
	issue.EnterpriseID, issue.Source, issue.VisitID = v.EnterpriseID, baolian.SourceVisit, v.ID
	p, err := tx.createAppeal(ctx, issue)
	if err != nil {
		return nil, nil, err
	}
	v.Appeals = 1
	return v, p, nil
}

// ListVisits is Tx.ListVisits in its own read transaction.
func (s *Store) ListVisits(ctx context.Context, f VisitFilter) (items []*baolian.Visit, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		items, total, err = tx.ListVisits(ctx, f)
		return err
	})
	return items, total, err
}

// RecordVisit is Tx.RecordVisit in its own transaction.
func (s *Store) RecordVisit(ctx context.Context, n baolian.NewVisit) (v *baolian.Visit, p *baolian.Appeal, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		v, p, err = tx.RecordVisit(ctx, n)
		return err
	})
	return v, p, err
}
