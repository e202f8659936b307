package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
)

// MaxBulkAdd bounds the USCCs of one bulk addition to a backup list: one
// write transaction holds them all.
const MaxBulkAdd = 1000

// Messages of a USCC not added by a bulk addition. An unknown USCC and one
// of another district read the same, so that the answer reveals nothing of
// other districts.
const (
	BulkNotRegistered = "未登记或不在本辖区，请先登记企业档案"
	BulkOnList        = "已在后备清单中"
)

// BulkSkip is one USCC a bulk addition did not add, and why.
type BulkSkip struct {
	USCC   string `json:"uscc"`
	Reason string `json:"reason"`
}

// BulkAddResult is what a bulk addition did.
type BulkAddResult struct {
	Added   int        `json:"added"`
	Skipped []BulkSkip `json:"skipped"`
}

// AddBackupEntries puts the registered enterprises of the caller's scope
// with the USCCs on a tier's list by hand (source manual, as AddBackupEntry,
// one audit row each) with one reason, in one transaction. A USCC not
// registered in scope, or already on the list, is skipped with the reason.
func (s *Store) AddBackupEntries(ctx context.Context, tier, reason string, usccs []string) (res BulkAddResult, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		res, err = tx.AddBackupEntries(ctx, tier, reason, usccs)
		return err
	})
	return res, err
}

// AddBackupEntries is Store.AddBackupEntries in tx.
func (tx *Tx) AddBackupEntries(ctx context.Context, tier, reason string, usccs []string) (BulkAddResult, error) {
	res, err := tx.addBackupEntries(ctx, tier, reason, usccs)
	if err != nil {
		return BulkAddResult{}, fmt.Errorf("sqlstore: add backup entries %s: %w", tier, err)
	}
	return res, nil
}

func (tx *Tx) addBackupEntries(ctx context.Context, tier, reason string, usccs []string) (BulkAddResult, error) {
	res := BulkAddResult{Skipped: []BulkSkip{}}
	c, err := officialFor(ctx, tier)
	if err != nil {
		return res, err
	}
	reason = strings.TrimSpace(reason)
	if err := cultivation.CheckReason(reason); err != nil {
		return res, err
	}
	if len(usccs) == 0 {
		return res, apperr.Errorf(apperr.EINVALID, "usccs：请至少选择一家企业")
	}
	if len(usccs) > MaxBulkAdd {
		return res, apperr.Errorf(apperr.EINVALID, "usccs：一次最多加入 %d 家企业，本次 %d 家", MaxBulkAdd, len(usccs))
	}
	for _, u := range usccs {
		u = strings.ToUpper(strings.TrimSpace(u))
		rec, err := tx.getEnterprise(ctx, c, "e.uscc", u)
		if apperr.Is(err, apperr.ENOTFOUND) {
			res.Skipped = append(res.Skipped, BulkSkip{USCC: u, Reason: BulkNotRegistered})
			continue
		}
		if err == nil {
			_, err = tx.putManualEntry(ctx, c, rec, tier, reason)
		}
		switch {
		case err == nil:
			res.Added++
		case apperr.Is(err, apperr.ECONFLICT):
			res.Skipped = append(res.Skipped, BulkSkip{USCC: u, Reason: BulkOnList})
		default:
			return BulkAddResult{Skipped: []BulkSkip{}}, err
		}
	}
	return res, nil
}
