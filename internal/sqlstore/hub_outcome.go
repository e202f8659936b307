package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"zjtx/internal/auth"
	"zjtx/internal/hub"
)

// InstitutionOutcomes sums, per institution, the matches proposed in a year
// in the caller's match scope (the city: all; a district: its enterprises';
// an institution: its own): the funnel, the mean rating, the mean response
// time (推荐 → 已联系), gap demands closed (an assessment of the gap's tier
// made after delivery passes or awaits review) and tiers gained (a
// recognition dated after delivery). Banks and enterprises read nothing.
func (tx *Tx) InstitutionOutcomes(ctx context.Context, year int) ([]*hub.Outcome, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var a args
	from, to := a.add(strconv.Itoa(year)+"-01-01"), a.add(strconv.Itoa(year+1)+"-01-01")
	scope := matchScope(c, &a)
	if c.Role == auth.RoleEnterprise {
		scope = "FALSE"
	}
	q := `SELECT i.id, i.name, i.kind, m.stage, m.created_at, m.contacted_at, COALESCE(r.score, 0),
		CASE WHEN d.source = 'gap' AND m.delivered_at IS NOT NULL AND EXISTS (SELECT 1 FROM assessments x
			WHERE x.enterprise_id = m.enterprise_id AND x.tier = d.gap_tier AND x.status IN ('pass', 'review')
			AND x.created_at > m.delivered_at) THEN 1 ELSE 0 END,
		CASE WHEN m.delivered_at IS NOT NULL AND EXISTS (SELECT 1 FROM recognitions g
			WHERE g.enterprise_id = m.enterprise_id AND g.recognized_on > substr(m.delivered_at, 1, 10)) THEN 1 ELSE 0 END
		FROM matches m JOIN institutions i ON i.id = m.institution_id JOIN demands d ON d.id = m.demand_id
		JOIN enterprises e ON e.id = m.enterprise_id LEFT JOIN ratings r ON r.match_id = m.id
		WHERE m.created_at >= ` + from + ` AND m.created_at < ` + to + and(scope) + ` ORDER BY i.id, m.id`
	rows, err := queryAll(ctx, tx, q, a, func(row scanner) (hub.OutcomeRow, error) {
		var o hub.OutcomeRow
		var gap, gained int
		err := row.Scan(&o.InstitutionID, &o.Institution, &o.Kind, &o.Stage, timeCol{&o.CreatedAt}, timeCol{&o.ContactedAt},
			&o.Score, &gap, &gained)
		o.GapClosed, o.TierGained = gap == 1, gained == 1
		return o, err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: institution outcomes: %w", err)
	}
	return hub.Outcomes(rows), nil
}

// InstitutionOutcomes is Tx.InstitutionOutcomes in its own read transaction.
func (s *Store) InstitutionOutcomes(ctx context.Context, year int) ([]*hub.Outcome, error) {
	return read(s, ctx, func(tx *Tx) ([]*hub.Outcome, error) { return tx.InstitutionOutcomes(ctx, year) })
}
