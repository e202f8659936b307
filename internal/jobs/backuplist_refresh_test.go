package jobs_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/jobs"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
	"zjtx/rules"
)

// withLists gives the enterprises an innovative title while the store keeps
// no lists, then turns the lists on and registers the nightly refresh to
// run as the runner starts: only the job can fill the lists.
func withLists(t *testing.T) func(st *sqlstore.Store, ids []int64, cfg *jobs.Config) {
	return func(st *sqlstore.Store, ids []int64, cfg *jobs.Config) {
		sys := auth.WithCaller(context.Background(), auth.System)
		from, to := profile.MustDate("2025-01-01"), profile.MustDate("2027-12-31")
		for _, id := range ids {
			_, err := st.ModifyEnterprise(sys, id, 1, func(r *enterprise.Record) error {
				r.Profile.Titles = []profile.Title{{Tier: "innovative", Recognized: &from, ValidTo: &to}}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		in, err := cultivation.LoadInclusion(rules.InclusionFS, "inclusion")
		if err != nil {
			t.Fatal(err)
		}
		st.Lists = &cultivation.Includer{Engine: cfg.Engine, Rules: in}
		cfg.Periodic = []*river.PeriodicJob{jobs.NightlyBackupListRefresh(true)}
	}
}

// TestNightlyBackupListRefresh: the periodic job runs as River's leader
// starts and fills the lists with its progress counted.
func TestNightlyBackupListRefresh(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			st, _, ids := setupWith(t, eng, 3, withLists(t))
			sys := auth.WithCaller(context.Background(), auth.System)
			var j *sqlstore.Job
			deadline := time.Now().Add(60 * time.Second)
			for {
				var err error
				if j, err = st.GetJob(sys, 1); err == nil && j.Finished() {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no finished nightly job: %+v %v", j, err)
				}
				time.Sleep(50 * time.Millisecond)
			}
			if j.Kind != jobs.KindBackupListRefresh || j.State != sqlstore.JobCompleted || j.Done != 3 || j.Total != 3 || j.CreatedBy != 0 {
				t.Fatalf("nightly job = %+v, want a completed refresh of 3 by the system", j)
			}
			items, total, err := st.ListBackupEntries(sys, cultivation.Filter{Tier: "srdi"})
			if err != nil || total != len(ids) || items[0].Source != "srdi.from_innovative" {
				t.Errorf("专精特新 list after the nightly job: %d entries %v, want %d by srdi.from_innovative", total, err, len(ids))
			}
		})
	}
}

// TestBackupListRefreshByHand: an official starts the refresh; it covers
// the official's district only and runs again without changing anything.
func TestBackupListRefreshByHand(t *testing.T) {
	st, runner, _ := setupWith(t, testdb.Engines()[0], 2, func(st *sqlstore.Store, ids []int64, cfg *jobs.Config) {
		withLists(t)(st, ids, cfg)
		cfg.Periodic = nil
	})
	other := official(t, st, "zy.li", "410102")
	j, err := runner.RefreshBackupLists(other)
	if err != nil {
		t.Fatal(err)
	}
	if got := wait(t, st, other, j.ID); got.State != sqlstore.JobCompleted || got.Total != 0 {
		t.Errorf("中原区's refresh: %+v, want completed over none of 金水区's enterprises", got)
	}
	js := official(t, st, "js.wang", "410105")
	for range 2 {
		j, err := runner.RefreshBackupLists(js)
		if err != nil {
			t.Fatal(err)
		}
		if got := wait(t, st, js, j.ID); got.State != sqlstore.JobCompleted || got.Done != 2 {
			t.Errorf("金水区's refresh: %+v", got)
		}
	}
	_, n, err := st.ListAudit(auth.WithCaller(context.Background(), auth.System), auth.AuditFilter{Action: "backup_list.add", Limit: 1})
	if err != nil || n != 2 {
		t.Errorf("entries added: %d %v, want 2 (the second run adds none)", n, err)
	}
}

// official makes a district official's account and returns a context
// acting as it: a job runs as its creator's account.
func official(t *testing.T, st *sqlstore.Store, name, region string) context.Context {
	t.Helper()
	u := &auth.User{Username: name, Name: name, Role: auth.RoleDistrict, Region: region, PasswordHash: "x"}
	sys := auth.WithCaller(context.Background(), auth.System)
	if err := st.WithTx(sys, func(tx *sqlstore.Tx) error { return tx.CreateUser(sys, u) }); err != nil {
		t.Fatal(err)
	}
	return auth.WithCaller(context.Background(), u.Caller())
}

// TestTwoServersRunAPeriodicJobOnce: two servers on one PostgreSQL database
// schedule the same periodic refresh every second; River's leader alone
// enqueues it, so the refresh runs once per period, not once per server,
// and every period runs (a completed run does not block the next).
func TestTwoServersRunAPeriodicJobOnce(t *testing.T) {
	if !slices.Contains(testdb.Engines(), sqlstore.Postgres) {
		t.Skip("needs PostgreSQL (scripts/pg-test)")
	}
	const period = time.Second
	everySecond := func() *river.PeriodicJob {
		return river.NewPeriodicJob(river.PeriodicInterval(period),
			func() (river.JobArgs, *river.InsertOpts) { return jobs.BackupListRefreshArgs{}, nil },
			&river.PeriodicJobOpts{ID: jobs.KindBackupListRefresh, RunOnStart: true})
	}
	var cfg jobs.Config
	st, first, _ := setupWith(t, sqlstore.Postgres, 3, func(st *sqlstore.Store, ids []int64, c *jobs.Config) {
		withLists(t)(st, ids, c)
		c.Periodic = []*river.PeriodicJob{everySecond()}
		cfg = *c
	})
	start := time.Now()
	second, err := jobs.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := second.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * period)
	stop := func(r *jobs.Runner) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = r.Stop(ctx)
	}
	stop(second)
	stop(first)
	elapsed := time.Since(start)
	second.Close()

	sys := auth.WithCaller(context.Background(), auth.System)
	runs := 0
	for id := int64(1); id <= 100; id++ {
		if j, err := st.GetJob(sys, id); err == nil && j.Kind == jobs.KindBackupListRefresh {
			runs++
		}
	}
	t.Logf("%d nightly refreshes in %v", runs, elapsed.Round(time.Millisecond))
	// At most one run per period begun (plus the one on the leader's start);
	// two schedulers would make about twice as many.
	if most := int(elapsed/period) + 2; runs < 2 || runs > most {
		t.Errorf("%d nightly refreshes in %v with two servers, want 2 to %d (one per period)", runs, elapsed.Round(time.Millisecond), most)
	}
}
