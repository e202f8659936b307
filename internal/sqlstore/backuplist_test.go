package sqlstore_test

import (
	"strconv"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/rules"

	"zjtx/internal/sqlstore"
)

// includer is the embedded rule sets and inclusion rules.
func includer(tb testing.TB) *cultivation.Includer {
	tb.Helper()
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := cultivation.LoadInclusion(rules.InclusionFS, "inclusion")
	if err != nil {
		tb.Fatal(err)
	}
	return &cultivation.Includer{Engine: eng, Rules: in}
}

// srdiEntry returns the enterprise's 专精特新 entry as the city sees it, or nil.
func srdiEntry(t *testing.T, s *sqlstore.Store, id int64) *cultivation.Entry {
	t.Helper()
	items, _, err := s.ListBackupEntries(city, cultivation.Filter{Tier: "srdi", IDs: []int64{id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		return nil
	}
	return items[0]
}

// setTitles replaces the enterprise's titles as the city.
func setTitles(t *testing.T, s *sqlstore.Store, r *enterprise.Record, tiers ...string) *enterprise.Record {
	t.Helper()
	from, to := profile.MustDate("2025-01-01"), profile.MustDate("2027-12-31")
	got, err := s.ModifyEnterprise(city, r.ID, r.Version, func(x *enterprise.Record) error {
		x.Profile.Titles = nil
		for _, tier := range tiers {
			x.Profile.Titles = append(x.Profile.Titles, profile.Title{Tier: tier, Recognized: &from, ValidTo: &to})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestBackupLists(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		setClock(s)
		s.Lists = includer(t)
		// An innovative title: srdi.from_innovative puts both on the 专精特新 list.
		zy := mustCreate(t, s, zhongyuan, "中原区精密机械有限公司", 1)
		eq := mustCreate(t, s, erqi, "二七区新材料有限公司", 2)

		t.Run("RuleFillsTheList", func(t *testing.T) {
			e := srdiEntry(t, s, zy.ID)
			if e == nil {
				t.Fatal("no 专精特新 entry after the enterprise was created")
			}
			if e.Source != "srdi.from_innovative" || e.Status != cultivation.StatusReserve ||
				e.Reason != "创新型中小企业（有效期至 2027-12-31）" || e.Decided() {
				t.Errorf("entry = %s %s %q decided=%v; want srdi.from_innovative reserve with the title's validity", e.Source, e.Status, e.Reason, e.Decided())
			}
			if e.Name != zy.Name || e.RegionName != "中原区" {
				t.Errorf("entry names %q in %q", e.Name, e.RegionName)
			}
		})

		t.Run("DistrictScope", func(t *testing.T) {
			items, total, err := s.ListBackupEntries(districtZY, cultivation.Filter{Tier: "srdi"})
			if err != nil {
				t.Fatal(err)
			}
			if total != 1 || len(items) != 1 || items[0].EnterpriseID != zy.ID {
				t.Fatalf("中原区 sees %d entries (total %d), want its own one", len(items), total)
			}
			e := srdiEntry(t, s, eq.ID)
			if _, err := s.ChangeBackupEntry(districtZY, eq.ID, "srdi", e.Version, cultivation.Change{Status: "to_apply"}); code(err) != apperr.ENOTFOUND {
				t.Errorf("another district's entry: %v, want ENOTFOUND", err)
			}
			if _, err := s.AddBackupEntry(districtZY, eq.ID, "little_giant", "手工"); code(err) != apperr.ENOTFOUND {
				t.Errorf("adding another district's enterprise: %v, want ENOTFOUND", err)
			}
			if _, _, err := s.ListBackupEntries(enterpriseCtx(zy.ID), cultivation.Filter{Tier: "srdi"}); code(err) != apperr.EFORBIDDEN {
				t.Errorf("enterprise reads a list: %v, want EFORBIDDEN", err)
			}
		})

		t.Run("StatusChangeChecksVersionAndReason", func(t *testing.T) {
			e := srdiEntry(t, s, zy.ID)
			for _, tc := range []struct {
				name    string
				version int64
				ch      cultivation.Change
				want    string
			}{
				{"NoVersion", 0, cultivation.Change{Status: "to_apply"}, apperr.EPRECONDITION},
				{"Stale", e.Version + 1, cultivation.Change{Status: "to_apply"}, apperr.ECONFLICT},
				{"RemovedWithoutReason", e.Version, cultivation.Change{Status: "removed"}, apperr.EINVALID},
				{"BadStatus", e.Version, cultivation.Change{Status: "done"}, apperr.EINVALID},
			} {
				if _, err := s.ChangeBackupEntry(districtZY, zy.ID, "srdi", tc.version, tc.ch); code(err) != tc.want {
					t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
				}
			}
			before := auditCount(t, s, auth.AuditFilter{Entity: "backup_list_entry", Action: "backup_list.status"})
			got, err := s.ChangeBackupEntry(districtZY, zy.ID, "srdi", e.Version, cultivation.Change{Status: "to_apply", Note: "研发投入达标，拟申报"})
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != "to_apply" || got.Version != e.Version+1 || got.DecidedBy != 901 {
				t.Errorf("changed entry = %+v", got)
			}
			if n := auditCount(t, s, auth.AuditFilter{Entity: "backup_list_entry", Action: "backup_list.status"}); n != before+1 {
				t.Errorf("audit rows %d → %d, want one more", before, n)
			}
		})

		t.Run("ManualDecisionsSurviveRefresh", func(t *testing.T) {
			// eq: an official removes the rules' entry; zy: an official adds
			// it to the 小巨人 list, which no rule would.
			e := srdiEntry(t, s, eq.ID)
			if _, err := s.ChangeBackupEntry(districtEQ, eq.ID, "srdi", e.Version, cultivation.Change{Status: "removed", Note: "企业已迁出"}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddBackupEntry(districtZY, zy.ID, "little_giant", "主导产品市场占有率全国前列"); err != nil {
				t.Fatal(err)
			}
			cur, err := s.GetEnterprise(city, eq.ID)
			if err != nil {
				t.Fatal(err)
			}
			setTitles(t, s, cur, "innovative") // a profile change: the rules run again
			if err := s.RefreshBackupLists(city, zy.ID); err != nil {
				t.Fatal(err)
			}
			if e := srdiEntry(t, s, eq.ID); e == nil || e.Status != "removed" || e.Note != "企业已迁出" {
				t.Errorf("removed by hand, after a refresh: %+v", e)
			}
			lg, _, err := s.ListBackupEntries(city, cultivation.Filter{Tier: "little_giant", IDs: []int64{zy.ID}})
			if err != nil || len(lg) != 1 || lg[0].Source != "manual" || lg[0].Status != "reserve" {
				t.Errorf("added by hand, after a refresh: %v %v", lg, err)
			}
			if e := srdiEntry(t, s, zy.ID); e == nil || e.Status != "to_apply" {
				t.Errorf("moved to 拟申报 by hand, after a refresh: %+v", e)
			}
		})

		t.Run("RulesDropTheirEntries", func(t *testing.T) {
			r := mustCreate(t, s, zhongyuan, "中原区电子有限公司", 3)
			e := srdiEntry(t, s, r.ID)
			if e == nil {
				t.Fatal("no entry")
			}
			srdiID := e.ID
			setTitles(t, s, r) // the innovative title is gone
			if e := srdiEntry(t, s, r.ID); e != nil {
				t.Errorf("the rules' entry stayed without its rule: %+v", e)
			}
			if n := auditCount(t, s, auth.AuditFilter{Action: "backup_list.drop", EntityID: strconv.FormatInt(srdiID, 10)}); n != 1 {
				t.Errorf("drop audit rows = %d, want 1", n)
			}
		})

		t.Run("ClosedEnterpriseLeavesTheRulesLists", func(t *testing.T) {
			r := mustCreate(t, s, zhongyuan, "中原区化工有限公司", 4)
			if srdiEntry(t, s, r.ID) == nil {
				t.Fatal("no entry")
			}
			if _, err := s.ModifyEnterprise(city, r.ID, r.Version, func(x *enterprise.Record) error {
				x.Status = enterprise.StatusClosed
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if e := srdiEntry(t, s, r.ID); e != nil {
				t.Errorf("a closed enterprise stays on the 专精特新 list: %+v", e)
			}
		})

		t.Run("TitleRecognizes", func(t *testing.T) {
			cur, err := s.GetEnterprise(city, zy.ID)
			if err != nil {
				t.Fatal(err)
			}
			setTitles(t, s, cur, "innovative", "srdi")
			if e := srdiEntry(t, s, zy.ID); e == nil || e.Status != "recognized" {
				t.Errorf("a valid 专精特新 title: entry %+v, want recognized", e)
			}
			// An entry removed by hand stays removed, title or not.
			cur, _ = s.GetEnterprise(city, eq.ID)
			setTitles(t, s, cur, "srdi")
			if e := srdiEntry(t, s, eq.ID); e == nil || e.Status != "removed" {
				t.Errorf("removed by hand, then titled: %+v", e)
			}
		})
	})
}
