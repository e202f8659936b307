package baolian_test

import (
	"slices"
	"testing"
	"time"

	"zjtx/internal/baolian"
	"zjtx/internal/workday"
)

func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, baolian.CST)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDeadlines13710 checks the 13710 clocks on the published calendars:
// 国庆 2025 (1–8 Oct off, 28 Sep and 11 Oct worked) and 春节 2026 (15–23 Feb
// off, 14 and 28 Feb worked). Each due date is the end of that day in CST.
func TestDeadlines13710(t *testing.T) {
	cal := workday.Default()
	for _, tt := range []struct {
		name                   string
		at                     time.Time
		complex                bool
		route, feedback, solve string
	}{
		{"BeforeNationalDay2025", cst("2025-09-30 10:00"), false, "2025-10-09", "2025-10-11", "2025-10-16"},
		{"FridayBeforeWorkedSunday", cst("2025-09-26 16:00"), false, "2025-09-28", "2025-09-30", "2025-10-13"},
		// 00:30 on the worked Sunday in Beijing is still Saturday in UTC:
		// the clock counts by the bureau's calendar day.
		{"MidnightInBeijing", time.Date(2025, 9, 27, 16, 30, 0, 0, time.UTC), false, "2025-09-29", "2025-10-09", "2025-10-14"},
		{"BeforeSpringFestival2026", cst("2026-02-13 20:00"), false, "2026-02-14", "2026-02-25", "2026-03-02"},
		{"ComplexOverSpringFestival2026", cst("2026-02-13 20:00"), true, "2026-02-14", "2026-02-25", "2026-03-23"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := baolian.Deadlines(cal, tt.at, tt.complex)
			for _, c := range []struct {
				what string
				got  time.Time
				want string
			}{{"route", d.Route, tt.route}, {"feedback", d.Feedback, tt.feedback}, {"solve", d.Solve, tt.solve}} {
				if got := c.got.In(baolian.CST).Format("2006-01-02 15:04:05"); got != c.want+" 23:59:59" {
					t.Errorf("%s due %s, want %s 23:59:59", c.what, got, c.want)
				}
			}
		})
	}
}

func TestAppealFlow(t *testing.T) {
	cal := workday.Default()
	now := cst("2026-03-02 09:00")
	p := &baolian.Appeal{Status: baolian.StatusRegistered, Due: baolian.Deadlines(cal, now, false)}
	t.Run("OverdueStages", func(t *testing.T) {
		for _, tt := range []struct {
			at   time.Time
			want string
		}{{now, ""}, {cst("2026-03-04 09:00"), baolian.StageRoute}, {cst("2026-03-12 09:00"), baolian.StageSolve}} {
			if got := p.Overdue(tt.at); got != tt.want {
				t.Errorf("at %s: overdue %q, want %q", tt.at, got, tt.want)
			}
		}
	})
	t.Run("ActionsFollowTheStates", func(t *testing.T) {
		if got := baolian.Allowed(baolian.StatusRegistered); !slices.Equal(got, []string{baolian.ActRoute, baolian.ActEscalate}) {
			t.Errorf("allowed on 登记: %v", got)
		}
		if _, err := (baolian.Act{Action: baolian.ActClose}).Apply(cal, p, now, 1); err == nil {
			t.Error("closed an unrouted appeal")
		}
		steps := []baolian.Act{{Action: baolian.ActRoute, LeadUnit: "区人社局"}, {Action: baolian.ActExtend, Days: 5, Text: "需市级协调"},
			{Action: baolian.ActResolve, Text: "已办结"}, {Action: baolian.ActRevisit, Satisfaction: baolian.Unsatisfied}}
		solve := p.Due.Solve
		for _, x := range steps {
			if ps := x.Problems(); len(ps) > 0 {
				t.Fatalf("%s: %v", x.Action, ps)
			}
			if _, err := x.Apply(cal, p, now, 1); err != nil {
				t.Fatalf("%s: %v", x.Action, err)
			}
			if x.Action == baolian.ActExtend && !p.Due.Solve.Equal(workday.EndOfDay(cal.Add(solve.In(baolian.CST), 5)).UTC()) {
				t.Errorf("extended solve due %s", p.Due.Solve)
			}
		}
		if p.Status != baolian.StatusInProgress || p.Reopened != 1 || !p.SolvedAt.IsZero() {
			t.Errorf("不满意 left %s reopened %d solved %s", p.Status, p.Reopened, p.SolvedAt)
		}
	})
	t.Run("BadActNamesTheField", func(t *testing.T) {
		for _, tt := range []struct {
			act   baolian.Act
			field string
		}{{baolian.Act{Action: "delete"}, "action"}, {baolian.Act{Action: baolian.ActRoute}, "lead_unit"},
			{baolian.Act{Action: baolian.ActExtend, Text: "x", Days: 40}, "days"}, {baolian.Act{Action: baolian.ActRevisit, Satisfaction: "ok"}, "satisfaction"}} {
			if ps := tt.act.Problems(); len(ps) == 0 || ps[0].Path != tt.field {
				t.Errorf("%+v: %v, want a problem with %s", tt.act, ps, tt.field)
			}
		}
	})
}

// TestCadence: the embedded cadence visits a 小巨人 candidate monthly, a
// 专精特新 one quarterly, an 创新型 one half-yearly, others half-yearly.
func TestCadence(t *testing.T) {
	cs := baolian.DefaultCadences()
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for tier, want := range map[string]string{"little_giant": "2025-04-01", "srdi": "2025-06-01", "innovative": "2025-09-01", "": "2025-09-01"} {
		if got := cs.NextDue(day, tier).Format(time.DateOnly); got != want {
			t.Errorf("%q: next due %s, want %s", tier, got, want)
		}
	}
}
