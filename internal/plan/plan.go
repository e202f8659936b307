// Package plan turns the engine's gap plans into cultivation plans (培育辅导
// 计划): for an enterprise and a tier, the cheapest plan's changes become
// tasks, each tied to the failed condition or lost-points item it serves,
// with its target in the input's own unit, an owner and a due date. Closing a
// task applies the figure reached to the profile; the caller re-evaluates.
// The package knows neither HTTP nor SQL.
package plan

import (
	"encoding/json"
	"strings"
	"time"

	"zjtx/internal/profile"
	"zjtx/internal/workday"
)

// Plan and task states.
const (
	StatusOpen = "open"
	StatusDone = "done"
)

// Plan is one cultivation plan of an enterprise for a tier.
type Plan struct {
	ID             int64
	EnterpriseID   int64
	EnterpriseName string
	Region         string
	Tier           string
	RuleSet        string
	AsOf           profile.Date
	DataYear       int
	Status         string
	OutcomeNow     string // the tier's outcome when the plan was made
	OutcomeLatest  string // after the latest close
	// Scores are nil for tiers without a points table; Met* count the
	// conditions met instead (of Conditions).
	ScoreNow, ScoreDone, ScoreLatest *int
	MetNow, MetDone, MetLatest       int
	Conditions                       int
	Tags                             []string // 进阶小巨人 申报难题 tag ids (little_giant only)
	Summary                          string
	CreatedBy                        int64
	CreatedByName                    string
	CreatedAt, UpdatedAt             time.Time
	Version                          int64
	Tasks                            []*Task
}

// Target is what a task must reach, in the profile's own terms: a path with
// the figure to reach (To) or an element to add (Add, Count times).
type Target struct {
	Path  string `json:"path"`
	From  any    `json:"from,omitempty"`
	To    any    `json:"to,omitempty"`
	Add   any    `json:"add,omitempty"`
	Count int    `json:"count,omitempty"`
	Unit  string `json:"unit,omitempty"`
}

// Owner is who carries a task: an official's account or an institution,
// the latter possibly through one of its products picked from the
// cultivation service packages (培育服务包).
type Owner struct {
	UserID        int64
	InstitutionID int64
	ProductID     int64  // a package product; its institution is InstitutionID
	Name          string // the official's or the institution's name
	Product       string // the product's name, when ProductID is set
}

// Kind says which of the two the owner is.
func (o Owner) Kind() string {
	if o.InstitutionID != 0 {
		return "institution"
	}
	return "user"
}

// Task is one change of the plan.
type Task struct {
	ID           int64
	PlanID       int64
	Seq          int
	SourceID     string // the condition or item id of the rule set
	SourceLabel  string
	Target       Target
	Summary      string
	Owner        Owner
	Due          profile.Date
	Status       string
	Value        json.RawMessage // the figure given when closed
	ScoreBefore  *int
	ScoreAfter   *int
	MetBefore    int
	MetAfter     int
	OutcomeAfter string
	AssessmentID int64
	Evidence     *Evidence // metadata only
	ClosedBy     int64
	ClosedByName string
	ClosedAt     time.Time
	UpdatedAt    time.Time
	Version      int64
}

// Overdue reports whether an open task is past its due date on day.
func (t *Task) Overdue(day profile.Date) bool {
	return t.Status == StatusOpen && t.Due.Before(day)
}

// Regained is what closing the task gained: points for a points table,
// conditions met otherwise.
func (t *Task) Regained() int {
	if t.ScoreAfter != nil && t.ScoreBefore != nil {
		return *t.ScoreAfter - *t.ScoreBefore
	}
	return t.MetAfter - t.MetBefore
}

// Open counts the plan's open tasks.
func (p *Plan) Open() int {
	n := 0
	for _, t := range p.Tasks {
		if t.Status == StatusOpen {
			n++
		}
	}
	return n
}

// Task returns the plan's task with the id, or nil.
func (p *Plan) Task(id int64) *Task {
	for _, t := range p.Tasks {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// TagsColumn is the stored form of tags: ",a,b," so that one tag is
// matched by LIKE '%,a,%'.
func TagsColumn(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return "," + strings.Join(tags, ",") + ","
}

// ParseTags reads TagsColumn.
func ParseTags(s string) []string {
	var out []string
	for t := range strings.SplitSeq(strings.Trim(s, ","), ",") {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Listed is an enterprise on a backup list, for the review's checks.
type Listed struct {
	EnterpriseID int64
	Name         string
	Region       string
	Tier         string
	Status       string // the backup list status
}

// DistrictCount is one district's plan figures on a day.
type DistrictCount struct {
	Region       string
	Plans        int // plans made
	OpenPlans    int
	OpenTasks    int
	OverdueTasks int
	DoneTasks    int
	ListedNoPlan int // listed enterprises with no plan for their list's tier
}

// DueWorkdays is the default time to finish a task: 60 working days, about
// one quarter, on the Chinese calendar.
const DueWorkdays = 60

// DefaultDue is the due date of a plan's tasks when none is given.
func DefaultDue(today profile.Date) profile.Date {
	t := workday.Default().Add(time.Date(today.Y, today.M, today.D, 0, 0, 0, 0, time.UTC), DueWorkdays)
	return profile.Date{Y: t.Year(), M: t.Month(), D: t.Day()}
}
