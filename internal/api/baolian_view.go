package api

import (
	"net/http"
	"strconv"
	"time"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

// The API's views of 包联 records. Dates are YYYY-MM-DD; instants RFC 3339.

type assignmentItem struct {
	ID             int64  `json:"id"`
	EnterpriseID   int64  `json:"enterprise_id"`
	EnterpriseName string `json:"enterprise_name"`
	Region         string `json:"region"`
	RegionName     string `json:"region_name"`
	OfficialID     int64  `json:"official_id"`
	OfficialName   string `json:"official_name"`
	OfficialUnit   string `json:"official_unit"`
	Role           string `json:"role"`
	RoleName       string `json:"role_name"`
	From           string `json:"from"`
	To             string `json:"to,omitempty"`
	NextVisitDue   string `json:"next_visit_due"`
	VisitOverdue   bool   `json:"visit_overdue"`
	Version        int64  `json:"version"`
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func (a *API) assignmentOf(s *baolian.Assignment) assignmentItem {
	today := baolian.Date(a.now())
	return assignmentItem{ID: s.ID, EnterpriseID: s.EnterpriseID, EnterpriseName: s.EnterpriseName, Region: s.Region,
		RegionName: s.RegionName, OfficialID: s.OfficialID, OfficialName: s.OfficialName, OfficialUnit: s.OfficialUnit,
		Role: s.Role, RoleName: baolian.RoleName(s.Role), From: dateString(s.From), To: dateString(s.To),
		NextVisitDue: dateString(s.NextVisitDue), VisitOverdue: s.Open(today) && s.NextVisitDue.Before(today), Version: s.Version}
}

type visitItem struct {
	ID             int64  `json:"id"`
	EnterpriseID   int64  `json:"enterprise_id"`
	EnterpriseName string `json:"enterprise_name"`
	Region         string `json:"region"`
	OfficialID     int64  `json:"official_id"`
	OfficialName   string `json:"official_name"`
	Date           string `json:"date"`
	Form           string `json:"form"`
	FormName       string `json:"form_name"`
	Attendees      string `json:"attendees"`
	Summary        string `json:"summary"`
	Policies       string `json:"policies"`
	NextDue        string `json:"next_due"`
	Appeals        int    `json:"appeals"`
}

func visitOf(v *baolian.Visit) visitItem {
	return visitItem{ID: v.ID, EnterpriseID: v.EnterpriseID, EnterpriseName: v.EnterpriseName, Region: v.Region,
		OfficialID: v.OfficialID, OfficialName: v.OfficialName, Date: dateString(v.On), Form: v.Form, FormName: baolian.FormName(v.Form),
		Attendees: v.Attendees, Summary: v.Summary, Policies: v.Policies, NextDue: dateString(v.NextDue), Appeals: v.Appeals}
}

type appealDue struct {
	Route    time.Time `json:"route"`
	Feedback time.Time `json:"feedback"`
	Solve    time.Time `json:"solve"`
}

type appealNote struct {
	Action     string    `json:"action"`
	ActionName string    `json:"action_name"`
	Text       string    `json:"text"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
}

type appealItem struct {
	ID             int64        `json:"id"`
	Number         string       `json:"number"`
	EnterpriseID   int64        `json:"enterprise_id"`
	EnterpriseName string       `json:"enterprise_name"`
	Region         string       `json:"region"`
	OfficialName   string       `json:"official_name"`
	Source         string       `json:"source"`
	VisitID        int64        `json:"visit_id,omitempty"`
	Category       string       `json:"category"`
	Title          string       `json:"title"`
	Content        string       `json:"content"`
	Complex        bool         `json:"complex"`
	LeadUnit       string       `json:"lead_unit"`
	CoUnits        string       `json:"co_units"`
	Status         string       `json:"status"`
	StatusName     string       `json:"status_name"`
	RegisteredAt   time.Time    `json:"registered_at"`
	Due            appealDue    `json:"due"`
	Overdue        string       `json:"overdue,omitempty"` // the 13710 stage it is late on
	SolvedAt       *time.Time   `json:"solved_at,omitempty"`
	Result         string       `json:"result"`
	Satisfaction   string       `json:"satisfaction"`
	Extensions     int          `json:"extensions"`
	Reopened       int          `json:"reopened"`
	Escalation     int          `json:"escalation"`
	Actions        []string     `json:"actions"` // what may be done next
	Notes          []appealNote `json:"notes,omitempty"`
	Version        int64        `json:"version"`
}

func (a *API) appealOf(p *baolian.Appeal) appealItem {
	out := appealItem{ID: p.ID, Number: p.Number, EnterpriseID: p.EnterpriseID, EnterpriseName: p.EnterpriseName, Region: p.Region,
		OfficialName: p.OfficialName, Source: p.Source, VisitID: p.VisitID, Category: p.Category, Title: p.Title, Content: p.Content,
		Complex: p.Complex, LeadUnit: p.LeadUnit, CoUnits: p.CoUnits, Status: p.Status, StatusName: baolian.StatusName(p.Status),
		RegisteredAt: p.RegisteredAt, Due: appealDue{p.Due.Route, p.Due.Feedback, p.Due.Solve}, Overdue: p.Overdue(a.now()),
		SolvedAt: timePtr(p.SolvedAt), Result: p.Result, Satisfaction: p.Satisfaction, Extensions: p.Extensions,
		Reopened: p.Reopened, Escalation: p.Escalation, Actions: baolian.Allowed(p.Status), Version: p.Version}
	if out.Actions == nil {
		out.Actions = []string{}
	}
	for _, n := range p.Notes {
		out.Notes = append(out.Notes, appealNote{n.Action, baolian.ActionName(n.Action), n.Text, n.ByName, n.At})
	}
	return out
}

// answerAppeal answers with one appeal, its version as the ETag.
func (a *API) answerAppeal(w http.ResponseWriter, status int, p *baolian.Appeal) {
	w.Header().Set("ETag", etag(p.Version))
	if status == http.StatusCreated {
		w.Header().Set("Location", Prefix+"/appeals/"+strconv.FormatInt(p.ID, 10))
	}
	httpx.JSON(w, status, a.appealOf(p))
}

// parseDay reads an optional YYYY-MM-DD field of a body; a bad one is a
// problem naming the field.
func parseDay(field, s string, ps *[]baolian.Problem) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		*ps = append(*ps, baolian.Problem{Path: field, Message: field + "：应为日期 YYYY-MM-DD", MessageEN: field + " must be a date YYYY-MM-DD"})
	}
	return t
}

type listOf[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}
