package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"zjtx/internal/enterprise"
	"zjtx/internal/search"
)

// enterpriseSorts maps a sort name to its ORDER BY; id breaks ties so pages
// never overlap. Chinese names sort by code point on SQLite and by the
// database collation on PostgreSQL (pinyin under zh_CN).
var enterpriseSorts = map[string]string{
	"updated":  "e.updated_at DESC, e.id DESC",
	"-updated": "e.updated_at ASC, e.id ASC",
	"name":     "e.name ASC, e.id ASC",
	"-name":    "e.name DESC, e.id DESC",
	"uscc":     "e.uscc ASC",
	"-uscc":    "e.uscc DESC",
	"created":  "e.id DESC",
	"-created": "e.id ASC",
}

// ListEnterprises returns one page of the enterprises in the caller's scope
// that match f, and how many match in all. Items carry no profile document
// (Profile is nil): a list page shows columns, and decoding 50 profiles per
// page would be most of its cost.
func (tx *Tx) ListEnterprises(ctx context.Context, f enterprise.Filter) ([]*enterprise.Record, int, error) {
	items, total, err := tx.listEnterprises(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list enterprises: %w", err)
	}
	return items, total, nil
}

func (tx *Tx) listEnterprises(ctx context.Context, f enterprise.Filter) ([]*enterprise.Record, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	var a args
	where := []string{enterpriseScope(c, &a)}
	if f.Region != "" {
		where = append(where, "e.region = "+a.add(f.Region))
	}
	switch f.Tier {
	case "":
	case "none":
		where = append(where, "e.tier = ''")
	default:
		where = append(where, "e.tier = "+a.add(f.Tier))
	}
	if f.Industry != "" {
		// GB/T 4754 codes are hierarchical (C > C34 > C348 > C3484): a prefix
		// selects a whole branch. Codes are [A-Z0-9] only, so LIKE needs no escaping.
		where = append(where, "e.industry LIKE "+a.add(strings.ToUpper(strings.TrimSpace(f.Industry))+"%"))
	}
	if f.Chain != "" {
		where = append(where, "e.chain = "+a.add(f.Chain))
	}
	if f.Status != "" {
		where = append(where, "e.status = "+a.add(string(f.Status)))
	}
	if q := search.Parse(f.Q); !q.Empty() {
		if len(q.Tokens) > 0 {
			// The enterprises having every token: an intersection of index
			// lookups, which both engines plan as a semi-join that drives the
			// query from the (usually few) matching ids.
			var parts []string
			for _, t := range q.Tokens {
				parts = append(parts, "SELECT enterprise_id FROM enterprise_tokens WHERE token = "+a.add(t))
			}
			where = append(where, "e.id IN ("+strings.Join(parts, " INTERSECT ")+")")
		}
		// Substrings are checked on lower-cased text. lower() folds ASCII alike
		// on both engines and Han characters have no case, so the test is the
		// same; the query terms hold only letters, digits and Han, so LIKE needs
		// no escaping.
		for _, s := range q.Contains {
			p := a.add("%" + s + "%")
			where = append(where, "(lower(e.name) LIKE "+p+" OR lower(e.uscc) LIKE "+p+")")
		}
	}
	cond := strings.Join(where, " AND ")

	total, err := tx.countEnterprises(ctx, cond, a)
	if err != nil {
		return nil, 0, err
	}
	order, ok := enterpriseSorts[f.Sort]
	if !ok {
		order = enterpriseSorts["updated"]
	}
	limit := f.Limit
	if limit <= 0 {
		limit = enterprise.DefaultLimit
	}
	limit = min(limit, enterprise.MaxLimit)
	q := "SELECT " + enterpriseColumns + " FROM enterprises e WHERE " + cond + " ORDER BY " + order +
		" LIMIT " + a.add(int64(limit)) + " OFFSET " + a.add(int64(max(f.Offset, 0)))
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	items := make([]*enterprise.Record, 0, limit)
	for rows.Next() {
		r, err := scanEnterprise(rows, false)
		if err != nil {
			return nil, 0, err
		}
		items = append(items, r)
	}
	return items, total, rows.Err()
}

// ListEnterprises is Tx.ListEnterprises in its own read transaction.
func (s *Store) ListEnterprises(ctx context.Context, f enterprise.Filter) (items []*enterprise.Record, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		items, total, err = tx.ListEnterprises(ctx, f)
		return err
	})
	return items, total, err
}
