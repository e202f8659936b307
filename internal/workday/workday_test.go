package workday_test

import (
	"testing"
	"testing/fstest"
	"time"

	"zjtx/internal/workday"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAdd(t *testing.T) {
	c := workday.Default()
	for _, tc := range []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2025-09-26", 1, "2025-09-28", "Sunday 28 Sept 2025 is worked for 国庆"},
		{"2025-09-30", 1, "2025-10-09", "国庆、中秋 2025 runs 1–8 Oct"},
		{"2025-10-10", 1, "2025-10-11", "Saturday 11 Oct 2025 is worked"},
		{"2025-09-29", 3, "2025-10-10", "13710: first feedback across 国庆"},
		{"2025-09-29", 7, "2025-10-15", "13710: ordinary issue across 国庆, counting Saturday 11 Oct"},
		{"2025-01-24", 1, "2025-01-26", "Sunday 26 Jan 2025 is worked for 春节"},
		{"2025-01-27", 1, "2025-02-05", "春节 2025 runs 28 Jan – 4 Feb"},
		{"2025-01-27", 4, "2025-02-08", "Saturday 8 Feb 2025 is worked"},
		{"2025-04-25", 1, "2025-04-27", "Sunday 27 Apr 2025 is worked for 劳动节"},
		{"2025-12-31", 1, "2026-01-04", "元旦 2026 runs 1–3 Jan, Sunday 4 Jan worked"},
		{"2026-02-13", 1, "2026-02-14", "Saturday 14 Feb 2026 is worked for 春节"},
		{"2026-02-14", 1, "2026-02-24", "春节 2026 runs 15–23 Feb"},
		{"2026-02-27", 1, "2026-02-28", "Saturday 28 Feb 2026 is worked"},
		{"2026-09-18", 1, "2026-09-20", "Sunday 20 Sept 2026 is worked for 国庆"},
		{"2026-09-30", 1, "2026-10-08", "国庆 2026 runs 1–7 Oct"},
		{"2026-10-09", 1, "2026-10-10", "Saturday 10 Oct 2026 is worked"},
		{"2026-06-18", 1, "2026-06-22", "端午 2026 runs 19–21 Jun"},
		{"2026-12-04", 5, "2026-12-11", "an ordinary week"},
		{"2027-01-01", 1, "2027-01-04", "no 2027 file: Monday to Friday"},
		{"2026-12-04", 0, "2026-12-04", "zero days is the day itself"},
	} {
		got := c.Add(day(tc.from), tc.n)
		if got.Format(time.DateOnly) != tc.want {
			t.Errorf("Add(%s, %d) = %s, want %s (%s)", tc.from, tc.n, got.Format(time.DateOnly), tc.want, tc.why)
		}
		if tc.n > 0 {
			if n := c.Between(day(tc.from), got); n != tc.n {
				t.Errorf("Between(%s, %s) = %d, want %d", tc.from, tc.want, n, tc.n)
			}
		}
	}
}

func TestAddKeepsClockAndZone(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	from := time.Date(2025, 9, 30, 16, 30, 0, 0, shanghai)
	got := workday.Default().Add(from, 1)
	if want := time.Date(2025, 10, 9, 16, 30, 0, 0, shanghai); !got.Equal(want) {
		t.Fatalf("Add = %v, want %v", got, want)
	}
	if end := workday.EndOfDay(got); end.Hour() != 23 || end.Day() != 9 {
		t.Fatalf("EndOfDay = %v", end)
	}
}

func TestIsWorkdayAndNames(t *testing.T) {
	c := workday.Default()
	for _, tc := range []struct {
		day     string
		work    bool
		holiday string
	}{
		{"2025-10-01", false, "国庆节、中秋节"},
		{"2025-09-28", true, "国庆节、中秋节"},
		{"2026-02-23", false, "春节"},
		{"2026-01-04", true, "元旦"},
		{"2026-12-05", false, ""},
		{"2026-12-07", true, ""},
	} {
		d := workday.DayOf(day(tc.day))
		if got := c.IsWorkday(d); got != tc.work {
			t.Errorf("IsWorkday(%s) = %v, want %v", tc.day, got, tc.work)
		}
		if got := c.Holiday(d); got != tc.holiday {
			t.Errorf("Holiday(%s) = %q, want %q", tc.day, got, tc.holiday)
		}
	}
	if !c.Covers(2025) || !c.Covers(2026) || c.Covers(2027) {
		t.Errorf("Covers: %v", c.Years())
	}
	if c.Source(2026) == "" {
		t.Error("2026 has no source")
	}
}

// A year's working days, counted by hand from the notices: 261 weekdays in
// both years; 2025 loses 18 to holidays and works 5 weekend days, 2026 loses
// 19 and works 6: 248 each.
func TestWorkingDaysPerYear(t *testing.T) {
	c := workday.Default()
	for year, want := range map[int]int{2025: 248, 2026: 248} {
		n := c.Between(day(itoa(year-1)+"-12-31"), day(itoa(year)+"-12-31"))
		if n != want {
			t.Errorf("%d: %d working days, want %d", year, n, want)
		}
	}
}

func itoa(y int) string { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") }

func TestLoadRefusesBadFiles(t *testing.T) {
	for name, body := range map[string]string{
		"bad date":          "year: 2030\nholidays:\n  - {name: x, from: 2030-13-01, to: 2030-13-02}\n",
		"reversed":          "year: 2030\nholidays:\n  - {name: x, from: 2030-05-05, to: 2030-05-01}\n",
		"weekday worked":    "year: 2030\nholidays:\n  - {name: x, from: 2030-05-01, to: 2030-05-03, workdays: [2030-05-06]}\n",
		"year out of range": "year: 30\n",
		"not yaml":          "year: [",
	} {
		_, err := workday.Load(fstest.MapFS{"2030.yaml": {Data: []byte(body)}})
		if err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	_, err := workday.Load(fstest.MapFS{
		"a.yaml": {Data: []byte("year: 2030\n")},
		"b.yaml": {Data: []byte("year: 2030\n")},
	})
	if err == nil {
		t.Error("a year given twice loaded")
	}
}
