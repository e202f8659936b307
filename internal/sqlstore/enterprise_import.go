package sqlstore

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
)

// exportPage is how many records EachEnterprise reads per query.
const exportPage = enterprise.MaxLimit

// EachEnterprise yields every enterprise in the caller's scope that matches f
// (Limit and Offset ignored), with its profile, in f's sort order, for the
// Excel export. The records are read a page at a time inside one read
// transaction, so the sequence is one snapshot however long the consumer
// takes, and memory holds one page. The transaction does not queue with the
// short ones (see Store.stream). An error ends the sequence.
func (s *Store) EachEnterprise(ctx context.Context, f enterprise.Filter) iter.Seq2[*enterprise.Record, error] {
	return streamPages(ctx, s, "each enterprise", func(tx *Tx, offset int) ([]*enterprise.Record, error) {
		f.Limit, f.Offset = exportPage, offset
		items, _, err := tx.listEnterprises(ctx, f)
		if err != nil {
			return nil, err
		}
		return tx.enterpriseProfiles(ctx, items)
	})
}

// streamPages yields the items of page (called with offsets 0, exportPage,
// 2×exportPage… until a page is short) inside one streaming read
// transaction: one snapshot, one page in memory. An error ends the sequence.
func streamPages[T any](ctx context.Context, s *Store, what string, page func(tx *Tx, offset int) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		stopped := false
		err := s.stream(ctx, func(tx *Tx) error {
			for offset := 0; ; offset += exportPage {
				items, err := page(tx, offset)
				if err != nil {
					return err
				}
				for _, it := range items {
					if !yield(it, nil) {
						stopped = true
						return nil
					}
				}
				if len(items) < exportPage {
					return nil
				}
			}
		})
		if err != nil && !stopped {
			var zero T
			yield(zero, fmt.Errorf("sqlstore: %s: %w", what, err))
		}
	}
}

// enterpriseProfiles reads the profiles of items (from listEnterprises, so
// in the caller's scope) in one query and returns the items in their order
// with their profiles.
func (tx *Tx) enterpriseProfiles(ctx context.Context, items []*enterprise.Record) ([]*enterprise.Record, error) {
	if len(items) == 0 {
		return nil, nil
	}
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = a.add(it.ID)
	}
	q := `SELECT ` + enterpriseColumns + `, p.profile FROM enterprises e
		JOIN enterprise_profiles p ON p.enterprise_id = e.id
		WHERE e.id IN (` + strings.Join(ids, ", ") + `)` + and(enterpriseScope(c, &a))
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]*enterprise.Record, len(items))
	for rows.Next() {
		r, err := scanEnterprise(rows, true)
		if err != nil {
			return nil, err
		}
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]*enterprise.Record, 0, len(items))
	for _, it := range items {
		if r := byID[it.ID]; r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// SaveEnterprises writes imported records: a USCC not yet registered is
// created, one registered in the caller's scope is updated, checked against
// the version read in the same transaction. merge, when not nil, is called
// before an update with the imported record and the stored one, to carry
// over what the import does not hold. Every write is audited as
// CreateEnterprise and UpdateEnterprise audit it. A USCC registered outside
// the caller's scope is a conflict, as it is for CreateEnterprise.
//
// Run it inside WithTx with the other writes of the import: the first error
// names the record and leaves the transaction to be rolled back.
func (tx *Tx) SaveEnterprises(ctx context.Context, recs []*enterprise.Record, merge func(imported, stored *enterprise.Record)) (created, updated int, err error) {
	for _, r := range recs {
		if r.Profile == nil {
			return created, updated, apperr.Errorf(apperr.EINVALID, "企业画像不能为空")
		}
		uscc := strings.ToUpper(strings.TrimSpace(r.Profile.USCC))
		c, err := callerFrom(ctx)
		if err != nil {
			return created, updated, err
		}
		stored, err := tx.getEnterprise(ctx, c, "e.uscc", uscc)
		switch {
		case apperr.Code(err) == apperr.ENOTFOUND:
			if err := tx.CreateEnterprise(ctx, r); err != nil {
				return created, updated, err
			}
			created++
		case err != nil:
			return created, updated, fmt.Errorf("sqlstore: save enterprise %s: %w", uscc, err)
		default:
			r.ID, r.Version = stored.ID, stored.Version
			if merge != nil {
				merge(r, stored)
			}
			if err := tx.UpdateEnterprise(ctx, r); err != nil {
				return created, updated, err
			}
			updated++
		}
	}
	return created, updated, nil
}
