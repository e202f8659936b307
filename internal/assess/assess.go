// Package assess runs and stores assessments (评价记录): the engine's answer
// for an enterprise on a date, kept with the rule set's id, version and
// content hash, the data year and the profile as evaluated, so that any past
// decision can be re-explained exactly. The HTML pages and the JSON API both
// assess through it, so the two surfaces cannot store different things.
package assess

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// ErrNoRuleSet is wrapped when no rule set applies to the assessment date.
var ErrNoRuleSet = errors.New("assess: no rule set applies")

// Build turns a report on profile p of enterprise id into one assessment per
// tier.
func Build(eng *criteria.Engine, id int64, p *profile.Profile, rep *criteria.Report) ([]*enterprise.Assessment, error) {
	snapshot, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("assess: snapshot: %w", err)
	}
	asOf, err := profile.ParseDate(rep.AsOf)
	if err != nil {
		return nil, fmt.Errorf("assess: %w", err)
	}
	out := make([]*enterprise.Assessment, 0, len(rep.Tiers))
	for _, tr := range rep.Tiers {
		plan := eng.Plan(tr.RuleSet)
		if plan == nil {
			return nil, fmt.Errorf("assess: rule set %s is not loaded", tr.RuleSet)
		}
		result, err := json.Marshal(tr)
		if err != nil {
			return nil, fmt.Errorf("assess: result: %w", err)
		}
		as := &enterprise.Assessment{EnterpriseID: id, AsOf: asOf, DataYear: rep.DataYear, Review: rep.Review,
			Tier: tr.Tier, RulesetID: tr.RuleSet, RulesetVersion: plan.RS.Version, RulesetHash: tr.RuleSetHash,
			Status: tr.Status.String(), Result: result, Profile: snapshot}
		if tr.Score != nil {
			s := profile.DecFromInt(int64(*tr.Score))
			as.Score = &s
		}
		out = append(out, as)
	}
	return out, nil
}

// Evaluate evaluates a record's profile with opt (gap plans included) and
// builds one assessment per tier, each noting the record version it read.
// Nothing is stored: see Save and Run.
func Evaluate(eng *criteria.Engine, rec *enterprise.Record, opt criteria.Options) (*criteria.Report, []*enterprise.Assessment, error) {
	opt.Gaps = true
	rep, err := eng.Evaluate(rec.Profile, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNoRuleSet, err)
	}
	list, err := Build(eng, rec.ID, rec.Profile, rep)
	if err != nil {
		return nil, nil, err
	}
	for _, as := range list {
		as.ProfileVersion = rec.Version
	}
	return rep, list, nil
}

// Save stores assessments in tx, each with its audit row.
func Save(ctx context.Context, tx *sqlstore.Tx, list []*enterprise.Assessment) error {
	for _, as := range list {
		if err := tx.SaveAssessment(ctx, as); err != nil {
			return err
		}
	}
	return nil
}

// Run evaluates a record's profile with opt (gap plans included) and stores
// one assessment per tier in one transaction.
func Run(ctx context.Context, st *sqlstore.Store, eng *criteria.Engine, rec *enterprise.Record, opt criteria.Options) (*criteria.Report, []*enterprise.Assessment, error) {
	rep, list, err := Evaluate(eng, rec, opt)
	if err != nil {
		return nil, nil, err
	}
	if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error { return Save(ctx, tx, list) }); err != nil {
		return nil, nil, err
	}
	return rep, list, nil
}
