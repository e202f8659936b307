package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/jobs"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// TestHourlyAppealEscalation: an issue registered ten days ago and never
// routed is escalated by the periodic job as the leader starts, once.
func TestHourlyAppealEscalation(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			sys := auth.WithCaller(context.Background(), auth.System)
			var appeal int64
			st, _, _ := setupWith(t, eng, 1, func(st *sqlstore.Store, ids []int64, cfg *jobs.Config) {
				now := st.Now
				st.Now = func() time.Time { return now().AddDate(0, 0, -10) }
				p, err := st.CreateAppeal(sys, baolian.NewAppeal{EnterpriseID: ids[0], Source: baolian.SourceGap, Category: "其他", Title: "未交办的诉求"})
				if err != nil {
					t.Fatal(err)
				}
				appeal, st.Now = p.ID, now
				cfg.Periodic = []*river.PeriodicJob{jobs.HourlyAppealEscalation(true)}
			})
			deadline := time.Now().Add(60 * time.Second)
			for {
				p, err := st.GetAppeal(sys, appeal)
				if err != nil {
					t.Fatal(err)
				}
				if p.Escalation > 0 {
					if p.Escalation != 1 || p.EscalatedFor != p.Overdue(st.Now()) {
						t.Errorf("escalation %d for %q, want 1 for %q", p.Escalation, p.EscalatedFor, p.Overdue(st.Now()))
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the periodic job escalated nothing")
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}
