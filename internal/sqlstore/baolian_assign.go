package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/cultivation"
)

// AssignmentFilter selects assignments; zero fields do not filter.
type AssignmentFilter struct {
	EnterpriseID int64
	OfficialID   int64
	Region       string
	Open         bool // only those open today
	Overdue      bool // only open 主包 assignments whose next visit is overdue
	Limit        int
	Offset       int
}

const assignmentColumns = `s.id, s.enterprise_id, s.official_id, s.role, s.from_on, s.to_on, s.next_visit_due,
	s.created_by, s.created_at, s.updated_at, s.version, e.name, e.uscc, e.region, g.name, u.name, u.unit`

const assignmentFrom = ` FROM assignments s JOIN enterprises e ON e.id = s.enterprise_id
	JOIN regions g ON g.code = e.region JOIN users u ON u.id = s.official_id`

func scanAssignment(row scanner) (*baolian.Assignment, error) {
	s := new(baolian.Assignment)
	err := row.Scan(&s.ID, &s.EnterpriseID, &s.OfficialID, &s.Role, dayCol{&s.From}, dayCol{&s.To}, dayCol{&s.NextVisitDue},
		int64Col{&s.CreatedBy}, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}, &s.Version,
		&s.EnterpriseName, &s.USCC, &s.Region, &s.RegionName, &s.OfficialName, &s.OfficialUnit)
	return s, err
}

// assignmentAudit is how an assignment appears in the audit log.
type assignmentAudit struct {
	EnterpriseID int64  `json:"enterprise_id"`
	OfficialID   int64  `json:"official_id"`
	Role         string `json:"role"`
	From         string `json:"from"`
	To           string `json:"to,omitempty"`
	NextVisitDue string `json:"next_visit_due"`
	Version      int64  `json:"version"`
}

func auditAssignment(s *baolian.Assignment) *assignmentAudit {
	if s == nil {
		return nil
	}
	a := &assignmentAudit{s.EnterpriseID, s.OfficialID, s.Role, s.From.Format(time.DateOnly), "", s.NextVisitDue.Format(time.DateOnly), s.Version}
	if !s.To.IsZero() {
		a.To = s.To.Format(time.DateOnly)
	}
	return a
}

// openAssignment is the SQL condition of an assignment (alias s) open on
// the date in placeholder today.
func openAssignment(today string) string {
	return "s.from_on <= " + today + " AND (s.to_on IS NULL OR s.to_on >= " + today + ")"
}

// overdueVisit is the SQL condition of an open 主包 assignment (alias s)
// whose next visit was due before the date in placeholder today: the 主包
// answers for the visits, a 协包 only helps.
func overdueVisit(today string) string {
	return openAssignment(today) + " AND s.role = 'lead' AND s.next_visit_due < " + today
}

// ListAssignments returns a page of the assignments in the caller's scope,
// the latest first, with the number of all matches.
func (tx *Tx) ListAssignments(ctx context.Context, f AssignmentFilter) ([]*baolian.Assignment, int, error) {
	items, total, err := tx.listAssignments(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list assignments: %w", err)
	}
	return items, total, nil
}

func (tx *Tx) listAssignments(ctx context.Context, f AssignmentFilter) ([]*baolian.Assignment, int, error) {
	c, err := baolianReader(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	conds := commonConds(c, &a, "s", f.EnterpriseID, f.OfficialID, f.Region)
	switch {
	case f.Overdue:
		conds = append(conds, overdueVisit(a.add(day(tx.today()))))
	case f.Open:
		conds = append(conds, openAssignment(a.add(day(tx.today()))))
	}
	order := " ORDER BY s.from_on DESC, s.id DESC"
	if f.Overdue {
		order = " ORDER BY s.next_visit_due, s.id"
	}
	return scopedPage(ctx, tx, assignmentColumns, assignmentFrom, where(conds...), order, a, f.Limit, f.Offset, scanAssignment)
}

// limitClause is the LIMIT and OFFSET clause of a list (none for limit 0).
func limitClause(a *args, limit, offset int) string {
	if limit <= 0 {
		return ""
	}
	return " LIMIT " + a.add(int64(limit)) + " OFFSET " + a.add(int64(offset))
}

// CreateAssignment designates an official beside an enterprise of the
// caller's scope, from n.From (zero: today). An enterprise has one open 主包:
// a second is ECONFLICT, as is an official already assigned to it.
func (tx *Tx) CreateAssignment(ctx context.Context, n baolian.NewAssignment) (*baolian.Assignment, error) {
	s, err := tx.createAssignment(ctx, n)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: create assignment %d: %w", n.EnterpriseID, err)
	}
	return s, nil
}

func (tx *Tx) createAssignment(ctx context.Context, n baolian.NewAssignment) (*baolian.Assignment, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return nil, err
	}
	if ps := n.Problems(); len(ps) > 0 {
		return nil, apperr.Errorf(apperr.EINVALID, "%s", ps[0].Message)
	}
	_, region, err := tx.scopedEnterprise(ctx, c, n.EnterpriseID)
	if err != nil {
		return nil, err
	}
	if err := tx.checkOfficial(ctx, n.OfficialID, region); err != nil {
		return nil, err
	}
	if n.From.IsZero() {
		n.From = tx.today()
	}
	var a args
	q := `SELECT s.role, s.official_id FROM assignments s WHERE s.enterprise_id = ` + a.add(n.EnterpriseID) +
		` AND s.to_on IS NULL`
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	var conflict string
	for rows.Next() {
		var role string
		var official int64
		if err := rows.Scan(&role, &official); err != nil {
			rows.Close()
			return nil, err
		}
		switch {
		case official == n.OfficialID:
			conflict = "该干部已在包联该企业"
		case role == baolian.RoleLead && n.Role == baolian.RoleLead:
			conflict = "该企业已有主包干部，请先结束原主包或改为协包"
		}
	}
	rows.Close()
	if conflict != "" {
		return nil, apperr.Errorf(apperr.ECONFLICT, "%s", conflict)
	}
	tier, err := tx.highestTier(ctx, n.EnterpriseID)
	if err != nil {
		return nil, err
	}
	s := &baolian.Assignment{EnterpriseID: n.EnterpriseID, OfficialID: n.OfficialID, Role: n.Role, From: n.From, To: n.To,
		NextVisitDue: tx.nextVisitFromLast(ctx, n.EnterpriseID, n.From, tier), CreatedBy: c.UserID,
		CreatedAt: tx.now, UpdatedAt: tx.now, Version: 1}
	err = tx.queryRow(ctx, `INSERT INTO assignments (enterprise_id, official_id, role, from_on, to_on, next_visit_due,
		created_by, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1) RETURNING id`,
		s.EnterpriseID, s.OfficialID, s.Role, day(s.From), day(s.To), day(s.NextVisitDue), nullInt64(s.CreatedBy), ts(tx.now)).Scan(&s.ID)
	if violation(err) == violUnique {
		return nil, apperr.Wrap(err, apperr.ECONFLICT, "该干部已在包联该企业")
	}
	if err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, c, auditRow{action: "assignment.create", entity: "assignment",
		entityID: strconv.FormatInt(s.ID, 10), region: region, after: auditAssignment(s)}); err != nil {
		return nil, err
	}
	return tx.getAssignment(ctx, c, s.ID)
}

// getAssignment reads an assignment of c's scope with its names.
func (tx *Tx) getAssignment(ctx context.Context, c auth.Caller, id int64) (*baolian.Assignment, error) {
	var a args
	s, err := scanAssignment(tx.queryRow(ctx, "SELECT "+assignmentColumns+assignmentFrom+" WHERE s.id = "+a.add(id)+
		and(bureauScope(c, &a)), a...))
	return s, notFound(err, "包联记录不存在或无权查看")
}

// nextVisitFromLast is when the next visit of an enterprise is due for a
// new assignment from day: by its last visit's next_due if it has one,
// otherwise a cadence interval after day.
func (tx *Tx) nextVisitFromLast(ctx context.Context, id int64, from time.Time, tier string) time.Time {
	var last time.Time
	if err := tx.queryRow(ctx, `SELECT max(next_due) FROM visits WHERE enterprise_id = $1`, id).Scan(dayCol{&last}); err == nil && !last.IsZero() {
		return last
	}
	return baolian.DefaultCadences().NextDue(from, tier)
}

// EndAssignment ends an assignment on to (zero: today), from the version
// read (0: EPRECONDITION, another: ECONFLICT).
func (tx *Tx) EndAssignment(ctx context.Context, id, version int64, to time.Time) (*baolian.Assignment, error) {
	s, err := tx.endAssignment(ctx, id, version, to)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: end assignment %d: %w", id, err)
	}
	return s, nil
}

func (tx *Tx) endAssignment(ctx context.Context, id, version int64, to time.Time) (*baolian.Assignment, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return nil, err
	}
	old, err := tx.getAssignment(ctx, c, id)
	if err != nil {
		return nil, err
	}
	switch {
	case version == 0:
		return nil, apperr.Errorf(apperr.EPRECONDITION, "修改包联记录须注明所依据的版本（If-Match 或 version），以免覆盖他人的修改")
	case version != old.Version:
		return nil, apperr.Errorf(apperr.ECONFLICT, "该包联记录已被他人修改，请刷新后重试")
	case !old.To.IsZero():
		return nil, apperr.Errorf(apperr.ECONFLICT, "该包联已于 %s 结束", old.To.Format(time.DateOnly))
	}
	if to.IsZero() {
		to = tx.today()
	}
	if to.Before(old.From) {
		return nil, apperr.Errorf(apperr.EINVALID, "to：结束日期不能早于开始日期 %s", old.From.Format(time.DateOnly))
	}
	s := *old
	s.To, s.UpdatedAt, s.Version = to, tx.now, old.Version+1
	res, err := tx.exec(ctx, `UPDATE assignments SET to_on = $1, updated_at = $2, version = $3 WHERE id = $4 AND version = $5`,
		day(s.To), ts(tx.now), s.Version, s.ID, old.Version)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该包联记录已被他人修改，请刷新后重试")
	}
	return &s, tx.audit(ctx, c, auditRow{action: "assignment.end", entity: "assignment", entityID: strconv.FormatInt(s.ID, 10),
		region: s.Region, before: auditAssignment(old), after: auditAssignment(&s)})
}

// AssignByList designates one official beside every enterprise of a backup
// list's filter in the caller's scope (Limit and Offset ignored), skipping
// those the official is already beside and, for 主包, those that have one.
// It returns how many were assigned and how many skipped.
func (tx *Tx) AssignByList(ctx context.Context, f cultivation.Filter, n baolian.NewAssignment) (done, skipped int, err error) {
	f.Limit, f.Offset = 0, 0
	entries, _, err := tx.ListBackupEntries(ctx, f)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		if e.Status == cultivation.StatusRemoved {
			continue
		}
		n.EnterpriseID = e.EnterpriseID
		if _, err := tx.CreateAssignment(ctx, n); apperr.Code(err) == apperr.ECONFLICT {
			skipped++
			continue
		} else if err != nil {
			return 0, 0, err
		}
		done++
	}
	return done, skipped, nil
}

// Officials lists the enabled official accounts the caller may designate:
// a district official those of the district, the city all, by district and
// name.
func (tx *Tx) Officials(ctx context.Context, region string) ([]*auth.User, error) {
	c, err := baolianOfficial(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: officials: %w", err)
	}
	var a args
	conds := []string{"u.role IN ('city', 'district')", "NOT u.disabled"}
	if c.Role == auth.RoleDistrict {
		conds = append(conds, "u.region = "+a.add(c.Region))
	} else if region != "" {
		conds = append(conds, "u.region = "+a.add(region))
	}
	rows, err := tx.query(ctx, "SELECT "+userColumns+" FROM users u"+where(conds...)+" ORDER BY u.role DESC, u.region, u.name, u.id", a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: officials: %w", err)
	}
	defer rows.Close()
	var out []*auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: officials: %w", err)
		}
		u.PasswordHash = ""
		out = append(out, u)
	}
	return out, rows.Err()
}

// ListAssignments is Tx.ListAssignments in its own read transaction.
func (s *Store) ListAssignments(ctx context.Context, f AssignmentFilter) (items []*baolian.Assignment, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		items, total, err = tx.ListAssignments(ctx, f)
		return err
	})
	return items, total, err
}

// CreateAssignment is Tx.CreateAssignment in its own transaction.
func (s *Store) CreateAssignment(ctx context.Context, n baolian.NewAssignment) (a *baolian.Assignment, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		a, err = tx.CreateAssignment(ctx, n)
		return err
	})
	return a, err
}

// EndAssignment is Tx.EndAssignment in its own transaction.
func (s *Store) EndAssignment(ctx context.Context, id, version int64, to time.Time) (a *baolian.Assignment, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		a, err = tx.EndAssignment(ctx, id, version, to)
		return err
	})
	return a, err
}

// AssignByList is Tx.AssignByList in one transaction: all or none.
func (s *Store) AssignByList(ctx context.Context, f cultivation.Filter, n baolian.NewAssignment) (done, skipped int, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		done, skipped, err = tx.AssignByList(ctx, f, n)
		return err
	})
	return done, skipped, err
}

// Officials is Tx.Officials in its own read transaction.
func (s *Store) Officials(ctx context.Context, region string) (out []*auth.User, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.Officials(ctx, region)
		return err
	})
	return out, err
}
