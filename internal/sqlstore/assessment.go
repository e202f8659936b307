package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
)

// SaveAssessment stores a new assessment of an enterprise in the caller's
// scope (city, the enterprise's district, or the enterprise itself for its
// self-test); any other enterprise is ENOTFOUND. Assessments are never
// updated: a re-run is a new row.
func (tx *Tx) SaveAssessment(ctx context.Context, as *enterprise.Assessment) error {
	if err := tx.saveAssessment(ctx, as); err != nil {
		return fmt.Errorf("sqlstore: save assessment: %w", err)
	}
	return nil
}

func (tx *Tx) saveAssessment(ctx context.Context, as *enterprise.Assessment) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := as.Validate(); err != nil {
		return err
	}
	e, err := tx.getEnterprise(ctx, c, "e.id", as.EnterpriseID)
	if err != nil {
		return err
	}
	if err := notForBanks(c); err != nil {
		return err
	}
	switch c.Role {
	case auth.RoleCity, auth.RoleDistrict, auth.RoleEnterprise:
	default:
		return apperr.Errorf(apperr.EFORBIDDEN, "无权保存评价")
	}
	var score any
	if as.Score != nil {
		score = int64(*as.Score)
	}
	col, err := outcomeColumn(as.Tier)
	if err != nil {
		return err
	}
	if as.ProfileVersion == 0 {
		as.ProfileVersion = e.Version
	}
	as.CreatedBy, as.CreatedAt = c.UserID, tx.now
	err = tx.queryRow(ctx, `INSERT INTO assessments (enterprise_id, as_of, data_year, tier, ruleset_id, ruleset_version,
		ruleset_hash, status, score, result, profile, created_by, created_at, review, enterprise_version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
		as.EnterpriseID, as.AsOf.String(), int64(as.DataYear), as.Tier, as.RulesetID, as.RulesetVersion, as.RulesetHash,
		as.Status, score, string(as.Result), string(as.Profile), nullInt64(c.UserID), ts(tx.now), as.Review,
		as.ProfileVersion).Scan(&as.ID)
	if err != nil {
		if violation(err) == violCheck {
			return apperr.Wrap(err, apperr.EINVALID, fmt.Sprintf("评价结论无效：%q", as.Status))
		}
		return err
	}
	// The list's copy of the latest outcome changes with the assessment, in
	// the same transaction; the record's version and time do not, since its
	// data did not change.
	tx.touchEnterprises()
	if _, err := tx.exec(ctx, `UPDATE enterprises SET `+col+` = $1, assessed_version = $2 WHERE id = $3`,
		as.Status, as.ProfileVersion, as.EnterpriseID); err != nil {
		return err
	}
	// The audit row summarises: result and snapshot are in the row itself,
	// which is never changed.
	return tx.audit(ctx, c, auditRow{action: "assessment.create", entity: "assessment",
		entityID: strconv.FormatInt(as.ID, 10), region: e.Region, after: map[string]any{
			"enterprise_id": as.EnterpriseID, "as_of": as.AsOf.String(), "data_year": as.DataYear, "tier": as.Tier,
			"review": as.Review, "ruleset_id": as.RulesetID, "ruleset_version": as.RulesetVersion, "ruleset_hash": as.RulesetHash,
			"status": as.Status, "score": as.Score, "enterprise_version": as.ProfileVersion}})
}

const assessmentColumns = `a.id, a.enterprise_id, a.as_of, a.data_year, a.tier, a.ruleset_id, a.ruleset_version,
	a.ruleset_hash, a.status, a.score, a.created_by, a.created_at, a.review, a.enterprise_version`

func scanAssessment(row scanner, full bool) (*enterprise.Assessment, error) {
	var as enterprise.Assessment
	var asOf string
	var score *int64
	var result, doc string
	dest := []any{&as.ID, &as.EnterpriseID, &asOf, &as.DataYear, &as.Tier, &as.RulesetID, &as.RulesetVersion,
		&as.RulesetHash, &as.Status, &score, int64Col{&as.CreatedBy}, timeCol{&as.CreatedAt}, &as.Review,
		int64Col{&as.ProfileVersion}}
	if full {
		dest = append(dest, &result, &doc)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	d, err := profile.ParseDate(asOf)
	if err != nil {
		return nil, err
	}
	as.AsOf = d
	if score != nil {
		v := profile.Dec(*score)
		as.Score = &v
	}
	if full {
		as.Result, as.Profile = []byte(result), []byte(doc)
	}
	return &as, nil
}

// ListAssessments returns an enterprise's assessments, newest first, without
// their result and profile documents (see GetAssessment). An enterprise out
// of scope has none.
func (tx *Tx) ListAssessments(ctx context.Context, enterpriseID int64) ([]*enterprise.Assessment, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list assessments: %w", err)
	}
	if err := notForBanks(c); err != nil {
		return nil, err
	}
	var a args
	q := `SELECT ` + assessmentColumns + ` FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id
		WHERE a.enterprise_id = ` + a.add(enterpriseID) + and(enterpriseScope(c, &a)) +
		` ORDER BY a.created_at DESC, a.id DESC`
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list assessments: %w", err)
	}
	defer rows.Close()
	var out []*enterprise.Assessment
	for rows.Next() {
		as, err := scanAssessment(rows, false)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: list assessments: %w", err)
		}
		out = append(out, as)
	}
	return out, rows.Err()
}

// GetAssessment returns one assessment with its result and profile snapshot,
// if its enterprise is in the caller's scope; otherwise ENOTFOUND.
func (tx *Tx) GetAssessment(ctx context.Context, id int64) (*enterprise.Assessment, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get assessment %d: %w", id, err)
	}
	var a args
	q := `SELECT ` + assessmentColumns + `, a.result, a.profile FROM assessments a
		JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = ` + a.add(id) + and(enterpriseScope(c, &a))
	as, err := scanAssessment(tx.queryRow(ctx, q, a...), true)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get assessment %d: %w", id, notFound(err, "评价记录不存在或无权查看"))
	}
	return as, notForBanks(c)
}

// SaveAssessment is Tx.SaveAssessment in its own transaction.
func (s *Store) SaveAssessment(ctx context.Context, as *enterprise.Assessment) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SaveAssessment(ctx, as) })
}

// ListAssessments is Tx.ListAssessments in its own read transaction.
func (s *Store) ListAssessments(ctx context.Context, enterpriseID int64) (out []*enterprise.Assessment, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListAssessments(ctx, enterpriseID)
		return err
	})
	return out, err
}

// GetAssessment is Tx.GetAssessment in its own read transaction.
func (s *Store) GetAssessment(ctx context.Context, id int64) (as *enterprise.Assessment, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		as, err = tx.GetAssessment(ctx, id)
		return err
	})
	return as, err
}
