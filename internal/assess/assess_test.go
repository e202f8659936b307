package assess_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"zjtx/internal/assess"
	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/rules"
)

// TestRunStoresWhatReExplains: an assessment stores one row per tier with
// the rule set's id, version and hash, and evaluating its profile snapshot
// again with that rule set reproduces the stored result byte for byte.
func TestRunStoresWhatReExplains(t *testing.T) {
	ctx := auth.WithCaller(context.Background(), auth.Caller{Role: auth.RoleCity, Username: "city"})
	st, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "zjtx.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../examples/E6-srdi-2026-boundary.json")
	if err != nil {
		t.Fatal(err)
	}
	p, errs := profile.DecodeBytes(b)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	rec := &enterprise.Record{Profile: p}
	if err := st.CreateEnterprise(ctx, rec); err != nil {
		t.Fatal(err)
	}
	asOf := profile.MustDate("2026-09-01")
	rep, list, err := assess.Run(ctx, st, eng, rec, criteria.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(criteria.Tiers) || len(rep.Tiers) != len(list) {
		t.Fatalf("%d assessments for %d tiers", len(list), len(rep.Tiers))
	}
	stored, err := st.ListAssessments(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(list) {
		t.Fatalf("stored %d, want %d", len(stored), len(list))
	}
	for _, s := range stored {
		as, err := st.GetAssessment(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		plan := eng.Plan(as.RulesetID)
		if plan == nil || plan.RS.Hash() != as.RulesetHash || plan.RS.Version != as.RulesetVersion {
			t.Fatalf("%s: stored rule set %s %s #%s does not match the loaded one", as.Tier, as.RulesetID, as.RulesetVersion, as.RulesetHash)
		}
		snap, errs := profile.DecodeBytes(as.Profile)
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		again, err := eng.Evaluate(snap, criteria.Options{AsOf: as.AsOf, Review: as.Review, Tiers: []string{as.Tier}, Gaps: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := assess.Build(eng, rec.ID, snap, again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[0].Result, as.Result) {
			t.Errorf("%s: re-evaluating the snapshot does not reproduce the stored result", as.Tier)
		}
	}
	if _, _, err := assess.Run(ctx, st, eng, rec, criteria.Options{AsOf: profile.MustDate("2010-01-01")}); !errors.Is(err, assess.ErrNoRuleSet) {
		t.Errorf("a date before every rule set: err = %v, want ErrNoRuleSet", err)
	}
}
