package programme

import (
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Event kinds: the expos the plan names and the 专题活动 of 进阶小巨人.
// (政银企对接会 belong to the finance part.)
var EventKinds = []string{"expo", "apec", "topic"}

// EventKindZH names the kinds.
var EventKindZH = map[string]string{"expo": "中国国际中小企业博览会", "apec": "APEC中小企业技术交流暨展览会",
	"topic": "“进阶小巨人”专题活动"}

// Event is an expo or an event.
type Event struct {
	ID        int64        `json:"id"`
	Kind      string       `json:"kind"`
	Title     string       `json:"title"`
	Date      profile.Date `json:"date"`
	Place     string       `json:"place,omitempty"`
	Organizer string       `json:"organizer,omitempty"`
	Version   int64        `json:"version"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`

	Participants int `json:"participants"` // filled by the store's list
	Attended     int `json:"attended"`
}

// Validate normalises e and refuses it naming the first bad field.
func (e *Event) Validate() error {
	e.Title, e.Place, e.Organizer = strings.TrimSpace(e.Title), strings.TrimSpace(e.Place), strings.TrimSpace(e.Organizer)
	switch {
	case EventKindZH[e.Kind] == "":
		return apperr.Errorf(apperr.EINVALID, "活动类型无效 (kind: expo, apec or topic)")
	case e.Title == "" || utf8.RuneCountInString(e.Title) > 100:
		return apperr.Errorf(apperr.EINVALID, "活动名称必填，且不超过 100 字 (title: required, at most 100 characters)")
	case e.Date.IsZero():
		return apperr.Errorf(apperr.EINVALID, "活动日期必填 (date: required, YYYY-MM-DD)")
	}
	return nil
}

// Participant roles.
var ParticipantRoleZH = map[string]string{"exhibitor": "参展企业", "invitee": "受邀企业"}

// Participant is an enterprise at an event.
type Participant struct {
	ID           int64     `json:"id"`
	EventID      int64     `json:"event_id"`
	EnterpriseID int64     `json:"enterprise_id"`
	Role         string    `json:"role"`
	Attended     bool      `json:"attended"`
	Deals        int       `json:"deals"`   // 达成意向或签约项目数
	Outcome      string    `json:"outcome"` // 成效
	Version      int64     `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`

	EnterpriseName string       `json:"enterprise_name,omitempty"`
	Region         string       `json:"region,omitempty"`
	EventTitle     string       `json:"event_title,omitempty"`
	EventKind      string       `json:"event_kind,omitempty"`
	EventDate      profile.Date `json:"event_date,omitzero"`
}

// Validate normalises p and refuses it naming the first bad field.
func (p *Participant) Validate() error {
	p.Outcome = strings.TrimSpace(p.Outcome)
	switch {
	case p.EnterpriseID == 0:
		return apperr.Errorf(apperr.EINVALID, "请选择企业 (enterprise_id: required)")
	case ParticipantRoleZH[p.Role] == "":
		return apperr.Errorf(apperr.EINVALID, "参与方式无效 (role: exhibitor or invitee)")
	case p.Deals < 0 || p.Deals > 10000:
		return apperr.Errorf(apperr.EINVALID, "成交项目数须在 0 至 10000 之间 (deals: 0 to 10000)")
	case utf8.RuneCountInString(p.Outcome) > 500:
		return apperr.Errorf(apperr.EINVALID, "成效不超过 500 字 (outcome: at most 500 characters)")
	}
	return nil
}
