package sqlstore_test

import (
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

func newRecognition(eid int64, batch string) *cultivation.Recognition {
	return &cultivation.Recognition{EnterpriseID: eid, Tier: profile.TierSRDI, Level: cultivation.LevelProvincial,
		Batch: batch, DocNo: "豫工信企业〔2025〕88号", RecognizedOn: profile.MustDate("2025-03-01")}
}

func TestRecognitions(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		zy := mustCreate(t, s, zhongyuan, "中原精工", 1)
		eq := mustCreate(t, s, erqi, "二七电子", 2)

		t.Run("SaveReflectsTitleAndAudits", func(t *testing.T) {
			r := newRecognition(zy.ID, "第一批")
			created, err := s.SaveRecognition(districtZY, r)
			if err != nil || !created {
				t.Fatalf("SaveRecognition = %v, %v; want created", created, err)
			}
			if got, want := r.ValidTo.String(), "2028-02-29"; got != want {
				t.Errorf("valid_to = %s, want %s (three years less a day)", got, want)
			}
			e, err := s.GetEnterprise(city, zy.ID)
			if err != nil {
				t.Fatal(err)
			}
			var title *profile.Title
			for i := range e.Profile.Titles {
				if e.Profile.Titles[i].Tier == profile.TierSRDI {
					title = &e.Profile.Titles[i]
				}
			}
			if title == nil || title.Recognized.String() != "2025-03-01" {
				t.Fatalf("titles = %+v; want srdi recognised 2025-03-01", e.Profile.Titles)
			}
			if e.Version != zy.Version+1 || e.Tier != profile.TierSRDI {
				t.Errorf("enterprise version %d tier %s; want %d srdi", e.Version, e.Tier, zy.Version+1)
			}
			if n := auditCount(t, s, auth.AuditFilter{Action: "recognition.create"}); n != 1 {
				t.Errorf("recognition.create audit rows = %d, want 1", n)
			}
			if n := auditCount(t, s, auth.AuditFilter{Action: "enterprise.update"}); n != 1 {
				t.Errorf("enterprise.update audit rows = %d, want 1 (the title through the write path)", n)
			}
		})
		t.Run("ReimportUpdates", func(t *testing.T) {
			r := newRecognition(zy.ID, "第一批")
			r.DocNo = "豫工信企业〔2025〕99号"
			created, err := s.SaveRecognition(city, r)
			if err != nil || created {
				t.Fatalf("SaveRecognition again = %v, %v; want an update", created, err)
			}
			list, total, err := s.ListRecognitions(city, sqlstore.RecognitionFilter{EnterpriseID: zy.ID})
			if err != nil || total != 1 || list[0].DocNo != r.DocNo || list[0].Version != 2 {
				t.Fatalf("list = %d %+v, %v; want one, updated", total, list, err)
			}
		})
		t.Run("DistrictScope", func(t *testing.T) {
			_, err := s.SaveRecognition(districtEQ, newRecognition(zy.ID, "第二批"))
			if code(err) != apperr.ENOTFOUND {
				t.Errorf("other district's enterprise: %v; want ENOTFOUND", err)
			}
			if _, err := s.SaveRecognition(city, newRecognition(eq.ID, "第一批")); err != nil {
				t.Fatal(err)
			}
			list, total, err := s.ListRecognitions(districtZY, sqlstore.RecognitionFilter{})
			if err != nil || total != 1 || list[0].EnterpriseID != zy.ID {
				t.Errorf("district list = %d, %v; want only its own", total, err)
			}
			if _, err := s.GetRecognition(districtZY, list[0].ID+1); code(err) != apperr.ENOTFOUND {
				t.Errorf("other district's recognition: %v; want ENOTFOUND", err)
			}
		})
		t.Run("EnterpriseRefused", func(t *testing.T) {
			_, err := s.SaveRecognition(enterpriseCtx(zy.ID), newRecognition(zy.ID, "第三批"))
			if code(err) != apperr.EFORBIDDEN {
				t.Errorf("enterprise account: %v; want EFORBIDDEN", err)
			}
		})
		t.Run("BadFieldsNamed", func(t *testing.T) {
			r := newRecognition(zy.ID, "第四批")
			r.Level, r.RecognizedOn = "county", profile.Date{}
			_, err := s.SaveRecognition(city, r)
			if code(err) != apperr.EINVALID || !containsAll(apperr.Message(err), "级别", "认定日期") {
				t.Errorf("bad fields: %v; want EINVALID naming 级别 and 认定日期", err)
			}
		})
		t.Run("DeleteLeavesTheRestsTitle", func(t *testing.T) {
			r := newRecognition(zy.ID, "第五批")
			r.RecognizedOn = profile.MustDate("2026-03-01")
			if _, err := s.SaveRecognition(city, r); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteRecognition(city, r.ID, r.Version); err != nil {
				t.Fatal(err)
			}
			e, _ := s.GetEnterprise(city, zy.ID)
			for _, ti := range e.Profile.Titles {
				if ti.Tier == profile.TierSRDI && ti.Recognized.String() != "2025-03-01" {
					t.Errorf("srdi title recognised %s after the delete; want the remaining 第一批's 2025-03-01", ti.Recognized)
				}
			}
		})
		t.Run("DeleteRemovesTitle", func(t *testing.T) {
			list, _, _ := s.ListRecognitions(city, sqlstore.RecognitionFilter{EnterpriseID: eq.ID})
			if err := s.DeleteRecognition(districtZY, list[0].ID, list[0].Version); code(err) != apperr.ENOTFOUND {
				t.Errorf("other district deletes: %v; want ENOTFOUND", err)
			}
			if err := s.DeleteRecognition(city, list[0].ID, list[0].Version); err != nil {
				t.Fatal(err)
			}
			e, _ := s.GetEnterprise(city, eq.ID)
			for _, ti := range e.Profile.Titles {
				if ti.Tier == profile.TierSRDI {
					t.Errorf("titles after delete = %+v; want no srdi", e.Profile.Titles)
				}
			}
		})
	})
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
