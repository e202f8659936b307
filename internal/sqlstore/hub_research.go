package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/hub"
)

// ListResearch lists research results (科技成果) of approved institutions
// (an institution account: its own), newest first; banks read none.
func (tx *Tx) ListResearch(ctx context.Context, chain string) ([]*hub.ResearchResult, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	conds := []string{institutionScope(c, &a)}
	if chain != "" {
		conds = append(conds, hasCode("r.chains", &a, chain))
	}
	out, err := queryAll(ctx, tx, `SELECT r.id, r.institution_id, i.name, r.title, r.field, r.chains, r.maturity, r.description,
		r.created_at FROM research_results r JOIN institutions i ON i.id = r.institution_id`+where(conds...)+
		` ORDER BY r.created_at DESC, r.id DESC`, a, func(row scanner) (*hub.ResearchResult, error) {
		var r hub.ResearchResult
		var chains string
		err := row.Scan(&r.ID, &r.InstitutionID, &r.Institution, &r.Title, &r.Field, &chains, &r.Maturity, &r.Description,
			timeCol{&r.CreatedAt})
		r.Chains = splitCodes(chains)
		return &r, err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list research: %w", err)
	}
	return out, nil
}

// CreateResearch records a research result of an institution: the
// institution itself or the city.
func (tx *Tx) CreateResearch(ctx context.Context, r *hub.ResearchResult) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if r.InstitutionID, err = callerInstitution(c, r.InstitutionID); err != nil {
		return err
	}
	if err := r.Validate(hub.Default()); err != nil {
		return err
	}
	r.CreatedAt = tx.now
	if err := tx.queryRow(ctx, `INSERT INTO research_results (institution_id, title, field, chains, maturity, description,
		created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, r.InstitutionID, r.Title, r.Field, codes(r.Chains),
		r.Maturity, r.Description, ts(tx.now)).Scan(&r.ID); err != nil {
		if violation(err) == violForeignKey {
			return apperr.Wrap(err, apperr.EINVALID, "机构不存在 (institution_id: unknown)")
		}
		return fmt.Errorf("sqlstore: create research: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "research.create", entity: "research_result", entityID: strconv.FormatInt(r.ID, 10), after: r})
}

const pilotColumns = `t.id, COALESCE(t.research_id, 0), t.institution_id, t.enterprise_id, e.name, t.title, t.status,
	t.started_on, COALESCE(t.finished_on, ''), t.note, t.version, t.created_at, t.updated_at`

func scanPilot(row scanner) (*hub.Pilot, error) {
	var p hub.Pilot
	return &p, row.Scan(&p.ID, &p.ResearchID, &p.InstitutionID, &p.EnterpriseID, &p.Enterprise, &p.Title, &p.Status,
		&p.StartedOn, &p.FinishedOn, &p.Note, &p.Version, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
}

// pilotScope: an institution reads its own pilots, everyone else those of
// the enterprises in scope.
func pilotScope(c auth.Caller, a *args) string {
	if c.Role == auth.RoleInstitution {
		return "t.institution_id = " + a.add(c.InstitutionID)
	}
	return enterpriseScope(c, a)
}

// ListPilots lists the pilots (中试) in the caller's scope, newest first.
func (tx *Tx) ListPilots(ctx context.Context) ([]*hub.Pilot, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	out, err := queryAll(ctx, tx, `SELECT `+pilotColumns+` FROM pilots t JOIN enterprises e ON e.id = t.enterprise_id`+
		where(pilotScope(c, &a))+` ORDER BY t.started_on DESC, t.id DESC`, a, scanPilot)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list pilots: %w", err)
	}
	return out, nil
}

// CreatePilot starts tracking a pilot: officials for an enterprise in
// scope, naming the institution; an institution for itself, with an
// enterprise that engaged it.
func (tx *Tx) CreatePilot(ctx context.Context, p *hub.Pilot) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	switch c.Role {
	case auth.RoleInstitution:
		p.InstitutionID = c.InstitutionID
	case auth.RoleCity, auth.RoleDistrict:
		if p.InstitutionID <= 0 {
			return apperr.Errorf(apperr.EINVALID, "请指定承担中试的机构 (institution_id: required)")
		}
	default:
		return apperr.Errorf(apperr.EFORBIDDEN, "只有工信部门或成果所属机构可以登记中试")
	}
	p.Status = hub.PilotRunning
	if err := p.Validate(); err != nil {
		return err
	}
	ent, err := tx.getEnterprise(ctx, c, "e.id", p.EnterpriseID)
	if err != nil {
		return err
	}
	p.Enterprise, p.Version, p.CreatedAt, p.UpdatedAt = ent.Name, 1, tx.now, tx.now
	if err := tx.queryRow(ctx, `INSERT INTO pilots (research_id, institution_id, enterprise_id, title, status, started_on,
		note, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id`,
		nullInt64(p.ResearchID), p.InstitutionID, p.EnterpriseID, p.Title, p.Status, p.StartedOn, p.Note, ts(tx.now)).Scan(&p.ID); err != nil {
		if violation(err) == violForeignKey {
			return apperr.Wrap(err, apperr.EINVALID, "机构或科技成果不存在 (institution_id, research_id: unknown)")
		}
		return fmt.Errorf("sqlstore: create pilot: %w", err)
	}
	return tx.audit(ctx, c, auditRow{action: "pilot.create", entity: "pilot", entityID: strconv.FormatInt(p.ID, 10),
		region: ent.Region, after: p})
}

// FinishPilot ends a running pilot as succeeded or failed on a date, made
// from version. A success puts the enterprise on the innovative backup list
// through the inclusion rule innovative.from_pilot, applied at once.
func (tx *Tx) FinishPilot(ctx context.Context, id, version int64, status, on, note string) (*hub.Pilot, error) {
	p, err := tx.finishPilot(ctx, id, version, status, on, note)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: finish pilot %d: %w", id, err)
	}
	return p, nil
}

func (tx *Tx) finishPilot(ctx context.Context, id, version int64, status, on, note string) (*hub.Pilot, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if c.Role != auth.RoleCity && c.Role != auth.RoleDistrict && c.Role != auth.RoleInstitution {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "只有工信部门或成果所属机构可以登记中试结果")
	}
	var a args
	p, err := scanPilot(tx.queryRow(ctx, `SELECT `+pilotColumns+` FROM pilots t JOIN enterprises e ON e.id = t.enterprise_id
		WHERE t.id = `+a.add(id)+and(pilotScope(c, &a)), a...))
	if err != nil {
		return nil, notFound(err, "中试记录不存在或无权查看")
	}
	if err := checkVersion(version, p.Version, "中试记录"); err != nil {
		return nil, err
	}
	switch {
	case p.Status != hub.PilotRunning:
		return nil, apperr.Errorf(apperr.ECONFLICT, "该中试已结束 (status: %s)", p.Status)
	case status != hub.PilotSucceeded && status != hub.PilotFailed:
		return nil, apperr.Errorf(apperr.EINVALID, "中试结果应为成功或未成功 (status: succeeded or failed)")
	case !validDate(on) || on < p.StartedOn:
		return nil, apperr.Errorf(apperr.EINVALID, "中试结束日期应为 年-月-日，且不早于开始日期 (finished_on: YYYY-MM-DD, not before started_on)")
	}
	before := *p
	p.Status, p.FinishedOn, p.Note, p.Version, p.UpdatedAt = status, on, note, p.Version+1, tx.now
	res, err := tx.exec(ctx, `UPDATE pilots SET status = $1, finished_on = $2, note = $3, version = $4, updated_at = $5
		WHERE id = $6 AND version = $7`, p.Status, p.FinishedOn, p.Note, p.Version, ts(tx.now), id, version)
	if err == nil {
		n, rerr := res.RowsAffected()
		err = rowsAffected1(n, rerr, "中试记录")
	}
	if err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, c, auditRow{action: "pilot.finish", entity: "pilot", entityID: strconv.FormatInt(id, 10),
		before: before, after: p}); err != nil {
		return nil, err
	}
	if status == hub.PilotSucceeded {
		// The rule, not the caller, puts the enterprise on the list: an
		// institution has no right to the bureau's lists, so the refresh runs
		// as the system, like the nightly one.
		sys := auth.WithCaller(ctx, auth.System)
		if err := tx.RefreshBackupLists(sys, p.EnterpriseID); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// inclusionRecords are the platform's records the inclusion rules read for
// an enterprise: its latest successful pilot.
func (tx *Tx) inclusionRecords(ctx context.Context, enterpriseID int64) (cultivation.Records, error) {
	var title, on string
	err := tx.queryRow(ctx, `SELECT title, finished_on FROM pilots WHERE enterprise_id = $1 AND status = 'succeeded'
		ORDER BY finished_on DESC, id DESC LIMIT 1`, enterpriseID).Scan(&title, &on)
	if errors.Is(err, sql.ErrNoRows) {
		return cultivation.Records{}, nil
	}
	if err != nil {
		return cultivation.Records{}, err
	}
	return cultivation.Records{Pilot: "科技成果“" + title + "”中试成功（" + on + "）"}, nil
}

// ListResearch is Tx.ListResearch in its own read transaction.
func (s *Store) ListResearch(ctx context.Context, chain string) ([]*hub.ResearchResult, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.ResearchResult, error) { return tx.ListResearch(ctx, chain) })
}

// CreateResearch is Tx.CreateResearch in its own transaction.
func (s *Store) CreateResearch(ctx context.Context, r *hub.ResearchResult) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateResearch(ctx, r) })
}

// ListPilots is Tx.ListPilots in its own read transaction.
func (s *Store) ListPilots(ctx context.Context) ([]*hub.Pilot, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Pilot, error) { return tx.ListPilots(ctx) })
}

// CreatePilot is Tx.CreatePilot in its own transaction.
func (s *Store) CreatePilot(ctx context.Context, p *hub.Pilot) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreatePilot(ctx, p) })
}

// FinishPilot is Tx.FinishPilot in its own transaction.
func (s *Store) FinishPilot(ctx context.Context, id, version int64, status, on, note string) (*hub.Pilot, error) {
	return write(s, ctx, func(tx *Tx) (*hub.Pilot, error) { return tx.FinishPilot(ctx, id, version, status, on, note) })
}
