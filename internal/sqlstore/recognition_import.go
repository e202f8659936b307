package sqlstore

import (
	"context"
	"fmt"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
)

// ListItem is one row of an official list to record: the enterprise by its
// 统一社会信用代码 and the recognition the row states.
type ListItem struct {
	Row  int
	USCC string
	Rec  *cultivation.Recognition
}

// ListFailure is a row not recorded, and why (Chinese and English).
type ListFailure struct {
	Row  int
	Path string // the column's field: uscc for an unmatched enterprise
	ZH   string
	EN   string
}

// SaveRecognitionList records the rows of an official list in tx, each
// matched by USCC within the caller's scope and saved as SaveRecognition
// does (a row already recorded is updated). A row whose enterprise is not
// found is a failure, worded the same whether the USCC is unknown or
// belongs to another district, so that a district official learns nothing
// of other districts; a row refused for its content is a failure too.
// Nothing is dropped: every row is recorded or failed.
func (tx *Tx) SaveRecognitionList(ctx context.Context, items []ListItem) (created, updated int, failed []ListFailure, err error) {
	c, err := callerFrom(ctx)
	if err == nil {
		err = requireOfficial(c, "登记认定")
	}
	if err != nil {
		return 0, 0, nil, fmt.Errorf("sqlstore: save recognition list: %w", err)
	}
	for _, it := range items {
		ent, err := tx.getEnterprise(ctx, c, "e.uscc", it.USCC)
		if apperr.Is(err, apperr.ENOTFOUND) {
			failed = append(failed, ListFailure{Row: it.Row, Path: "uscc",
				ZH: fmt.Sprintf("统一社会信用代码 %s 在您管辖范围内没有登记的企业，未能匹配", it.USCC),
				EN: fmt.Sprintf("no enterprise with USCC %s in your scope", it.USCC)})
			continue
		}
		if err != nil {
			return 0, 0, nil, fmt.Errorf("sqlstore: save recognition list row %d: %w", it.Row, err)
		}
		it.Rec.EnterpriseID = ent.ID
		isNew, err := tx.saveRecognition(ctx, it.Rec, true)
		switch {
		case err == nil && isNew:
			created++
		case err == nil:
			updated++
		case apperr.Code(err) != apperr.EINTERNAL:
			failed = append(failed, ListFailure{Row: it.Row, ZH: apperr.Message(err), EN: err.Error()})
		default:
			return 0, 0, nil, fmt.Errorf("sqlstore: save recognition list row %d: %w", it.Row, err)
		}
	}
	return created, updated, failed, nil
}

// SaveRecognitionList is Tx.SaveRecognitionList in its own transaction.
func (s *Store) SaveRecognitionList(ctx context.Context, items []ListItem) (created, updated int, failed []ListFailure, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		created, updated, failed, err = tx.SaveRecognitionList(ctx, items)
		return err
	})
	return created, updated, failed, err
}
