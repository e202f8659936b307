package sqlstore_test

import (
	"context"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/internal/reward"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// TestMigrationKeepsRewardRows: migration 00025 builds the reward tables
// anew; a run, its claimed item, an objection and a payment written under
// the older schema come through with their ids, the item as an enterprise's
// award of its recognition, and new rows are numbered after the copied ones
// (PostgreSQL's identities moved past them) while the claim still holds.
func TestMigrationKeepsRewardRows(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			ctx := context.Background()
			s, err := sqlstore.Open(ctx, FreshDSN(t, eng))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if err := s.MigrateTo(ctx, 22); err != nil {
				t.Fatal(err)
			}
			s.Now = NewClock(t0).Now
			prep := &auth.User{Username: "prep", Name: "prep", Role: auth.RoleCity, PasswordHash: "x"}
			rev := &auth.User{Username: "rev", Name: "rev", Role: auth.RoleCity, PasswordHash: "x"}
			if err := s.CreateUsers(city, prep, rev); err != nil {
				t.Fatal(err)
			}
			e := mustCreate(t, s, zhongyuan, "迁移测试企业", 1)
			rec := &cultivation.Recognition{EnterpriseID: e.ID, Tier: "srdi", Level: "provincial", Batch: "2025年第1批",
				DocNo: "豫工信企业〔2025〕1号", RecognizedOn: profile.MustDate("2025-03-01")}
			if _, err := s.SaveRecognition(city, rec); err != nil {
				t.Fatal(err)
			}
			const at = "2026-01-05T08:00:00Z"
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`INSERT INTO reward_policies (id, code, doc_no, name, object, tier, level, year, amount_fen, dedupe_group, rank, top_up,
					source, created_at, updated_at) VALUES (7, 'zz2025.srdi_provincial', '文号', '省级专精特新中小企业一次性奖励', 'enterprise',
					'srdi', 'provincial', 2025, 50000000, 'srdi_reward', 2, TRUE, '2025.yaml', $1, $1)`, []any{at}},
				{`INSERT INTO reward_runs (id, policy_id, state, total_fen, prepared_by, prepared_at, approved_by, approved_at,
					created_at, updated_at) VALUES (9, 7, 'approved', 50000000, $1, $3, $2, $3, $3, $3)`, []any{prep.ID, rev.ID, at}},
				{`INSERT INTO reward_items (id, run_id, enterprise_id, recognition_id, dedupe_group, amount_fen, status, explanation,
					claimed, updated_at) VALUES (11, 9, $1, $2, 'srdi_reward', 50000000, 'proposed', '迁移前', TRUE, $3)`,
					[]any{e.ID, rec.ID, at}},
				{`INSERT INTO reward_objections (id, item_id, raised_by, content, recorded_by, created_at)
					VALUES (13, 11, '群众', '请核实', $1, $2)`, []any{prep.ID, at}},
				{`INSERT INTO reward_payments (id, enterprise_id, recognition_id, dedupe_group, policy_name, year, amount_fen, result,
					source, recorded_by, created_at) VALUES (15, $1, $2, 'srdi_reward', '历史', 2024, 1, 'failed', 'import', $3, $4)`,
					[]any{e.ID, rec.ID, prep.ID, at}},
			} {
				if err := s.ExecRaw(ctx, q.sql, q.args...); err != nil {
					t.Fatalf("%s: %v", q.sql, err)
				}
			}
			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			run, err := s.GetRewardRun(city, 9)
			if err != nil || len(run.Items) != 1 {
				t.Fatalf("run after the migration: %+v, %v", run, err)
			}
			it := run.Items[0]
			if it.ID != 11 || it.Subject != reward.ObjectEnterprise || it.SubjectID != e.ID || it.EnterpriseID != e.ID ||
				it.RecognitionID != rec.ID || it.Region != zhongyuan || it.Name != e.Name || !it.Claimed || it.Explanation != "迁移前" {
				t.Errorf("item after the migration: %+v", it)
			}
			if obs, err := s.ListRewardObjections(city, 9); err != nil || len(obs) != 1 || obs[0].ID != 13 {
				t.Errorf("objections %+v, %v", obs, err)
			}
			// New rows after the copied ids: a policy, a run and its item.
			ps, err := reward.Embedded()
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SyncRewardPolicies(city, ps); err != nil {
				t.Fatal(err)
			}
			again, err := s.CreateRewardRun(as(prep.Caller()), 7)
			if err != nil {
				t.Fatal(err)
			}
			if again.ID <= 9 || len(again.Items) != 1 || again.Items[0].ID <= 11 {
				t.Fatalf("new run %d with items %+v; want ids after the copied ones", again.ID, again.Items)
			}
			if again.Items[0].Reason != reward.ReasonAlreadyPaid {
				t.Errorf("the recognition claimed before the migration is proposed again: %+v", again.Items[0])
			}
			for _, p := range ps {
				if p.ID <= 7 && p.Code != "zz2025.srdi_provincial" {
					t.Errorf("policy %s numbered %d, among the copied ids", p.Code, p.ID)
				}
			}
			if _, err := s.ChangeRewardRun(as(prep.Caller()), again.ID, sqlstore.RunChange{Action: reward.ActCancel,
				Version: again.Version, Reason: "测试"}); apperr.Code(err) != "" {
				t.Errorf("cancel: %v", err)
			}
		})
	}
}
