package sqlstore_test

import (
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

func TestContestResultReachesProfile(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ct := &programme.Contest{Year: 2026, Name: "第十一届“创客中国”郑州分赛"}
		if err := s.CreateContest(districtZY, ct); code(err) != apperr.EFORBIDDEN {
			t.Errorf("district creates a contest: %v", err)
		}
		if err := s.CreateContest(city, ct); err != nil {
			t.Fatal(err)
		}
		a := mustCreate(t, s, zhongyuan, "甲", 1)
		b := mustCreate(t, s, erqi, "乙", 2)
		entry := &programme.Entry{ContestID: ct.ID, Group: programme.GroupEnterprise, EnterpriseID: a.ID, Project: "新型材料"}
		for _, tc := range []struct {
			name string
			e    programme.Entry
			want string
		}{
			{"OtherDistrictsEnterpriseNotFound", programme.Entry{ContestID: ct.ID, Group: "enterprise", EnterpriseID: b.ID, Project: "x"}, apperr.ENOTFOUND},
			{"MakerTeamOfOtherDistrict", programme.Entry{ContestID: ct.ID, Group: "maker", Team: "队", Region: erqi, Project: "x"}, apperr.EINVALID},
			{"NoProject", programme.Entry{ContestID: ct.ID, Group: "enterprise", EnterpriseID: a.ID}, apperr.EINVALID},
			{"BadResult", programme.Entry{ContestID: ct.ID, Group: "enterprise", EnterpriseID: a.ID, Project: "x", Result: "gold"}, apperr.EINVALID},
		} {
			t.Run(tc.name, func(t *testing.T) {
				e := tc.e
				err := s.WithTx(districtZY, func(tx *sqlstore.Tx) error { _, err := tx.AddEntry(districtZY, &e); return err })
				if code(err) != tc.want {
					t.Errorf("%v, want %s", err, tc.want)
				}
			})
		}
		if err := s.WithTx(districtZY, func(tx *sqlstore.Tx) error { _, err := tx.AddEntry(districtZY, entry); return err }); err != nil {
			t.Fatal(err)
		}
		var rec any
		err := s.WithTx(districtZY, func(tx *sqlstore.Tx) error {
			e, r, err := tx.SetEntryResult(districtZY, entry.ID, entry.Version, "national", "national_top50")
			if err == nil {
				entry, rec = e, r
			}
			return err
		})
		if err != nil || rec == nil {
			t.Fatalf("result: %v (record %v)", err, rec)
		}
		got, err := s.GetEnterprise(city, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []profile.MakerChina{{Year: 2026, Result: profile.MakerNationalTop50}}; len(got.Profile.MakerChina) != 1 || got.Profile.MakerChina[0] != want[0] {
			t.Errorf("maker_china %+v, want %+v", got.Profile.MakerChina, want)
		}
		if got.Version != a.Version+1 {
			t.Errorf("version %d, want %d: the result goes through the enterprise write path", got.Version, a.Version+1)
		}
		if n := auditCount(t, s, auth.AuditFilter{Action: "contest.result"}); n != 1 {
			t.Errorf("%d result audit rows, want 1", n)
		}
		t.Run("StaleVersion", func(t *testing.T) {
			err := s.WithTx(city, func(tx *sqlstore.Tx) error {
				_, _, err := tx.SetEntryResult(city, entry.ID, entry.Version-1, "national", "")
				return err
			})
			if code(err) != apperr.ECONFLICT {
				t.Errorf("%v, want conflict", err)
			}
		})
		t.Run("OtherDistrictCannotSee", func(t *testing.T) {
			list, err := s.ListEntries(districtEQ, sqlstore.EntryFilter{ContestID: ct.ID})
			if err != nil || len(list) != 0 {
				t.Errorf("%v %v", list, err)
			}
		})
		// Clearing the result takes the placing out of the profile again.
		err = s.WithTx(city, func(tx *sqlstore.Tx) error {
			_, _, err := tx.SetEntryResult(city, entry.ID, entry.Version, "final", "")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _ = s.GetEnterprise(city, a.ID)
		if len(got.Profile.MakerChina) != 0 {
			t.Errorf("maker_china %+v after clearing, want empty", got.Profile.MakerChina)
		}
	})
}

func TestEventParticipants(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ev := &programme.Event{Kind: "expo", Title: "第二十届中博会", Date: profile.MustDate("2026-06-20")}
		if err := s.CreateEvent(city, ev); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateEvent(city, &programme.Event{Kind: "fair", Title: "x", Date: profile.MustDate("2026-06-20")}); code(err) != apperr.EINVALID {
			t.Errorf("bad kind: %v", err)
		}
		a := mustCreate(t, s, zhongyuan, "甲", 1)
		b := mustCreate(t, s, erqi, "乙", 2)
		p := &programme.Participant{EventID: ev.ID, EnterpriseID: a.ID, Role: "exhibitor"}
		if err := s.AddParticipant(districtZY, p); err != nil {
			t.Fatal(err)
		}
		if err := s.AddParticipant(districtZY, &programme.Participant{EventID: ev.ID, EnterpriseID: b.ID, Role: "exhibitor"}); code(err) != apperr.ENOTFOUND {
			t.Errorf("other district's enterprise: %v", err)
		}
		if err := s.AddParticipant(districtZY, &programme.Participant{EventID: ev.ID, EnterpriseID: a.ID, Role: "exhibitor"}); code(err) != apperr.ECONFLICT {
			t.Errorf("twice: %v", err)
		}
		p.Attended, p.Deals, p.Outcome = true, 2, "签约两项"
		if err := s.UpdateParticipant(districtEQ, p); code(err) != apperr.ENOTFOUND {
			t.Errorf("other district updates: %v", err)
		}
		if err := s.UpdateParticipant(districtZY, p); err != nil {
			t.Fatal(err)
		}
		stale := *p
		stale.Version--
		if err := s.UpdateParticipant(districtZY, &stale); code(err) != apperr.ECONFLICT {
			t.Errorf("stale: %v", err)
		}
		mine, err := s.ListParticipants(enterpriseCtx(a.ID), sqlstore.ParticipantFilter{EnterpriseID: a.ID})
		if err != nil || len(mine) != 1 || !mine[0].Attended || mine[0].EventTitle != ev.Title {
			t.Errorf("enterprise's participation %+v %v", mine, err)
		}
		got, _ := s.GetEvent(city, ev.ID)
		if got.Participants != 1 || got.Attended != 1 {
			t.Errorf("counts %d %d", got.Participants, got.Attended)
		}
	})
}
