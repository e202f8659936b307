package jobs_test

import (
	"bytes"
	"context"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/jobs"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
	"zjtx/internal/xlsx"
)

// TestRecognitionListJob: a list of more than 500 matched rows is recorded
// by a job, with the unmatched row reported at once; importing it again
// updates every recognition and duplicates none.
func TestRecognitionListJob(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			n := jobs.ListJobThreshold + 1
			st, runner, ids := setup(t, eng, n)
			ctx := auth.WithCaller(context.Background(), auth.System)
			var rows [][]any
			for i := range n {
				rows = append(rows, []any{"", testdb.USCC("410105", i), "创新型中小企业", "省级", "2026年第1批", "豫工信企业〔2026〕1号", "2026-03-01", ""})
			}
			rows = append(rows, []any{"", testdb.USCC("410105", n+7), "创新型中小企业", "省级", "2026年第1批", "豫工信企业〔2026〕1号", "2026-03-01", ""})
			var book bytes.Buffer
			if err := xlsx.RecognitionList(&book, rows...); err != nil {
				t.Fatal(err)
			}
			for round := range 2 {
				res, err := jobs.ImportRecognitionList(ctx, st, runner, book.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				if res.Job == nil || len(res.Errors) != 1 || res.Errors[0].Row != n+2 || res.Annotated == nil {
					t.Fatalf("round %d: job %v, %d errors; want a job and row %d unmatched", round, res.Job != nil, len(res.Errors), n+2)
				}
				j := wait(t, st, ctx, res.Job.ID)
				if j.State != sqlstore.JobCompleted || j.Done != int64(n) || j.Errors != 0 {
					t.Fatalf("round %d: job %s, %d done, %d errors: %.300s; want %d rows done", round, j.State, j.Done, j.Errors, j.Message, n)
				}
			}
			list, total, err := st.ListRecognitions(ctx, sqlstore.RecognitionFilter{})
			if err != nil || total != n {
				t.Fatalf("recognitions = %d, %v; want %d (no duplicates)", total, err, n)
			}
			if list[0].Version != 2 {
				t.Errorf("version %d after two imports, want 2", list[0].Version)
			}
			e, err := st.GetEnterprise(ctx, ids[0])
			if err != nil || len(e.Profile.Titles) != 1 || e.Profile.Titles[0].Tier != "innovative" {
				t.Errorf("titles of the first enterprise = %+v, %v; want the innovative title", e.Profile.Titles, err)
			}
		})
	}
}
