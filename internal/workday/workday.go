// Package workday counts working days (工作日) on the Chinese calendar:
// weekends off, public holidays off, and the weekend days worked in their
// place (调休) on. The 13710 rule of the issue ledger, the 公示 window of a
// reward run and the banks' 5/15-day answers all count in working days.
//
// The holidays are data (rules/workdays/<year>.yaml), published by the
// State Council each November; a year without a file counts Monday to
// Friday, and Covers reports it so that pages can say so.
package workday

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"zjtx/rules"
)

// Day is a calendar date without a clock or a zone.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf returns the date of t in t's own location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, m, d}
}

// Time returns the day at midnight in loc.
func (d Day) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// String writes the day as 2006-01-02.
func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Holiday is one published holiday period.
type Holiday struct {
	Name     string   `yaml:"name"`
	From     string   `yaml:"from"`
	To       string   `yaml:"to"`
	Workdays []string `yaml:"workdays"` // weekend days worked instead (调休上班)
}

// Year is one year's file.
type Year struct {
	Year     int       `yaml:"year"`
	Source   string    `yaml:"source"` // the notice that published it
	Holidays []Holiday `yaml:"holidays"`
}

// Calendar answers which days are working days.
type Calendar struct {
	off     map[Day]string // holiday days, with the holiday's name
	on      map[Day]string // weekend days worked, with the holiday they serve
	years   map[int]string // years with a file, with their source
	ordered []int
}

// Load reads every <year>.yaml in fsys's root.
func Load(fsys fs.FS) (*Calendar, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	c := &Calendar{off: map[Day]string{}, on: map[Day]string{}, years: map[int]string{}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var y Year
		if err := yaml.Unmarshal(b, &y); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := c.add(y); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	for y := range c.years {
		c.ordered = append(c.ordered, y)
	}
	sort.Ints(c.ordered)
	return c, nil
}

func (c *Calendar) add(y Year) error {
	if y.Year < 2000 || y.Year > 2100 {
		return fmt.Errorf("year %d out of range", y.Year)
	}
	if _, dup := c.years[y.Year]; dup {
		return fmt.Errorf("year %d given twice", y.Year)
	}
	c.years[y.Year] = y.Source
	for _, h := range y.Holidays {
		from, err := parseDay(h.From)
		if err != nil {
			return fmt.Errorf("%s from: %w", h.Name, err)
		}
		to, err := parseDay(h.To)
		if err != nil {
			return fmt.Errorf("%s to: %w", h.Name, err)
		}
		if to.Before(from) || to.Sub(from) > 31*24*time.Hour {
			return fmt.Errorf("%s: %s to %s is not a holiday period", h.Name, h.From, h.To)
		}
		for t := from; !t.After(to); t = t.AddDate(0, 0, 1) {
			c.off[DayOf(t)] = h.Name
		}
		for _, w := range h.Workdays {
			t, err := parseDay(w)
			if err != nil {
				return fmt.Errorf("%s workdays: %w", h.Name, err)
			}
			if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
				return fmt.Errorf("%s: worked day %s is not a weekend day", h.Name, w)
			}
			c.on[DayOf(t)] = h.Name
		}
	}
	return nil
}

func parseDay(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

var (
	defaultOnce sync.Once
	defaultCal  *Calendar
)

// Default returns the calendar of the embedded files, loaded once. The
// files are part of the binary and tested, so a load error is a build
// defect and panics.
func Default() *Calendar {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(rules.WorkdaysFS, path.Clean("workdays"))
		if err == nil {
			defaultCal, err = Load(sub)
		}
		if err != nil {
			panic("workday: embedded calendars: " + err.Error())
		}
	})
	return defaultCal
}

// Covers reports whether the calendar has the published holidays of year.
func (c *Calendar) Covers(year int) bool { _, ok := c.years[year]; return ok }

// Years lists the years with a file, in order.
func (c *Calendar) Years() []int { return append([]int(nil), c.ordered...) }

// Source names the notice year's holidays come from ("" without a file).
func (c *Calendar) Source(year int) string { return c.years[year] }

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Day) bool {
	if _, ok := c.on[d]; ok {
		return true
	}
	if _, ok := c.off[d]; ok {
		return false
	}
	wd := d.Time(time.UTC).Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Holiday names the holiday d falls in, or the holiday a worked weekend day
// serves ("" for an ordinary day).
func (c *Calendar) Holiday(d Day) string {
	if n, ok := c.off[d]; ok {
		return n
	}
	return c.on[d]
}

// Add returns the n-th working day after t's date, at the same clock time
// in t's location: the day t falls on never counts, so a matter registered
// on Friday with a one-working-day limit is due on Monday (or the next
// working day after a holiday). n ≤ 0 returns t.
func (c *Calendar) Add(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if c.IsWorkday(DayOf(t)) {
			n--
		}
	}
	return t
}

// Between counts the working days after a's date up to and including b's
// date; 0 when b is not after a. Between(t, Add(t, n)) == n.
func (c *Calendar) Between(a, b time.Time) int {
	from, to := DayOf(a).Time(time.UTC), DayOf(b).Time(time.UTC)
	n := 0
	for t := from.AddDate(0, 0, 1); !t.After(to); t = t.AddDate(0, 0, 1) {
		if c.IsWorkday(DayOf(t)) {
			n++
		}
	}
	return n
}

// EndOfDay returns the last instant of t's date in t's location: a due date
// computed by Add is met by anything done that day.
func EndOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 23, 59, 59, 0, t.Location())
}
