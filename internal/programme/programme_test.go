package programme_test

import (
	"slices"
	"strings"
	"testing"

	"zjtx/internal/profile"
	"zjtx/internal/programme"
)

func TestAudienceAdmits(t *testing.T) {
	holds := func(tiers ...string) func(string) bool {
		return func(t string) bool {
			for _, h := range tiers {
				if h == t {
					return true
				}
			}
			return false
		}
	}
	high := programme.DefaultAudience(programme.LevelHigh)
	inclusive := programme.DefaultAudience(programme.LevelInclusive)
	for _, tc := range []struct {
		name    string
		a       programme.Audience
		holds   func(string) bool
		listing bool
		role    string
		want    bool
	}{
		{"InclusiveInnovativeFinanceStaff", inclusive, holds("innovative"), false, "finance", true},
		{"InclusiveChairmanRefused", inclusive, holds("innovative"), false, "chairman", false},
		{"InclusiveNoTitleRefused", inclusive, holds(), false, "hr", false},
		{"HighLittleGiantChairman", high, holds("innovative", "srdi", "little_giant"), false, "chairman", true},
		{"HighSRDIWithoutListingPlanRefused", high, holds("innovative", "srdi"), false, "chairman", false},
		{"HighSRDIWithListingPlan", high, holds("innovative", "srdi"), true, "general_manager", true},
		{"HighLittleGiantStaffRefused", high, holds("little_giant"), false, "finance", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, why := tc.a.Admits(tc.holds, tc.listing, tc.role)
			if got != tc.want || (!got && why == "") {
				t.Errorf("Admits = %v %q, want %v with a reason when refused", got, why, tc.want)
			}
		})
	}
}

func TestApplyResult(t *testing.T) {
	p := &profile.Profile{}
	if !programme.ApplyResult(p, 2026, "third") || len(p.MakerChina) != 1 || p.MakerChina[0].Result != profile.MakerRegionalPrize {
		t.Fatalf("third prize: %+v", p.MakerChina)
	}
	if !programme.ApplyResult(p, 2026, "national_top50") || len(p.MakerChina) != 1 || p.MakerChina[0].Result != profile.MakerNationalTop50 {
		t.Fatalf("top 50 replaces the year's placing: %+v", p.MakerChina)
	}
	if programme.ApplyResult(p, 2026, "national_top50") {
		t.Error("the same result again reported a change")
	}
	if !programme.ApplyResult(p, 2026, "") || len(p.MakerChina) != 0 {
		t.Errorf("a cleared result stays in the profile: %+v", p.MakerChina)
	}
}

func TestPlanRotation(t *testing.T) {
	asOf := profile.MustDate("2026-03-01")
	var due []programme.Candidate
	for i := range 10 {
		region := "410102"
		if i >= 7 {
			region = "410103"
		}
		due = append(due, programme.Candidate{EnterpriseID: int64(i + 1), Region: region})
	}
	due[0].LastTrained = profile.MustDate("2022-05-01") // trained long ago: after the never trained
	slots := []programme.Slot{
		{TrainingID: 2, Date: profile.MustDate("2026-06-01"), Free: 3},
		{TrainingID: 1, Date: profile.MustDate("2026-04-01"), Free: 4},
	}
	t.Run("ScheduledSessionsFirstDistrictsTakeTurns", func(t *testing.T) {
		p := programme.PlanRotation(due, slots, programme.Pace{SessionsPerYear: 5, Capacity: 2}, asOf, 3)
		if len(p.Proposals) != 2 || p.Proposals[0].Slot.TrainingID != 1 {
			t.Fatalf("proposals %+v, want the April session first", p.Proposals)
		}
		var first []int64
		for _, c := range p.Proposals[0].Invitees {
			first = append(first, c.EnterpriseID)
		}
		if want := []int64{2, 8, 3, 9}; !slices.Equal(first, want) {
			t.Errorf("first session invites %v, want %v (districts in turn, never trained first)", first, want)
		}
		if p.Remaining != 3 || p.Extra != 2 {
			t.Errorf("remaining %d extra %d, want 3 and 2", p.Remaining, p.Extra)
		}
		// Two sessions at five a year after June: about 146 days later.
		if got := p.Completes.String(); got != "2026-10-25" || !p.OnTime {
			t.Errorf("completes %s on time %v, want 2026-10-25 on time", got, p.OnTime)
		}
		last := p.Proposals[1].Invitees
		if len(last) != 3 {
			t.Fatalf("second session %d invitees, want 3", len(last))
		}
	})
	t.Run("LateWhenCapacityTooSmall", func(t *testing.T) {
		p := programme.PlanRotation(due, nil, programme.Pace{SessionsPerYear: 1, Capacity: 1}, asOf, 3)
		if p.OnTime || p.Extra != 10 {
			t.Errorf("on time %v extra %d, want late with 10 sessions", p.OnTime, p.Extra)
		}
	})
	t.Run("NothingDue", func(t *testing.T) {
		p := programme.PlanRotation(nil, slots, programme.DefaultPace, asOf, 3)
		if !p.OnTime || len(p.Proposals) != 0 || !p.Completes.IsZero() {
			t.Errorf("plan %+v, want on time with no proposals", p)
		}
	})
}

func TestTrainingValidate(t *testing.T) {
	ok := programme.Training{Level: "inclusive", Title: "普惠培训", Date: profile.MustDate("2026-05-01"), Capacity: 200}
	for _, tc := range []struct {
		name  string
		edit  func(*programme.Training)
		field string
	}{
		{"BadLevel", func(t *programme.Training) { t.Level = "basic" }, "level"},
		{"NoTitle", func(t *programme.Training) { t.Title = " " }, "title"},
		{"NoDate", func(t *programme.Training) { t.Date = profile.Date{} }, "date"},
		{"ZeroCapacity", func(t *programme.Training) { t.Capacity = 0 }, "capacity"},
		{"BadRole", func(t *programme.Training) { t.Audience.Roles = []string{"boss"} }, "audience.roles"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := ok
			tc.edit(&tr)
			err := tr.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("Validate = %v, want an error naming %s", err, tc.field)
			}
		})
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid training refused: %v", err)
	}
}
