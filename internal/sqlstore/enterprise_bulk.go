package sqlstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/search"
)

// bulkRows is how many records one multi-row INSERT carries. SQLite looks up
// each $N parameter in a list while parsing, a cost that grows with the square
// of the parameters per statement, so batches stay at about a thousand
// parameters: past that, larger statements are slower, not faster.
const bulkRows = 100

// BulkCreateEnterprises records many new enterprises at once, for the demo
// loader and official imports: multi-row INSERTs instead of one statement per
// record, so 100,000 records take seconds, not minutes. Only city officials
// (and the system) may load in bulk. The audit log gets one row per call,
// naming how many records and which ids, instead of one row per record:
// a load of 100,000 is one change an official made, and the records
// themselves hold what was loaded. IDs, versions and timestamps are set on
// success; any duplicate USCC fails the whole call (ECONFLICT).
func (tx *Tx) BulkCreateEnterprises(ctx context.Context, recs []*enterprise.Record) error {
	if err := tx.bulkCreateEnterprises(ctx, recs); err != nil {
		return fmt.Errorf("sqlstore: bulk create enterprises: %w", err)
	}
	return nil
}

func (tx *Tx) bulkCreateEnterprises(ctx context.Context, recs []*enterprise.Record) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	if len(recs) == 0 {
		return nil
	}
	docs := make([]string, len(recs))
	for i, r := range recs {
		if err := r.Prepare(tx.now); err != nil {
			return fmt.Errorf("record %d (%s): %w", i+1, r.USCC, err)
		}
		doc, err := json.Marshal(r.Profile)
		if err != nil {
			return apperr.Wrap(err, apperr.EINVALID, "企业画像无法保存")
		}
		docs[i] = string(doc)
		r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
	}
	now := ts(tx.now)
	tx.touchEnterprises()
	regions := map[string]int{}
	for lo := 0; lo < len(recs); lo += bulkRows {
		hi := min(lo+bulkRows, len(recs))
		var a args
		var b strings.Builder
		b.WriteString(`INSERT INTO enterprises
			(uscc, name, region, industry, chain, status, tier, version, created_at, updated_at) VALUES `)
		at := a.add(now)
		byUSCC := make(map[string]*enterprise.Record, hi-lo)
		for i := lo; i < hi; i++ {
			r := recs[i]
			if i > lo {
				b.WriteString(", ")
			}
			b.WriteString("(" + a.add(r.USCC) + ", " + a.add(r.Name) + ", " + a.add(r.Region) + ", " +
				a.add(r.Industry) + ", " + a.add(r.Chain) + ", " + a.add(string(r.Status)) + ", " + a.add(r.Tier) + ", 1, " +
				at + ", " + at + ")")
			byUSCC[r.USCC] = r
			regions[r.Region]++
		}
		// RETURNING rows come in no promised order, so ids are matched back
		// by USCC, which is unique.
		b.WriteString(" RETURNING id, uscc")
		rows, err := tx.query(ctx, b.String(), a...)
		if err != nil {
			return bulkViolation(err)
		}
		for rows.Next() {
			var id int64
			var uscc string
			if err := rows.Scan(&id, &uscc); err != nil {
				rows.Close()
				return err
			}
			if r := byUSCC[uscc]; r != nil {
				r.ID = id
			}
		}
		if err := rows.Close(); err != nil {
			return bulkViolation(err)
		}
		if err := rows.Err(); err != nil {
			return bulkViolation(err)
		}
		if err := tx.insertProfiles(ctx, recs[lo:hi], docs[lo:hi]); err != nil {
			return err
		}
	}
	if err := tx.indexEnterprises(ctx, recs); err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "enterprise.bulk_create", entity: "enterprise",
		entityID: fmt.Sprintf("%d-%d", recs[0].ID, recs[len(recs)-1].ID),
		after:    map[string]any{"count": len(recs), "first_id": recs[0].ID, "last_id": recs[len(recs)-1].ID, "by_region": regions}})
}

// insertProfiles writes the profile documents of records that have their
// ids, in one multi-row INSERT: the documents live in enterprise_profiles,
// apart from the slim rows lists read.
func (tx *Tx) insertProfiles(ctx context.Context, recs []*enterprise.Record, docs []string) error {
	var a args
	var b strings.Builder
	b.WriteString("INSERT INTO enterprise_profiles (enterprise_id, profile) VALUES ")
	for i, r := range recs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + a.add(r.ID) + ", " + a.add(docs[i]) + ")")
	}
	if _, err := tx.exec(ctx, b.String(), a...); err != nil {
		return fmt.Errorf("profiles: %w", err)
	}
	return nil
}

func bulkViolation(err error) error {
	switch violation(err) {
	case violUnique:
		return apperr.Wrap(err, apperr.ECONFLICT, "统一社会信用代码重复或已登记")
	case violForeignKey:
		return apperr.Wrap(err, apperr.EINVALID, "区县代码不存在")
	}
	return err
}

// indexEnterprises writes the search tokens of new records (which have none
// yet): full batches through one prepared multi-row INSERT, the rest in a
// last, shorter one.
func (tx *Tx) indexEnterprises(ctx context.Context, recs []*enterprise.Record) error {
	const perStmt = 250 // rows of two parameters each; see bulkRows
	type pair struct {
		token string
		id    int64
	}
	var ps []pair
	for _, r := range recs {
		for _, t := range search.Tokens(r.Name + " " + r.USCC) {
			ps = append(ps, pair{t, r.ID})
		}
	}
	// In key order the inserts walk the (token, enterprise_id) B-tree from
	// left to right instead of landing on random pages (about 15 % faster
	// for 20,000 enterprises).
	slices.SortFunc(ps, func(a, b pair) int {
		if c := strings.Compare(a.token, b.token); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	pairs := make([]any, 0, 2*len(ps))
	for _, p := range ps {
		pairs = append(pairs, p.token, p.id)
	}
	insert := func(rows int) string {
		var a args
		var b strings.Builder
		b.WriteString("INSERT INTO enterprise_tokens (token, enterprise_id) VALUES ")
		for i := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + a.add(nil) + ", " + a.add(nil) + ")")
		}
		return b.String()
	}
	if len(pairs) >= 2*perStmt {
		stmt, err := tx.tx.PrepareContext(ctx, insert(perStmt))
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		defer stmt.Close()
		for len(pairs) >= 2*perStmt {
			if _, err := stmt.ExecContext(ctx, pairs[:2*perStmt]...); err != nil {
				return fmt.Errorf("index: %w", err)
			}
			pairs = pairs[2*perStmt:]
		}
	}
	if len(pairs) > 0 {
		if _, err := tx.exec(ctx, insert(len(pairs)/2), pairs...); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	return nil
}

// BulkCreateEnterprises is Tx.BulkCreateEnterprises in its own transaction.
func (s *Store) BulkCreateEnterprises(ctx context.Context, recs []*enterprise.Record) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.BulkCreateEnterprises(ctx, recs) })
}

// CreateUsers is a convenience for loaders: it creates each account in one
// transaction, as the caller of ctx.
func (s *Store) CreateUsers(ctx context.Context, users ...*auth.User) error {
	return s.WithTx(ctx, func(tx *Tx) error {
		for _, u := range users {
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
}
