package sqlstore_test

import (
	"fmt"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

func TestBulkCreateEnterprises(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		var recs []*enterprise.Record
		for i := range 730 { // more than one batch, and a partial last one
			recs = append(recs, newRecord(zhongyuan, fmt.Sprintf("郑州批量%d机械有限公司", i), 5000+i))
		}
		if err := s.BulkCreateEnterprises(city, recs); err != nil {
			t.Fatal(err)
		}
		t.Run("IDsAndCount", func(t *testing.T) {
			seen := map[int64]bool{}
			for _, r := range recs {
				if r.ID == 0 || seen[r.ID] || r.Version != 1 {
					t.Fatalf("record %s: id %d version %d", r.USCC, r.ID, r.Version)
				}
				seen[r.ID] = true
			}
			if got := enterpriseCount(t, s); got != len(recs) {
				t.Errorf("count = %d, want %d", got, len(recs))
			}
		})
		t.Run("Profiles", func(t *testing.T) {
			// Profiles live in enterprise_profiles: every loaded record reads
			// back with its own.
			for _, r := range []*enterprise.Record{recs[0], recs[len(recs)/2], recs[len(recs)-1]} {
				got, err := s.GetEnterprise(city, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Profile == nil || got.Profile.USCC != r.Profile.USCC || got.Profile.Name != r.Profile.Name {
					t.Errorf("record %d: profile %+v, want the loaded one", r.ID, got.Profile)
				}
			}
		})
		t.Run("Searchable", func(t *testing.T) {
			items, total, err := s.ListEnterprises(city, enterprise.Filter{Q: "批量7"})
			if err != nil || total == 0 || len(items) == 0 {
				t.Errorf("search: %d, %v", total, err)
			}
		})
		t.Run("OneAuditRow", func(t *testing.T) {
			if got := auditCount(t, s, auth.AuditFilter{Action: "enterprise.bulk_create"}); got != 1 {
				t.Errorf("audit rows = %d, want 1", got)
			}
		})
		t.Run("DuplicateRollsBackAll", func(t *testing.T) {
			before := enterpriseCount(t, s)
			dup := []*enterprise.Record{newRecord(erqi, "郑州新一机械有限公司", 9001), newRecord(zhongyuan, "重复", 5000)}
			if err := s.BulkCreateEnterprises(city, dup); apperr.Code(err) != apperr.ECONFLICT {
				t.Errorf("duplicate: %v, want conflict", err)
			}
			if got := enterpriseCount(t, s); got != before {
				t.Errorf("count %d → %d", before, got)
			}
		})
		t.Run("DistrictMayNot", func(t *testing.T) {
			err := s.BulkCreateEnterprises(districtZY, []*enterprise.Record{newRecord(zhongyuan, "郑州区县机械有限公司", 9100)})
			if apperr.Code(err) != apperr.EFORBIDDEN {
				t.Errorf("district bulk load: %v, want forbidden", err)
			}
		})
		t.Run("TotalsFollowWrites", func(t *testing.T) {
			// Totals are cached on SQLite; every write must show at once.
			f := enterprise.Filter{Region: erqi}
			_, before, _ := s.ListEnterprises(city, f)
			mustCreate(t, s, erqi, "郑州二七新建机械有限公司", 9200)
			_, after, _ := s.ListEnterprises(city, f)
			if after != before+1 {
				t.Errorf("total %d after a create, want %d", after, before+1)
			}
			r := mustCreate(t, s, erqi, "郑州二七迁出机械有限公司", 9201)
			_, before, _ = s.ListEnterprises(city, enterprise.Filter{Status: enterprise.StatusMovedOut})
			r.Status = enterprise.StatusMovedOut
			if err := s.UpdateEnterprise(city, r); err != nil {
				t.Fatal(err)
			}
			_, after, _ = s.ListEnterprises(city, enterprise.Filter{Status: enterprise.StatusMovedOut})
			if after != before+1 {
				t.Errorf("moved-out total %d after an update, want %d", after, before+1)
			}
		})
	})
}
