package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/cultivation"
)

// BulkCreateRecognitions inserts recognitions whose titles the profiles
// already carry (a seed, a migration of earlier records): the city only,
// one audit row for the lot, as BulkCreateEnterprises. It does not touch
// the profiles; SaveRecognition is the path that reflects a title.
func (tx *Tx) BulkCreateRecognitions(ctx context.Context, recs []*cultivation.Recognition) error {
	if err := tx.bulkCreateRecognitions(ctx, recs); err != nil {
		return fmt.Errorf("sqlstore: bulk create recognitions: %w", err)
	}
	return nil
}

func (tx *Tx) bulkCreateRecognitions(ctx context.Context, recs []*cultivation.Recognition) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	for _, r := range recs {
		if err := checkRecognition(r); err != nil {
			return err
		}
		r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
		if err := tx.insertRecognition(ctx, r); err != nil {
			return err
		}
	}
	return tx.audit(ctx, c, auditRow{action: "recognition.bulk_create", entity: "recognition",
		after: map[string]any{"count": len(recs)}})
}

// insertRecognition inserts r as a new recognition, setting its id.
func (tx *Tx) insertRecognition(ctx context.Context, r *cultivation.Recognition) error {
	return tx.queryRow(ctx, `INSERT INTO recognitions (enterprise_id, tier, level, batch, doc_no, recognized_on, valid_to,
		ruleset, review_result, reviewed_on, change_kind, changed_on, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13) RETURNING id`,
		r.EnterpriseID, r.Tier, r.Level, r.Batch, r.DocNo, r.RecognizedOn.String(), r.ValidTo.String(),
		r.RuleSet, r.ReviewResult, nullDate(r.ReviewedOn), r.ChangeKind, nullDate(r.ChangedOn), ts(tx.now)).Scan(&r.ID)
}
