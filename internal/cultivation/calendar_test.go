package cultivation_test

import (
	"strings"
	"testing"

	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/rules"
)

func engine(t testing.TB) *criteria.Engine {
	t.Helper()
	e, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func date(s string) profile.Date { return profile.MustDate(s) }

func TestCalendar(t *testing.T) {
	rule := cultivation.EngineReviewRuleSet(engine(t))
	type want struct {
		kind, due, note string
	}
	for _, tt := range []struct {
		name   string
		today  string
		within int
		rec    cultivation.Recognition
		want   []want // besides the annual update, checked apart
	}{
		{"ExpiryWithin30", "2026-09-01", 30, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2023-09-21"), ValidTo: date("2026-09-20")},
			[]want{{cultivation.KindExpiry30, "2026-09-20", "尚余 19 天"}}},
		{"ExpiryWithin90", "2026-09-01", 90, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2023-11-16"), ValidTo: date("2026-11-15")},
			[]want{{cultivation.KindExpiry90, "2026-11-15", "尚余 75 天"}}},
		{"ExpiryWithin180", "2026-09-01", 180, cultivation.Recognition{Tier: "innovative", RecognizedOn: date("2024-02-02"), ValidTo: date("2027-02-01")},
			[]want{{cultivation.KindExpiry180, "2027-02-01", "尚余 153 天"}}},
		{"Expiry180IsTheEdge", "2026-09-01", 365, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2024-03-01"), ValidTo: date("2027-02-28")},
			[]want{{cultivation.KindExpiry180, "2027-02-28", "尚余 180 天"}}},
		{"NoExpiryBeyond180", "2026-09-01", 365, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2024-06-02"), ValidTo: date("2027-06-01")}, nil},
		{"OutsideTheWindow", "2026-09-01", 10, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2023-11-16"), ValidTo: date("2026-11-15")}, nil},
		{"ReviewInThirdYear2026Rules", "2026-09-01", 60, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2024-10-01"), ValidTo: date("2027-09-30")},
			[]want{{cultivation.KindReview, "2026-10-01", "2026 年为认定后第三年，应复核；复核适用 srdi@2026"}}},
		{"ReviewInThirdYear2022Rules", "2025-06-01", 120, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2023-09-01"), ValidTo: date("2026-08-31")},
			[]want{{cultivation.KindReview, "2025-09-01", "2025 年为认定后第三年，应复核；复核适用 srdi@2022"}}},
		{"ReviewDoneNoDuty", "2026-09-01", 60, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2024-10-01"), ValidTo: date("2027-09-30"),
			ReviewResult: cultivation.ReviewPassed, ReviewedOn: date("2026-08-01")}, nil},
		{"ReviewOfTitleWithoutRules", "2026-09-01", 60, cultivation.Recognition{Tier: "single_champion", RecognizedOn: date("2024-10-01"), ValidTo: date("2027-09-30")},
			[]want{{cultivation.KindReview, "2026-10-01", "2026 年为认定后第三年，应复核"}}},
		{"ChangeReportIn3Months", "2026-09-01", 60, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2025-03-01"), ValidTo: date("2028-02-29"),
			ChangeKind: "rename", ChangedOn: date("2026-07-15")},
			[]want{{cultivation.KindChangeReport, "2026-10-15", "2026-07-15 发生更名，应于 3 个月内报告"}}},
		{"FailedReviewNoDuties", "2026-09-01", 365, cultivation.Recognition{Tier: "srdi", RecognizedOn: date("2023-09-21"), ValidTo: date("2026-09-20"),
			ReviewResult: cultivation.ReviewFailed, ReviewedOn: date("2025-09-21")}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.rec
			rec.EnterpriseID = 1
			var got []want
			for _, it := range cultivation.Calendar([]*cultivation.Recognition{&rec}, date(tt.today), tt.within, rule) {
				if it.Kind != cultivation.KindAnnualUpdate {
					got = append(got, want{it.Kind, it.Due.String(), it.Note})
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("items = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i].kind != tt.want[i].kind || got[i].due != tt.want[i].due || !strings.Contains(got[i].note, tt.want[i].note) {
					t.Errorf("item %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestAnnualUpdateDue(t *testing.T) {
	for _, tt := range []struct{ today, want string }{
		{"2026-01-10", "2026-05-31"},
		{"2026-05-31", "2026-05-31"}, // the day itself is still on time
		{"2026-06-01", "2027-05-31"},
		{"2026-12-31", "2027-05-31"},
	} {
		if got := cultivation.AnnualUpdateDue(date(tt.today)).String(); got != tt.want {
			t.Errorf("AnnualUpdateDue(%s) = %s, want %s", tt.today, got, tt.want)
		}
	}
	t.Run("OncePerEnterprise", func(t *testing.T) {
		recs := []*cultivation.Recognition{
			{EnterpriseID: 1, Tier: "innovative", RecognizedOn: date("2025-03-01"), ValidTo: date("2028-02-29")},
			{EnterpriseID: 1, Tier: "srdi", RecognizedOn: date("2025-09-01"), ValidTo: date("2028-08-31")},
			{EnterpriseID: 2, Tier: "srdi", RecognizedOn: date("2022-01-01"), ValidTo: date("2024-12-31")}, // expired
		}
		n := 0
		for _, it := range cultivation.Calendar(recs, date("2026-04-01"), 90, func(string, profile.Date, string) string { return "" }) {
			if it.Kind == cultivation.KindAnnualUpdate {
				n++
				if it.EnterpriseID != 1 || it.Due.String() != "2026-05-31" {
					t.Errorf("annual update %+v; want enterprise 1 by 2026-05-31", it)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d annual updates, want 1", n)
		}
	})
}

func TestDefaultValidTo(t *testing.T) {
	for _, tt := range []struct{ from, want string }{{"2025-03-01", "2028-02-29"}, {"2024-02-29", "2027-02-28"}, {"2026-01-01", "2028-12-31"}} {
		if got := cultivation.DefaultValidTo(date(tt.from)).String(); got != tt.want {
			t.Errorf("DefaultValidTo(%s) = %s, want %s", tt.from, got, tt.want)
		}
	}
}
