package sqlstore_test

import (
	"fmt"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/sqlstore"
)

func TestAddBackupEntries(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		setClock(s)
		zy := mustCreate(t, s, zhongyuan, "中原区精密机械有限公司", 1)
		zy2 := mustCreate(t, s, zhongyuan, "中原区电子有限公司", 2)
		eq := mustCreate(t, s, erqi, "二七区新材料有限公司", 3)
		const unknown = "91410100MA0000000X"
		audits := func() int {
			return auditCount(t, s, auth.AuditFilter{Entity: "backup_list_entry", Action: "backup_list.add"})
		}
		before := audits()

		res, err := s.AddBackupEntries(districtZY, "little_giant", " 区工信局推荐 ", []string{zy.USCC, eq.USCC, unknown, " " + zy2.USCC})
		if err != nil {
			t.Fatal(err)
		}
		want := []sqlstore.BulkSkip{{USCC: eq.USCC, Reason: sqlstore.BulkNotRegistered}, {USCC: unknown, Reason: sqlstore.BulkNotRegistered}}
		if res.Added != 2 || fmt.Sprint(res.Skipped) != fmt.Sprint(want) {
			t.Errorf("first call = %+v, want 2 added and the other district's and the unknown USCC skipped alike", res)
		}
		if n := audits(); n != before+2 {
			t.Errorf("audit rows %d → %d, want one per entry added", before, n)
		}
		items, _, err := s.ListBackupEntries(city, cultivation.Filter{Tier: "little_giant", IDs: []int64{zy.ID, zy2.ID, eq.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 {
			t.Fatalf("little_giant entries = %d, want 2 (not the other district's)", len(items))
		}
		for _, e := range items {
			if e.Source != cultivation.SourceManual || e.Reason != "区工信局推荐" || e.Status != cultivation.StatusReserve || e.AddedBy != 901 {
				t.Errorf("entry = %s %s %q by %d, want manual reserve with the reason by the official", e.Source, e.Status, e.Reason, e.AddedBy)
			}
		}

		res, err = s.AddBackupEntries(districtZY, "little_giant", "再次推荐", []string{zy.USCC, zy2.USCC})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 0 || len(res.Skipped) != 2 || res.Skipped[0].Reason != sqlstore.BulkOnList {
			t.Errorf("second call = %+v, want both skipped as on the list", res)
		}
		if n := audits(); n != before+2 {
			t.Errorf("audit rows after the second call %d, want %d", n, before+2)
		}

		tooMany := make([]string, sqlstore.MaxBulkAdd+1)
		for i := range tooMany {
			tooMany[i] = zy.USCC
		}
		for _, tc := range []struct {
			name, tier, reason string
			usccs              []string
			want               string
		}{
			{"NoReason", "srdi", " ", []string{zy.USCC}, apperr.EINVALID},
			{"NoUSCC", "srdi", "推荐", nil, apperr.EINVALID},
			{"TooMany", "srdi", "推荐", tooMany, apperr.EINVALID},
			{"BadTier", "gold", "推荐", []string{zy.USCC}, apperr.EINVALID},
		} {
			if _, err := s.AddBackupEntries(districtZY, tc.tier, tc.reason, tc.usccs); code(err) != tc.want {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
			}
		}
		if _, err := s.AddBackupEntries(enterpriseCtx(zy.ID), "srdi", "推荐", []string{zy.USCC}); code(err) != apperr.EFORBIDDEN {
			t.Errorf("an enterprise adds: %v, want EFORBIDDEN", err)
		}
	})
}
