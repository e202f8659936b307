package sqlstore

import (
	"context"
	"fmt"
)

// MatchUSCC returns, of the codes, those of enterprises in the caller's
// scope with their ids: an official list's rows are matched before any
// write, so the unmatched ones are reported at once even when the writes
// run as a job.
func (s *Store) MatchUSCC(ctx context.Context, codes []string) (map[string]int64, error) {
	out := map[string]int64{}
	err := s.view(ctx, func(tx *Tx) error {
		c, err := callerFrom(ctx)
		if err != nil {
			return err
		}
		for start := 0; start < len(codes); start += 500 {
			part := codes[start:min(start+500, len(codes))]
			var a args
			q := `SELECT e.uscc, e.id FROM enterprises e WHERE e.uscc IN (` + inList(&a, part) + `)` + and(enterpriseScope(c, &a))
			rows, err := tx.query(ctx, q, a...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var code string
				var id int64
				if err := rows.Scan(&code, &id); err != nil {
					rows.Close()
					return err
				}
				out[code] = id
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: match uscc: %w", err)
	}
	return out, nil
}
