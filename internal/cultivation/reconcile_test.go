package cultivation_test

import (
	"fmt"
	"testing"

	"zjtx/internal/cultivation"
)

func TestReconcile(t *testing.T) {
	rule := func(status string) cultivation.Entry {
		return cultivation.Entry{ID: 7, Tier: "srdi", Status: status, Source: "srdi.from_innovative", Reason: "r", Version: 3}
	}
	decided := func(status string) cultivation.Entry {
		e := rule(status)
		e.DecidedBy = 9
		return e
	}
	cand := []cultivation.Candidate{{Tier: "srdi", Rule: "near_miss", Reason: "n"}}
	same := []cultivation.Candidate{{Tier: "srdi", Rule: "srdi.from_innovative", Reason: "r"}}
	for _, tc := range []struct {
		name     string
		existing []cultivation.Entry
		cands    []cultivation.Candidate
		held     bool
		want     string
	}{
		{"RuleAdds", nil, cand, false, "[add srdi reserve near_miss]"},
		{"NothingHolds", nil, nil, false, "[]"},
		{"SameRuleNoChange", []cultivation.Entry{rule("reserve")}, same, false, "[]"},
		{"OtherRuleUpdates", []cultivation.Entry{rule("reserve")}, cand, false, "[update srdi reserve near_miss]"},
		{"RuleGoneDrops", []cultivation.Entry{rule("reserve")}, nil, false, "[drop srdi reserve srdi.from_innovative]"},
		{"DecidedKeptWithoutRule", []cultivation.Entry{decided("cultivating")}, nil, false, "[]"},
		{"DecidedRemovedKeptWhenRuleHolds", []cultivation.Entry{decided("removed")}, cand, false, "[]"},
		{"DecidedManualKept", []cultivation.Entry{{Tier: "srdi", Status: "reserve", Source: "manual", DecidedBy: 9}}, cand, false, "[]"},
		{"TitleRecognizesRuleEntry", []cultivation.Entry{rule("reserve")}, nil, true, "[recognize srdi recognized srdi.from_innovative]"},
		{"TitleRecognizesDecidedEntry", []cultivation.Entry{decided("applied")}, nil, true, "[recognize srdi recognized srdi.from_innovative]"},
		{"TitleLeavesRemovedByHand", []cultivation.Entry{decided("removed")}, nil, true, "[]"},
		{"TitleAddsNothing", nil, cand, true, "[]"},
		{"RecognizedStaysAsHistory", []cultivation.Entry{rule("recognized")}, nil, false, "[]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acts := cultivation.Reconcile(tc.existing, tc.cands, func(tier string) bool { return tc.held && tier == "srdi" })
			got := "["
			for i, a := range acts {
				if i > 0 {
					got += " "
				}
				got += fmt.Sprintf("%s %s %s %s", a.Op, a.Entry.Tier, a.Entry.Status, a.Entry.Source)
				if a.Op != cultivation.OpAdd && (a.Before == nil || a.Before.Version != 3) {
					t.Errorf("%s carries no entry it changes", a.Op)
				}
			}
			if got += "]"; got != tc.want {
				t.Errorf("actions = %s, want %s", got, tc.want)
			}
		})
	}
}
