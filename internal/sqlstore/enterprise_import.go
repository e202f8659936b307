package sqlstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
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
	return out, tx.discloseToBank(ctx, c, out...)
}

// SaveOutcome is what SaveEnterprises did.
type SaveOutcome struct {
	Created, Updated int
	// Unchanged counts the records of enterprises on file that the import
	// would not change: not written, not refused.
	Unchanged int
	// Refused are the records not written, by their index in the records
	// given, with the reason: an *apperr.Error whose Chinese message is
	// for the row (ECONFLICT, EINVALID or EFORBIDDEN).
	Refused map[int]error
}

// errRefused rolls back an all-or-nothing import that refused a record.
var errRefused = errors.New("sqlstore: an import refused records")

// SaveEnterprises writes imported records, each checked in the transaction
// that writes it, and refuses (without writing, and without failing the
// others) each one that would lose data or reveal another district's:
//
//   - A USCC not registered is created.
//   - A USCC registered outside the caller's scope is refused with a
//     message that names neither the district nor the enterprise, and is
//     checked before the INSERT so that no failed statement aborts the
//     transaction (PostgreSQL) and the clean rows of a partial import still
//     go in.
//   - A record that would not change the enterprise on file is counted as
//     unchanged and not written, whatever its version (saveImported).
//   - A USCC in the caller's scope is updated only when the record carries
//     the version it was exported at (Record.Version, the hidden 数据版本
//     column) and that version is still the stored one. An older version
//     means someone changed the record after the export: the row is a
//     conflict, never an overwrite (the edit would otherwise be undone
//     silently). A row without a version — a filled blank template, or an
//     export whose column was cleared — is refused for an existing
//     enterprise too: nothing tells which of its values were seen, and
//     updating "only where it cannot undo a newer edit" would need the
//     values at the time of filling, which a template does not hold. Such a
//     row may still create enterprises, and the message says how to update:
//     export the current list, edit it, import it.
//
// merge, when not nil, is called before an update with the imported record
// and the stored one, to build the record to write (xlsx.Result.Merge: the
// import's filled cells over the stored record); its error refuses the
// record. Every write is audited as CreateEnterprise and UpdateEnterprise
// audit it. Run it inside WithTx; an error other than a refusal leaves the
// transaction to be rolled back.
func (tx *Tx) SaveEnterprises(ctx context.Context, recs []*enterprise.Record, merge func(imported, stored *enterprise.Record) error) (SaveOutcome, error) {
	out := SaveOutcome{Refused: map[int]error{}}
	c, err := callerFrom(ctx)
	if err != nil {
		return out, err
	}
	for i, r := range recs {
		if r.Profile == nil {
			return out, apperr.Errorf(apperr.EINVALID, "企业画像不能为空")
		}
		uscc := strings.ToUpper(strings.TrimSpace(r.Profile.USCC))
		stored, err := tx.getEnterprise(ctx, c, "e.uscc", uscc)
		switch {
		case apperr.Code(err) == apperr.ENOTFOUND:
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM enterprises WHERE uscc = $1`, uscc).Scan(&n); err != nil {
				return out, fmt.Errorf("sqlstore: save enterprise %s: %w", uscc, err)
			}
			if n > 0 {
				out.Refused[i] = apperr.Errorf(apperr.ECONFLICT,
					"该统一社会信用代码的企业已在其他区县（市）登记，不能在本区县导入；如企业迁入，请联系市级主管部门办理")
				continue
			}
			err = tx.CreateEnterprise(ctx, r)
			if err == nil {
				out.Created++
			}
		case err != nil:
			return out, fmt.Errorf("sqlstore: save enterprise %s: %w", uscc, err)
		default:
			err = tx.saveImported(ctx, r, stored, merge, &out)
		}
		if rowProblem(err) {
			out.Refused[i] = err
		} else if err != nil {
			return out, err
		}
	}
	return out, nil
}

// saveImported updates stored with the imported r (see SaveEnterprises). A
// row that changes nothing is counted as unchanged and not written, whatever
// its version: it cannot undo an edit, and writing it would only bump the
// version and turn the other exports of the record stale (an annotated file
// uploaded again after a partial import holds the rows already written).
func (tx *Tx) saveImported(ctx context.Context, r, stored *enterprise.Record, merge func(imported, stored *enterprise.Record) error, out *SaveOutcome) error {
	r.ID = stored.ID
	if merge != nil {
		if err := merge(r, stored); err != nil {
			return err
		}
	}
	if same, err := sameRecord(r, stored); err != nil {
		return err
	} else if same {
		out.Unchanged++
		return nil
	}
	switch {
	case r.Version == 0:
		return apperr.Errorf(apperr.ECONFLICT,
			"该企业已在平台登记，本行没有数据版本（不是从平台导出的名单），为免覆盖平台上较新的数据未导入；请先导出最新名单再修改导入")
	case r.Version != stored.Version:
		return apperr.Errorf(apperr.ECONFLICT,
			"该企业的档案在导出后已被修改（导出时为第 %d 版，现为第 %d 版），本行未导入，以免覆盖较新的修改；请先导出最新名单再修改导入",
			r.Version, stored.Version)
	}
	if err := tx.UpdateEnterprise(ctx, r); err != nil {
		return err
	}
	out.Updated++
	return nil
}

// sameRecord reports whether writing r would leave stored as it is: the
// same profile document, chain and status.
func sameRecord(r, stored *enterprise.Record) (bool, error) {
	status := r.Status
	if status == "" {
		status = enterprise.StatusActive // as Prepare makes it
	}
	if r.Chain != stored.Chain || status != stored.Status {
		return false, nil
	}
	a, err := profile.EncodeBytes(r.Profile)
	if err != nil {
		return false, apperr.Wrap(err, apperr.EINVALID, "企业画像无法保存")
	}
	b, err := profile.EncodeBytes(stored.Profile)
	if err != nil {
		return false, err
	}
	return bytes.Equal(a, b), nil
}

// rowProblem reports whether err refuses one record rather than the
// import: a rule of the record, not an outage. None of these comes from a
// failed statement, so the transaction goes on.
func rowProblem(err error) bool {
	switch apperr.Code(err) {
	case apperr.EINVALID, apperr.ECONFLICT, apperr.EFORBIDDEN:
		return true
	}
	return false
}

// SaveEnterprises is Tx.SaveEnterprises in its own transaction. With all, a
// refused record writes nothing at all (the outcome then lists the
// refusals and counts nothing written); without, the others are written.
func (s *Store) SaveEnterprises(ctx context.Context, recs []*enterprise.Record, merge func(imported, stored *enterprise.Record) error, all bool) (SaveOutcome, error) {
	var out SaveOutcome
	err := s.WithTx(ctx, func(tx *Tx) error {
		var err error
		if out, err = tx.SaveEnterprises(ctx, recs, merge); err != nil {
			return err
		}
		if all && len(out.Refused) > 0 {
			return errRefused
		}
		return nil
	})
	if errors.Is(err, errRefused) {
		out.Created, out.Updated, err = 0, 0, nil
	}
	return out, err
}
