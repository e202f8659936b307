package criteria_test

import (
	"testing"

	"zjtx/internal/criteria"
)

func TestClausesCoverEveryNodeAndItem(t *testing.T) {
	e := mustEngine(t)
	for _, rs := range e.Sets {
		p := e.Plan(rs.ID)
		cl := criteria.Clauses(p.RS)
		if len(cl) == 0 {
			t.Errorf("%s: no clauses", rs.ID)
			continue
		}
		items := 0
		for _, c := range cl {
			if c.Label == "" {
				t.Errorf("%s: clause %q without a label", rs.ID, c.ID)
			}
			if c.Section == "评分项" {
				items++
			}
		}
		if p.RS.Score != nil && items != len(p.RS.Score.Items) {
			t.Errorf("%s: %d items listed, want %d", rs.ID, items, len(p.RS.Score.Items))
		}
	}
}
