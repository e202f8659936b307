// Package programme holds the programmes of the plan that the bureau runs
// every year (spec/workflows.md §7): trainings (普惠/中端/高端) with their
// audience rules, the rotation of 普惠 training through every 创新型
// enterprise and its planner, the 创客中国 contest whose results reach the
// profile's maker_china, and expos and events. It knows no SQL and no HTTP.
package programme

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Training levels, as the plan names them.
const (
	LevelInclusive = "inclusive" // 普惠性培训
	LevelMid       = "mid"       // 中端培训
	LevelHigh      = "high"      // 高端培训
)

// Levels are the training levels, lowest first.
var Levels = []string{LevelInclusive, LevelMid, LevelHigh}

// LevelZH names the levels.
var LevelZH = map[string]string{LevelInclusive: "普惠性培训", LevelMid: "中端培训", LevelHigh: "高端培训"}

// Attendee roles (培训对象) the audience rules speak of.
var Roles = []string{"admin", "marketing", "hr", "finance", "manager", "technical", "chairman", "general_manager"}

// RoleZH names the attendee roles.
var RoleZH = map[string]string{"admin": "行政", "marketing": "营销", "hr": "人力", "finance": "财务",
	"manager": "中层管理人员", "technical": "关键技术岗位员工", "chairman": "董事长", "general_manager": "总经理"}

// Audience is who may attend a session, as data: an enterprise holding one
// of Tiers (a higher title counts, see cultivation.Holds), or one of
// ListingTiers when it declares a listing plan (上市计划); the attendee in
// one of Roles. An empty Tiers and ListingTiers admits every enterprise.
type Audience struct {
	Tiers        []string `json:"tiers"`
	ListingTiers []string `json:"listing_tiers,omitempty"`
	Roles        []string `json:"roles"`
}

// DefaultAudience is each level's audience as the plan words it:
// 普惠 "以创新型中小企业行政、营销、人力、财务等部门人员为主要培训对象";
// 中端 "以中小企业中层管理人员和关键技术岗位员工为主要培训对象";
// 高端 "以“小巨人”企业、有上市计划的专精特新企业董事长、总经理为主要培训对象".
func DefaultAudience(level string) Audience {
	switch level {
	case LevelMid:
		return Audience{Tiers: []string{profile.TierInnovative}, Roles: []string{"manager", "technical"}}
	case LevelHigh:
		return Audience{Tiers: []string{profile.TierLittleGiant}, ListingTiers: []string{profile.TierSRDI},
			Roles: []string{"chairman", "general_manager"}}
	}
	return Audience{Tiers: []string{profile.TierInnovative}, Roles: []string{"admin", "marketing", "hr", "finance"}}
}

// Admits says whether an enterprise may send an attendee of role: holds
// reports whether it holds a tier (or a higher one), listing whether it
// declared a listing plan. The message says why not, in Chinese.
func (a Audience) Admits(holds func(tier string) bool, listing bool, role string) (bool, string) {
	if len(a.Roles) > 0 && !slices.Contains(a.Roles, role) {
		return false, "本期培训对象为" + a.RolesText() + "，所填参训人员岗位不在其列"
	}
	if len(a.Tiers) == 0 && len(a.ListingTiers) == 0 {
		return true, ""
	}
	for _, t := range a.Tiers {
		if holds(t) {
			return true, ""
		}
	}
	for _, t := range a.ListingTiers {
		if holds(t) && listing {
			return true, ""
		}
	}
	return false, "本期培训面向" + a.TiersText() + "，贵企业不在培训对象范围内"
}

// TiersText is the audience's tiers in Chinese.
func (a Audience) TiersText() string {
	var parts []string
	for _, t := range a.Tiers {
		parts = append(parts, tierZH[t])
	}
	for _, t := range a.ListingTiers {
		parts = append(parts, "有上市计划的"+tierZH[t])
	}
	if len(parts) == 0 {
		return "全部企业"
	}
	return strings.Join(parts, "、")
}

// RolesText is the audience's roles in Chinese.
func (a Audience) RolesText() string {
	var parts []string
	for _, r := range a.Roles {
		parts = append(parts, RoleZH[r])
	}
	if len(parts) == 0 {
		return "不限岗位"
	}
	return strings.Join(parts, "、")
}

var tierZH = map[string]string{profile.TierInnovative: "创新型中小企业", profile.TierSRDI: "专精特新中小企业",
	profile.TierLittleGiant: "专精特新“小巨人”企业"}

// Training is a training session.
type Training struct {
	ID          int64        `json:"id"`
	Level       string       `json:"level"`
	Title       string       `json:"title"`
	Topic       string       `json:"topic,omitempty"`
	Date        profile.Date `json:"date"`
	Place       string       `json:"place,omitempty"`
	University  string       `json:"university,omitempty"` // partner university (依托高校)
	Capacity    int          `json:"capacity"`
	Audience    Audience     `json:"audience"`
	CheckinCode string       `json:"-"` // shown at the door only
	Version     int64        `json:"version"`
	CreatedAt   time.Time    `json:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at"`

	// Counts, filled by the store's lists.
	SignedUp   int `json:"signed_up"`
	Waitlisted int `json:"waitlisted"`
	Attended   int `json:"attended"`
}

// Validate normalises t and refuses it naming the first bad field.
func (t *Training) Validate() error {
	t.Title, t.Topic = strings.TrimSpace(t.Title), strings.TrimSpace(t.Topic)
	t.Place, t.University = strings.TrimSpace(t.Place), strings.TrimSpace(t.University)
	switch {
	case LevelZH[t.Level] == "":
		return apperr.Errorf(apperr.EINVALID, "培训层次无效 (level: inclusive, mid or high)")
	case t.Title == "" || utf8.RuneCountInString(t.Title) > 100:
		return apperr.Errorf(apperr.EINVALID, "培训名称必填，且不超过 100 字 (title: required, at most 100 characters)")
	case t.Date.IsZero():
		return apperr.Errorf(apperr.EINVALID, "培训日期必填 (date: required, YYYY-MM-DD)")
	case t.Capacity < 1 || t.Capacity > 2000:
		return apperr.Errorf(apperr.EINVALID, "培训名额须在 1 至 2000 之间 (capacity: 1 to 2000)")
	}
	for _, r := range t.Audience.Roles {
		if RoleZH[r] == "" {
			return apperr.Errorf(apperr.EINVALID, "培训对象岗位无效：%s (audience.roles: one of %s)", r, strings.Join(Roles, ", "))
		}
	}
	for _, tier := range slices.Concat(t.Audience.Tiers, t.Audience.ListingTiers) {
		if tierZH[tier] == "" {
			return apperr.Errorf(apperr.EINVALID, "培训对象梯度无效：%s (audience.tiers: innovative, srdi or little_giant)", tier)
		}
	}
	return nil
}

// AudienceJSON is the audience as stored.
func (t *Training) AudienceJSON() string {
	b, _ := json.Marshal(t.Audience) // a struct of string slices always marshals
	return string(b)
}

// Sign-up statuses.
const (
	SignupConfirmed  = "confirmed"
	SignupWaitlisted = "waitlisted"
	SignupCancelled  = "cancelled"
)

// SignupStatusZH names the sign-up statuses.
var SignupStatusZH = map[string]string{SignupConfirmed: "已报名", SignupWaitlisted: "候补", SignupCancelled: "已取消"}

// Signup is an enterprise's sign-up for a session.
type Signup struct {
	ID           int64     `json:"id"`
	TrainingID   int64     `json:"training_id"`
	EnterpriseID int64     `json:"enterprise_id"`
	Attendee     string    `json:"attendee"`
	Role         string    `json:"attendee_role"`
	ListingPlan  bool      `json:"listing_plan"`
	Status       string    `json:"status"`
	Position     int       `json:"position,omitempty"` // place on the waitlist, 1 first
	Version      int64     `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`

	EnterpriseName string    `json:"enterprise_name,omitempty"`
	Region         string    `json:"region,omitempty"`
	CheckedInAt    time.Time `json:"checked_in_at,omitzero"`

	TrainingTitle string       `json:"training_title,omitempty"`
	TrainingLevel string       `json:"training_level,omitempty"`
	TrainingDate  profile.Date `json:"training_date,omitzero"`
}

// Validate normalises s and refuses it naming the first bad field.
func (s *Signup) Validate() error {
	s.Attendee = strings.TrimSpace(s.Attendee)
	switch {
	case s.Attendee == "" || utf8.RuneCountInString(s.Attendee) > 50:
		return apperr.Errorf(apperr.EINVALID, "参训人员姓名必填，且不超过 50 字 (attendee: required, at most 50 characters)")
	case RoleZH[s.Role] == "":
		return apperr.Errorf(apperr.EINVALID, "参训人员岗位无效 (attendee_role: one of %s)", strings.Join(Roles, ", "))
	}
	return nil
}
