package baolian

import (
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/workday"
)

// Appeal sources: raised on a visit, by the enterprise itself, or from a
// gap the engine found.
const (
	SourceVisit      = "visit"
	SourceEnterprise = "enterprise"
	SourceGap        = "gap"
)

// Sources of an appeal.
var Sources = []string{SourceVisit, SourceEnterprise, SourceGap}

var sourceNames = map[string]string{SourceVisit: "走访发现", SourceEnterprise: "企业提出", SourceGap: "差距诊断"}

// SourceName is the source as officials write it.
func SourceName(s string) string { return sourceNames[s] }

// Categories of an appeal (诉求类别), as 万人助万企 ledgers group them.
var Categories = []string{"政策咨询", "资金融资", "用地用房", "人才用工", "技术创新", "市场开拓", "审批手续", "水电气暖", "其他"}

// Appeal statuses: 登记 → 已交办 → 办理中 → 已办结 → 已回访 → 已销号.
const (
	StatusRegistered = "registered"
	StatusAssigned   = "assigned"
	StatusInProgress = "in_progress"
	StatusDone       = "done"
	StatusRevisited  = "revisited"
	StatusClosed     = "closed"
)

// Statuses in the order of the ledger.
var Statuses = []string{StatusRegistered, StatusAssigned, StatusInProgress, StatusDone, StatusRevisited, StatusClosed}

var statusNames = map[string]string{StatusRegistered: "登记", StatusAssigned: "已交办", StatusInProgress: "办理中",
	StatusDone: "已办结", StatusRevisited: "已回访", StatusClosed: "已销号"}

// StatusName is the status as officials write it.
func StatusName(s string) string { return statusNames[s] }

// Solved reports whether an appeal in status s counts as solved (办结).
func Solved(s string) bool { return s == StatusDone || s == StatusRevisited || s == StatusClosed }

// Satisfaction at the 回访: 满意, 基本满意, 不满意 (which reopens).
const (
	Satisfied   = "satisfied"
	Basic       = "basic"
	Unsatisfied = "unsatisfied"
)

var satisfactionNames = map[string]string{Satisfied: "满意", Basic: "基本满意", Unsatisfied: "不满意"}

// SatisfactionName is the answer as officials write it.
func SatisfactionName(s string) string { return satisfactionNames[s] }

// Satisfactions are the answers of a 回访, best first.
var Satisfactions = []string{Satisfied, Basic, Unsatisfied}

// The 13710 rule of 万人助万企 (Henan): an issue is routed (交办) within 1
// working day, first feedback given within 3, an ordinary issue solved
// within 7, a complex one within a month. "A month" is taken as 22 working
// days, not a calendar month: every clock of the rule then counts the same
// days, and a month that holds 春节 or 国庆 does not eat the handling time.
const (
	DaysRoute    = 1
	DaysFeedback = 3
	DaysOrdinary = 7
	DaysComplex  = 22
	// DaysReopen is the time a reopened (不满意) issue gets to be solved
	// again, counted from the reopening: the ordinary limit.
	DaysReopen = DaysOrdinary
)

// Due are an appeal's 13710 deadlines: the last instant of the due day in
// the bureau's time zone.
type Due struct {
	Route, Feedback, Solve time.Time
}

// Deadlines computes the deadlines of an appeal registered at t.
func Deadlines(cal *workday.Calendar, t time.Time, complex bool) Due {
	local := t.In(CST)
	solve := DaysOrdinary
	if complex {
		solve = DaysComplex
	}
	at := func(n int) time.Time { return workday.EndOfDay(cal.Add(local, n)).UTC() }
	return Due{Route: at(DaysRoute), Feedback: at(DaysFeedback), Solve: at(solve)}
}

// Appeal is one issue of the ledger.
type Appeal struct {
	ID           int64
	Number       string
	EnterpriseID int64
	OfficialID   int64
	Source       string
	VisitID      int64
	Category     string
	Title        string
	Content      string
	Complex      bool
	LeadUnit     string
	CoUnits      string
	Status       string
	RegisteredAt time.Time
	Due          Due
	RoutedAt     time.Time
	FeedbackAt   time.Time
	SolvedAt     time.Time
	Result       string
	Satisfaction string
	Extensions   int
	Reopened     int
	Escalation   int
	EscalatedFor string // the stage the periodic job last escalated for
	ClosedBy     int64
	ClosedAt     time.Time
	CreatedBy    int64
	UpdatedAt    time.Time
	Version      int64

	EnterpriseName, Region, RegionName string
	OfficialName                       string
	Notes                              []Note // one appeal's view only
}

// Note is one entry of an appeal's progress.
type Note struct {
	ID     int64
	Action string
	Text   string
	ByID   int64
	ByName string
	At     time.Time
}

// Stages of the 13710 clock an appeal can be late on.
const (
	StageRoute    = "route"
	StageFeedback = "feedback"
	StageSolve    = "solve"
)

var stageNames = map[string]string{StageRoute: "交办", StageFeedback: "首次反馈", StageSolve: "办结"}

// StageName is the stage as officials write it.
func StageName(s string) string { return stageNames[s] }

// Overdue returns the stage the appeal is late on at now ("" for none):
// the solve deadline first, as the one that matters most.
func (a *Appeal) Overdue(now time.Time) string {
	if Solved(a.Status) {
		return ""
	}
	switch {
	case now.After(a.Due.Solve):
		return StageSolve
	case a.Status == StatusRegistered && now.After(a.Due.Route):
		return StageRoute
	case (a.Status == StatusRegistered || a.Status == StatusAssigned) && now.After(a.Due.Feedback):
		return StageFeedback
	}
	return ""
}

// OnTime reports whether a solved appeal was solved by its deadline.
func (a *Appeal) OnTime() bool { return !a.SolvedAt.IsZero() && !a.SolvedAt.After(a.Due.Solve) }

// NewAppeal is an issue as raised.
type NewAppeal struct {
	EnterpriseID int64
	Source       string
	VisitID      int64
	Category     string
	Title        string
	Content      string
	Complex      bool
}

// Problems says what is wrong with n, field by field.
func (n *NewAppeal) Problems() []Problem {
	n.Title, n.Content, n.Category = strings.TrimSpace(n.Title), strings.TrimSpace(n.Content), strings.TrimSpace(n.Category)
	var out []Problem
	if n.EnterpriseID <= 0 {
		out = append(out, Problem{Path: "enterprise_id", Message: "enterprise_id：请指定企业", MessageEN: "enterprise_id is required"})
	}
	if _, ok := sourceNames[n.Source]; !ok {
		out = append(out, Problem{Path: "source", Message: "source：诉求来源应为 visit、enterprise、gap 之一", MessageEN: "source must be visit, enterprise or gap"})
	}
	if !isCategory(n.Category) {
		out = append(out, Problem{Path: "category", Message: "category：诉求类别应为 " + strings.Join(Categories, "、") + " 之一",
			MessageEN: "category is not one of the ledger's categories"})
	}
	if n.Title == "" {
		out = append(out, Problem{Path: "title", Message: "title：请填写诉求事项", MessageEN: "title is required"})
	}
	out = append(out, tooLong("title", "诉求事项", n.Title, 200)...)
	out = append(out, tooLong("content", "诉求内容", n.Content, 2000)...)
	return out
}

func isCategory(c string) bool {
	for _, x := range Categories {
		if x == c {
			return true
		}
	}
	return false
}

// Actions on an appeal.
const (
	ActRoute    = "route"    // 交办: lead unit and co-units; 登记 → 已交办
	ActFeedback = "feedback" // 首次反馈 or progress; 已交办 → 办理中
	ActExtend   = "extend"   // 申请延期: the solve deadline moves by Days working days
	ActResolve  = "resolve"  // 办结 with the result; → 已办结
	ActRevisit  = "revisit"  // 回访 with the satisfaction; 不满意 reopens (→ 办理中)
	ActClose    = "close"    // 销号; 已回访 → 已销号
	ActEscalate = "escalate" // 升级: escalation + 1, the status stays
)

// Actions in the order of the ledger.
var Actions = []string{ActRoute, ActFeedback, ActExtend, ActResolve, ActRevisit, ActClose, ActEscalate}

var actionNames = map[string]string{ActRoute: "交办", ActFeedback: "反馈进展", ActExtend: "申请延期", ActResolve: "办结",
	ActRevisit: "回访", ActClose: "销号", ActEscalate: "升级", "register": "登记", "reopen": "不满意重办"}

// ActionName is the action as officials write it.
func ActionName(a string) string { return actionNames[a] }

// Act is one action on an appeal.
type Act struct {
	Action       string
	Text         string // the note: feedback, result, reason of an extension or escalation
	LeadUnit     string // route
	CoUnits      string // route
	Days         int    // extend: working days added to the solve deadline
	Satisfaction string // revisit
}

// from lists the statuses each action may start from.
var from = map[string][]string{
	ActRoute:    {StatusRegistered},
	ActFeedback: {StatusAssigned, StatusInProgress},
	ActExtend:   {StatusAssigned, StatusInProgress},
	ActResolve:  {StatusAssigned, StatusInProgress},
	ActRevisit:  {StatusDone},
	ActClose:    {StatusRevisited},
	ActEscalate: {StatusRegistered, StatusAssigned, StatusInProgress},
}

// Allowed lists the actions open to an appeal in status s.
func Allowed(s string) []string {
	var out []string
	for _, act := range Actions {
		for _, st := range from[act] {
			if st == s {
				out = append(out, act)
			}
		}
	}
	return out
}

// Problems says what is wrong with the act itself, field by field.
func (x *Act) Problems() []Problem {
	x.Text, x.LeadUnit, x.CoUnits = strings.TrimSpace(x.Text), strings.TrimSpace(x.LeadUnit), strings.TrimSpace(x.CoUnits)
	var out []Problem
	if _, ok := from[x.Action]; !ok {
		return []Problem{{Path: "action", Message: "action：操作应为 route、feedback、extend、resolve、revisit、close、escalate 之一",
			MessageEN: "action is not an appeal action"}}
	}
	need := func(path, label string) {
		out = append(out, Problem{Path: path, Message: path + "：请填写" + label, MessageEN: path + " is required"})
	}
	switch x.Action {
	case ActRoute:
		if x.LeadUnit == "" {
			need("lead_unit", "主办单位")
		}
	case ActFeedback:
		if x.Text == "" {
			need("text", "反馈内容")
		}
	case ActExtend:
		if x.Days < 1 || x.Days > DaysComplex {
			out = append(out, Problem{Path: "days", Message: "days：延期天数应为 1 至 22 个工作日", MessageEN: "days must be 1 to 22 working days"})
		}
		if x.Text == "" {
			need("text", "延期理由")
		}
	case ActResolve:
		if x.Text == "" {
			need("text", "办理结果")
		}
	case ActRevisit:
		if _, ok := satisfactionNames[x.Satisfaction]; !ok {
			out = append(out, Problem{Path: "satisfaction", Message: "satisfaction：回访结果应为 satisfied（满意）、basic（基本满意）、unsatisfied（不满意）之一",
				MessageEN: "satisfaction must be satisfied, basic or unsatisfied"})
		}
	case ActEscalate:
		if x.Text == "" {
			need("text", "升级原因")
		}
	}
	out = append(out, tooLong("text", "说明", x.Text, 2000)...)
	out = append(out, tooLong("lead_unit", "主办单位", x.LeadUnit, 100)...)
	out = append(out, tooLong("co_units", "协办单位", x.CoUnits, 300)...)
	return out
}

// Apply applies the act, already checked by Problems, to a at now, by the
// official byID; it returns the note's action (the act's, or "reopen" for
// an unsatisfied 回访). A status the act may not start from is ECONFLICT.
func (x Act) Apply(cal *workday.Calendar, a *Appeal, now time.Time, byID int64) (string, error) {
	ok := false
	for _, st := range from[x.Action] {
		ok = ok || st == a.Status
	}
	if !ok {
		return "", apperr.Errorf(apperr.ECONFLICT, "诉求当前为“%s”，不能%s", StatusName(a.Status), ActionName(x.Action))
	}
	note := x.Action
	switch x.Action {
	case ActRoute:
		a.Status, a.LeadUnit, a.CoUnits, a.RoutedAt = StatusAssigned, x.LeadUnit, x.CoUnits, now
	case ActFeedback:
		if a.FeedbackAt.IsZero() {
			a.FeedbackAt = now
		}
		a.Status = StatusInProgress
	case ActExtend:
		a.Due.Solve = workday.EndOfDay(cal.Add(a.Due.Solve.In(CST), x.Days)).UTC()
		a.Extensions++
		a.Status = StatusInProgress
	case ActResolve:
		a.Status, a.Result, a.SolvedAt = StatusDone, x.Text, now
	case ActRevisit:
		a.Satisfaction = x.Satisfaction
		if x.Satisfaction == Unsatisfied {
			// 不满意 reopens: the issue is handled again within the
			// ordinary limit from now, and its first solving no longer counts.
			a.Status, a.SolvedAt, a.Reopened = StatusInProgress, time.Time{}, a.Reopened+1
			a.Due.Solve = workday.EndOfDay(cal.Add(now.In(CST), DaysReopen)).UTC()
			note = "reopen"
		} else {
			a.Status = StatusRevisited
		}
	case ActClose:
		a.Status, a.ClosedBy, a.ClosedAt = StatusClosed, byID, now
	case ActEscalate:
		a.Escalation++
	}
	return note, nil
}
