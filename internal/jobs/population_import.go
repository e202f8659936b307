package jobs

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/xlsx"
)

// KindImport is the kind of the job that imports a population.
const KindImport = "population_import"

// ImportPopulation records a population uploaded by the caller (a workbook
// in the import template, or CSV with the template's column headers) and
// queues the job that reads it, stores its rows and runs candidate
// discovery on asOf.
func (r *Runner) ImportPopulation(ctx context.Context, name, filename string, data []byte, asOf profile.Date) (*sqlstore.Population, *sqlstore.Job, error) {
	st := r.cfg.Store
	source := "csv"
	if bytes.HasPrefix(data, []byte("PK")) {
		source = "xlsx" // a zip: the workbook
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = strings.TrimSuffix(path.Base(filename), path.Ext(filename))
	}
	if name == "" || len([]rune(name)) > 100 {
		return nil, nil, apperr.Errorf(apperr.EINVALID, "名称：请填写 1 至 100 个字的名称")
	}
	pop := &sqlstore.Population{Name: name, Source: source}
	if err := st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.CreatePopulation(ctx, pop, data) }); err != nil {
		return nil, nil, err
	}
	j, err := r.queue(ctx, KindImport, populationParams{PopulationID: pop.ID, AsOf: asOf.String()})
	if err != nil {
		return nil, nil, err
	}
	pop.JobID = j.ID
	return pop, j, st.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.SetPopulationJob(ctx, pop.ID, j.ID) })
}

// importPopulation reads a population's upload as its creator (the
// districts the creator may import into bound 所属区县), stores the clean
// rows, keeps every refused row's reasons (the first ones in the
// population, all of them in the annotated file) and runs discovery.
func (r *Runner) importPopulation(ctx context.Context, row *sqlstore.Job, p populationParams) error {
	st := r.cfg.Store
	data, err := st.PopulationUpload(ctx, p.PopulationID)
	if err != nil {
		return err
	}
	if data == nil {
		return nil // read by an earlier attempt, which finished the population
	}
	c, _ := auth.CallerFrom(ctx)
	all, err := st.ListRegions(ctx)
	if err != nil {
		return err
	}
	csvInput := !bytes.HasPrefix(data, []byte("PK"))
	var res *xlsx.Result
	if csvInput {
		res, err = xlsx.ImportCSV(bytes.NewReader(data), c.ManagedRegions(all))
	} else {
		res, err = xlsx.Import(bytes.NewReader(data), c.ManagedRegions(all))
	}
	if err != nil {
		if apperr.Code(err) != apperr.EINTERNAL {
			_ = st.WithTx(ctx, func(tx *sqlstore.Tx) error {
				return tx.FinishPopulation(ctx, p.PopulationID, sqlstore.PopulationOutcome{State: sqlstore.PopulationFailed,
					Errors: errorsJSON([]popRowError{{Message: err.Error(), MessageZH: apperr.Message(err)}})})
			})
		}
		return err
	}
	if _, err := st.StartJob(ctx, row.ID, int64(res.Counts.Enterprises)); err != nil {
		return err
	}
	ps := make([]*profile.Profile, len(res.Records))
	for i, rec := range res.Records {
		ps[i] = rec.Profile
	}
	if err := SavePopulation(ctx, st, p.PopulationID, 1, ps); err != nil {
		return err
	}
	out := sqlstore.PopulationOutcome{State: sqlstore.PopulationReady, Rows: int64(len(ps)), BadRows: int64(res.Counts.Rejected)}
	var errs []popRowError
	for _, e := range res.Errors {
		errs = append(errs, popRowError{Row: e.Row, Column: e.Column, Message: e.Error(), MessageZH: e.TextZH()})
	}
	if errs == nil {
		errs = []popRowError{}
	}
	out.Errors = errorsJSON(errs)
	if len(res.Errors) > 0 {
		var buf bytes.Buffer
		if csvInput {
			err, out.AnnotatedName = xlsx.AnnotateCSV(&buf, data, res), "错误标注.csv"
		} else {
			err, out.AnnotatedName = xlsx.Annotate(&buf, bytes.NewReader(data), res), "错误标注.xlsx"
		}
		if err != nil {
			return fmt.Errorf("jobs: annotate population %d: %w", p.PopulationID, err)
		}
		out.Annotated = buf.Bytes()
	}
	err = st.WithTx(ctx, func(tx *sqlstore.Tx) error {
		if err := tx.FinishPopulation(ctx, p.PopulationID, out); err != nil {
			return err
		}
		return tx.JobProgress(ctx, row.ID, int64(res.Counts.Enterprises), int64(res.Counts.Rejected))
	})
	if err != nil {
		return err
	}
	asOf, err := profile.ParseDate(p.AsOf)
	if err != nil {
		return apperr.Wrap(err, apperr.EINVALID, "任务参数无法读取")
	}
	return r.discover(ctx, p.PopulationID, asOf)
}
