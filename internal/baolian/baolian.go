// Package baolian holds 包联帮扶: the officials designated beside listed
// enterprises (指定专人指导帮带), their visits (走访) with the cadence per
// tier kept as data (rules/cadence), and the issue ledger (诉求台账) with
// the "13710" deadlines of Henan's 万人助万企 practice counted in working
// days (internal/workday). It knows no SQL and no HTTP: the store keeps the
// records in the caller's scope, the pages and the API show them.
package baolian

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/cultivation"
)

// Problem is one thing wrong with an input, naming its field; the same
// shape as the backup lists' so the API writes both alike.
type Problem = cultivation.Problem

// Assignment roles: 主包 (the lead official) and 协包 (an assisting one).
const (
	RoleLead   = "lead"
	RoleAssist = "assist"
)

// Roles of an assignment, lead first.
var Roles = []string{RoleLead, RoleAssist}

var roleNames = map[string]string{RoleLead: "主包", RoleAssist: "协包"}

// RoleName is the role as officials write it.
func RoleName(r string) string { return roleNames[r] }

// Assignment is an official designated beside an enterprise.
type Assignment struct {
	ID           int64
	EnterpriseID int64
	OfficialID   int64
	Role         string
	From         time.Time // a date (midnight UTC)
	To           time.Time // zero: open
	NextVisitDue time.Time // a date: by the cadence, moved by each visit
	CreatedBy    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int64

	// Read with the assignment, for lists.
	EnterpriseName, USCC, Region, RegionName string
	OfficialName, OfficialUnit               string
}

// Open reports whether the assignment holds on day (a date).
func (a *Assignment) Open(day time.Time) bool {
	return !a.From.After(day) && (a.To.IsZero() || !a.To.Before(day))
}

// NewAssignment is what an official gives to assign an official.
type NewAssignment struct {
	EnterpriseID int64
	OfficialID   int64
	Role         string
	From         time.Time // zero: today
	To           time.Time // zero: open
}

// Problems says what is wrong with n, field by field.
func (n NewAssignment) Problems() []Problem {
	var out []Problem
	if n.OfficialID <= 0 {
		out = append(out, Problem{Path: "official_id", Message: "official_id：请选择包联干部", MessageEN: "official_id is required"})
	}
	if _, ok := roleNames[n.Role]; !ok {
		out = append(out, Problem{Path: "role", Message: "role：包联角色应为 lead（主包）或 assist（协包）", MessageEN: "role must be lead or assist"})
	}
	if !n.To.IsZero() && !n.From.IsZero() && n.To.Before(n.From) {
		out = append(out, Problem{Path: "to", Message: "to：结束日期不能早于开始日期", MessageEN: "to must not be before from"})
	}
	return out
}

// Visit forms: 实地 (on site), 电话 (phone), 视频 (video), 座谈 (forum).
const (
	FormOnsite = "onsite"
	FormPhone  = "phone"
	FormVideo  = "video"
	FormForum  = "forum"
)

// Forms of a visit, in the order officials list them.
var Forms = []string{FormOnsite, FormPhone, FormVideo, FormForum}

var formNames = map[string]string{FormOnsite: "实地走访", FormPhone: "电话", FormVideo: "视频", FormForum: "座谈"}

// FormName is the form as officials write it.
func FormName(f string) string { return formNames[f] }

// Visit is one visit of an official to an enterprise.
type Visit struct {
	ID           int64
	EnterpriseID int64
	OfficialID   int64
	On           time.Time // a date
	Form         string
	Attendees    string // who took part, as typed
	Summary      string
	Policies     string // policies delivered (政策送达), as typed
	NextDue      time.Time
	CreatedBy    int64
	CreatedAt    time.Time
	Version      int64

	EnterpriseName, Region, RegionName string
	OfficialName, OfficialUnit         string
	Appeals                            int // issues raised on the visit
}

// NewVisit is what an official records of a visit; Issue, when its title
// is set, is an issue raised on the visit, registered with it.
type NewVisit struct {
	EnterpriseID int64
	OfficialID   int64 // zero: the caller
	On           time.Time
	Form         string
	Attendees    string
	Summary      string
	Policies     string
	NextDue      time.Time // zero: by the cadence
	Issue        *NewAppeal
}

// Problems says what is wrong with v on today's date, field by field.
func (v *NewVisit) Problems(today time.Time) []Problem {
	v.Attendees, v.Summary, v.Policies = strings.TrimSpace(v.Attendees), strings.TrimSpace(v.Summary), strings.TrimSpace(v.Policies)
	var out []Problem
	if v.EnterpriseID <= 0 {
		out = append(out, Problem{Path: "enterprise_id", Message: "enterprise_id：请指定企业", MessageEN: "enterprise_id is required"})
	}
	switch {
	case v.On.IsZero():
		out = append(out, Problem{Path: "date", Message: "date：请填写走访日期", MessageEN: "date is required"})
	case v.On.After(today):
		out = append(out, Problem{Path: "date", Message: "date：走访日期不能晚于今天", MessageEN: "date must not be in the future"})
	}
	if _, ok := formNames[v.Form]; !ok {
		out = append(out, Problem{Path: "form", Message: "form：走访形式应为 onsite（实地）、phone（电话）、video（视频）、forum（座谈）之一",
			MessageEN: "form must be onsite, phone, video or forum"})
	}
	if v.Summary == "" {
		out = append(out, Problem{Path: "summary", Message: "summary：请填写走访情况", MessageEN: "summary is required"})
	}
	out = append(out, tooLong("summary", "走访情况", v.Summary, 2000)...)
	out = append(out, tooLong("attendees", "参加人员", v.Attendees, 500)...)
	out = append(out, tooLong("policies", "送达政策", v.Policies, 1000)...)
	if !v.NextDue.IsZero() && !v.On.IsZero() && !v.NextDue.After(v.On) {
		out = append(out, Problem{Path: "next_due", Message: "next_due：下次走访日期应晚于本次走访", MessageEN: "next_due must be after date"})
	}
	if v.Issue != nil {
		v.Issue.Source, v.Issue.EnterpriseID = SourceVisit, v.EnterpriseID
		for _, p := range v.Issue.Problems() {
			if p.Path != "enterprise_id" {
				p.Path = "issue." + p.Path
				out = append(out, p)
			}
		}
	}
	return out
}

func tooLong(path, label, s string, max int) []Problem {
	if utf8.RuneCountInString(s) <= max {
		return nil
	}
	return []Problem{{Path: path, Message: path + "：" + label + "不能超过 " + strconv.Itoa(max) + " 个字", MessageEN: path + " is too long"}}
}

// Date is t's calendar date in the bureau's time zone, as midnight UTC:
// the form every date of this package is kept in.
func Date(t time.Time) time.Time {
	y, m, d := t.In(CST).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CST is the bureau's time zone: dates and deadlines are its calendar's.
var CST = time.FixedZone("CST", 8*3600)
