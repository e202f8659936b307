package sqlstore

import (
	"context"
	"fmt"
	"sort"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// FinanceTotal is one group of the 专精特新贷 totals: active lines and
// outstanding loans, in 分.
type FinanceTotal struct {
	Key      string `json:"key"` // the tier, bank name or district code
	Lines    int    `json:"lines"`
	LinesFen int64  `json:"lines_fen"`
	Loans    int    `json:"loans"`
	LoansFen int64  `json:"loans_fen"`
}

// totalKeys are the groupings of FinanceTotals and their SQL expressions.
var totalKeys = map[string]string{"tier": "e.tier", "bank": "i.name", "region": "e.region"}

// FinanceTotals sums active credit lines and outstanding loans by tier,
// bank or district, in the caller's scope (a district its enterprises, a
// bank its own business). Enterprises and institutions are unaffected.
func (tx *Tx) FinanceTotals(ctx context.Context, by string) ([]*FinanceTotal, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if c.Role != auth.RoleCity && c.Role != auth.RoleDistrict && c.Role != auth.RoleBank {
		return nil, apperr.Errorf(apperr.EFORBIDDEN, "仅工信部门和合作银行可查看融资统计")
	}
	key, ok := totalKeys[by]
	if !ok {
		return nil, apperr.Errorf(apperr.EINVALID, "by：统计口径应为 tier、bank 或 region (by: tier, bank or region)")
	}
	groups := map[string]*FinanceTotal{}
	for _, t := range []struct{ table, live string }{
		{"credit_lines", "x.status = 'active'"}, {"loans", "x.status = 'outstanding'"},
	} {
		var a args
		q := `SELECT ` + key + `, COUNT(*), COALESCE(SUM(x.amount_fen), 0) FROM ` + t.table + ` x
			JOIN enterprises e ON e.id = x.enterprise_id JOIN institutions i ON i.id = x.bank_id` +
			where(t.live, ownedScope(c, "x", &a)) + ` GROUP BY ` + key
		rows, err := tx.query(ctx, q, a...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: finance totals: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			var fen int64
			if err := rows.Scan(&k, &n, &fen); err != nil {
				rows.Close()
				return nil, err
			}
			g := groups[k]
			if g == nil {
				g = &FinanceTotal{Key: k}
				groups[k] = g
			}
			if t.table == "loans" {
				g.Loans, g.LoansFen = n, fen
			} else {
				g.Lines, g.LinesFen = n, fen
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]*FinanceTotal, 0, len(groups))
	for _, g := range groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// FinanceTotals is Tx.FinanceTotals in a read transaction.
func (s *Store) FinanceTotals(ctx context.Context, by string) (out []*FinanceTotal, err error) {
	err = s.view(ctx, func(tx *Tx) error { out, err = tx.FinanceTotals(ctx, by); return err })
	return out, err
}
