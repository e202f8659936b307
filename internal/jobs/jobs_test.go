package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/jobs"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
	"zjtx/rules"
)

var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

// setup opens a fresh store of the engine with n never-assessed demo-like
// enterprises of one district, and a started runner on it.
func setup(t *testing.T, eng string, n int) (*sqlstore.Store, *jobs.Runner, []int64) {
	t.Helper()
	return setupWith(t, eng, n, nil)
}

// setupWith is setup with prep run on the store and the runner's
// configuration after the enterprises are made and before the runner starts.
func setupWith(t *testing.T, eng string, n int, prep func(st *sqlstore.Store, ids []int64, cfg *jobs.Config)) (*sqlstore.Store, *jobs.Runner, []int64) {
	t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	dsn := testdb.Fresh(t, eng)
	st, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = func() time.Time { return t0 }
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	e, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := range n {
		r := &enterprise.Record{Profile: testProfile(i)}
		if err := st.CreateEnterprise(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	cfg := jobs.Config{Store: st, Engine: e, DSN: dsn, Now: st.Now}
	if prep != nil {
		prep(st, ids, &cfg)
	}
	r, err := jobs.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = r.Stop(ctx)
		r.Close()
	})
	return st, r, ids
}

func wait(t *testing.T, st *sqlstore.Store, ctx context.Context, id int64) *sqlstore.Job {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		j, err := st.GetJob(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Finished() {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d still %s: %+v", id, j.State, j)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func assessmentAudits(t *testing.T, st *sqlstore.Store) int {
	t.Helper()
	_, n, err := st.ListAudit(auth.WithCaller(context.Background(), auth.System), auth.AuditFilter{Action: "assessment.create", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAssessBulkResumesAndReruns: a job interrupted after its first
// enterprise resumes after it on the next run, without assessing it again;
// a finished job run again changes nothing.
func TestAssessBulkResumesAndReruns(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			st, runner, ids := setup(t, eng, 4)
			city := auth.WithCaller(context.Background(), auth.Caller{UserID: 0, Username: "city", Role: auth.RoleCity})
			// A job row as AssessBulk makes it, with the first enterprise done
			// by an earlier, interrupted attempt; then River runs it.
			j := &sqlstore.Job{Kind: jobs.KindAssessBulk, Params: []byte(`{"filter":{}}`)}
			if err := st.CreateJob(city, j); err != nil {
				t.Fatal(err)
			}
			if err := st.WithTx(city, func(tx *sqlstore.Tx) error {
				if _, err := tx.StartJob(city, j.ID, 4); err != nil {
					return err
				}
				return tx.JobItemDone(city, j.ID, ids[0], "")
			}); err != nil {
				t.Fatal(err)
			}
			if err := runner.Requeue(city, j.ID); err != nil {
				t.Fatal(err)
			}
			got := wait(t, st, city, j.ID)
			if got.State != sqlstore.JobCompleted || got.Done != 4 || got.Total != 4 || got.Errors != 0 {
				t.Fatalf("resumed job: %+v, want completed 4 of 4", got)
			}
			if n := assessmentAudits(t, st); n != 3*len(criteria.Tiers) {
				t.Errorf("assessments after resuming: %d, want %d (the first enterprise was done before)", n, 3*len(criteria.Tiers))
			}
			first, err := st.GetEnterprise(city, ids[0])
			if err != nil {
				t.Fatal(err)
			}
			if len(first.Outcomes) != 0 {
				t.Errorf("the enterprise done before the interruption was assessed again: %v", first.Outcomes)
			}

			// Run again once finished: nothing more is assessed.
			if err := runner.Requeue(city, j.ID); err != nil {
				t.Fatal(err)
			}
			time.Sleep(1500 * time.Millisecond) // longer than River's fetch interval
			if n := assessmentAudits(t, st); n != 3*len(criteria.Tiers) {
				t.Errorf("assessments after running a finished job again: %d, want %d", n, 3*len(criteria.Tiers))
			}
			if again := wait(t, st, city, j.ID); again.Done != 4 || again.State != sqlstore.JobCompleted {
				t.Errorf("finished job run again: %+v", again)
			}
		})
	}
}

// testProfile is a small valid profile of 金水区.
func testProfile(n int) *profile.Profile {
	est := profile.MustDate("2015-03-18")
	rev, rd := profile.DecFromInt(3645), profile.DecFromInt(109)
	emp := int64(120)
	return &profile.Profile{USCC: testdb.USCC("410105", n), Name: fmt.Sprintf("郑州作业%d精密机械有限公司", n),
		Region: "410105", Industry: "C3484", Established: &est,
		Years: map[int]*profile.Year{2025: {Revenue: &rev, RDExpense: &rd, Employees: &emp}}}
}

// TestAssessBulkFailureSaysWhy: a job that cannot run ends failed with its
// reason, and does not come back by itself.
func TestAssessBulkFailureSaysWhy(t *testing.T) {
	st, runner, _ := setup(t, testdb.Engines()[0], 1)
	city := auth.WithCaller(context.Background(), auth.Caller{Username: "city", Role: auth.RoleCity})
	j := &sqlstore.Job{Kind: jobs.KindAssessBulk, Params: []byte(`{"filter":`)}
	if err := st.CreateJob(city, j); err != nil {
		t.Fatal(err)
	}
	if err := runner.Requeue(city, j.ID); err != nil {
		t.Fatal(err)
	}
	got := wait(t, st, city, j.ID)
	if got.State != sqlstore.JobFailed || got.Message != "任务参数无法读取" || got.FinishedAt.IsZero() {
		t.Errorf("job with unreadable parameters: %+v, want failed saying why", got)
	}
	if n := assessmentAudits(t, st); n != 0 {
		t.Errorf("a failed job assessed %d", n)
	}
}
