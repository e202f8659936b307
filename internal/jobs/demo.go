package jobs

import (
	"context"
	"encoding/json"
	"fmt"

	"zjtx/internal/auth"
	"zjtx/internal/demo"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// DemoPopulation is the size of the demo's population.
const DemoPopulation = 20_000

// SeedDemo gives a freshly loaded demo what the population pages show on
// first start, as the demo city official: a population of DemoPopulation
// synthetic Zhengzhou enterprises (valid USCCs, other than the registered
// ones) imported by a finished job, its candidate discovery on asOf, and a
// finished impact analysis srdi@2022 → srdi@2026 of it.
func (r *Runner) SeedDemo(ctx context.Context, asOf profile.Date) error {
	st := r.cfg.Store
	u, err := st.FindUserByUsername(auth.WithCaller(ctx, auth.System), "city")
	if err != nil {
		return fmt.Errorf("jobs: demo population: %w", err)
	}
	ctx = auth.WithCaller(ctx, u.Caller())
	recs := demo.Records(DemoPopulation, demo.Seed+1, asOf.Y-1)
	ps := make([]*profile.Profile, len(recs))
	for i, rec := range recs {
		ps[i] = rec.Profile // the profile carries USCC, name, district and industry
	}
	pop := &sqlstore.Population{Name: fmt.Sprintf("演示企业总体（%d 家，合成数据）", len(ps)), Source: "synthetic"}
	if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.CreatePopulation(ctx, pop, nil) }); err != nil {
		return err
	}
	params, _ := json.Marshal(populationParams{PopulationID: pop.ID})
	job := &sqlstore.Job{Kind: KindImport, Params: params}
	if err := st.CreateJob(ctx, job); err != nil {
		return err
	}
	if _, err := st.StartJob(ctx, job.ID, int64(len(ps))); err != nil {
		return err
	}
	if err := SavePopulation(ctx, st, pop.ID, 2, ps); err != nil { // row 1 is the header
		return err
	}
	err = st.WithTx(ctx, func(tx *sqlstore.Tx) error {
		if err := tx.SetPopulationJob(ctx, pop.ID, job.ID); err != nil {
			return err
		}
		if err := tx.FinishPopulation(ctx, pop.ID, sqlstore.PopulationOutcome{State: sqlstore.PopulationReady, Rows: int64(len(ps)), Errors: "[]"}); err != nil {
			return err
		}
		return tx.JobProgress(ctx, job.ID, int64(len(ps)), 0)
	})
	if err != nil {
		return err
	}
	if err := st.FinishJob(ctx, job.ID, sqlstore.JobCompleted, ""); err != nil {
		return err
	}
	if err := r.discover(ctx, pop.ID, asOf); err != nil {
		return err
	}
	run := &sqlstore.ImpactRun{PopulationID: pop.ID, Tier: profile.TierSRDI, From: "srdi@2022", To: "srdi@2026", AsOf: asOf.String()}
	return r.Impact(ctx, run, true)
}
