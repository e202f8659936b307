package hub

import (
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
)

// ResearchResult is a 科技成果 a university, institute or key laboratory
// offers for transfer (科技成果赋智).
type ResearchResult struct {
	ID            int64     `json:"id"`
	InstitutionID int64     `json:"institution_id"`
	Institution   string    `json:"institution,omitempty"`
	Title         string    `json:"title"`
	Field         string    `json:"field"`
	Chains        []string  `json:"chains"`
	Maturity      string    `json:"maturity"` // lab, pilot, industrial
	Description   string    `json:"description"`
	CreatedAt     time.Time `json:"created_at"`
}

// MaturityZH names the maturity of a result.
var MaturityZH = map[string]string{"lab": "实验室阶段", "pilot": "中试阶段", "industrial": "可产业化"}

// Validate names the first bad field of a research result.
func (r *ResearchResult) Validate(cat *Catalog) error {
	r.Title = strings.TrimSpace(r.Title)
	switch {
	case r.Title == "" || utf8.RuneCountInString(r.Title) > 100:
		return apperr.Errorf(apperr.EINVALID, "成果名称必填，且不超过 100 字 (title: required, at most 100 characters)")
	case MaturityZH[r.Maturity] == "":
		return apperr.Errorf(apperr.EINVALID, "成熟度无效 (maturity: lab, pilot or industrial)")
	}
	return checkChains(cat, r.Chains)
}

// Pilot is a 中试 of a research result in an enterprise.
type Pilot struct {
	ID            int64     `json:"id"`
	ResearchID    int64     `json:"research_id,omitempty"`
	InstitutionID int64     `json:"institution_id"`
	EnterpriseID  int64     `json:"enterprise_id"`
	Enterprise    string    `json:"enterprise,omitempty"`
	Title         string    `json:"title"`
	Status        string    `json:"status"` // running, succeeded, failed
	StartedOn     string    `json:"started_on"`
	FinishedOn    string    `json:"finished_on,omitempty"`
	Note          string    `json:"note,omitempty"`
	Version       int64     `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Pilot statuses.
const (
	PilotRunning   = "running"
	PilotSucceeded = "succeeded"
	PilotFailed    = "failed"
)

// PilotStatusZH names the statuses.
var PilotStatusZH = map[string]string{PilotRunning: "中试中", PilotSucceeded: "中试成功", PilotFailed: "中试未成功"}

// Validate names the first bad field of a new pilot.
func (p *Pilot) Validate() error {
	p.Title = strings.TrimSpace(p.Title)
	if p.Status == "" {
		p.Status = PilotRunning
	}
	switch {
	case p.Title == "" || utf8.RuneCountInString(p.Title) > 100:
		return apperr.Errorf(apperr.EINVALID, "中试项目名称必填，且不超过 100 字 (title: required, at most 100 characters)")
	case p.EnterpriseID <= 0:
		return apperr.Errorf(apperr.EINVALID, "请指定中试企业 (enterprise_id: required)")
	case PilotStatusZH[p.Status] == "":
		return apperr.Errorf(apperr.EINVALID, "中试状态无效 (status: running, succeeded or failed)")
	}
	if _, err := time.Parse(time.DateOnly, p.StartedOn); err != nil {
		return apperr.Errorf(apperr.EINVALID, "中试开始日期应为 年-月-日 (started_on: YYYY-MM-DD)")
	}
	return nil
}

// Bottleneck is a 卡脖子 problem on a chain's list for 技术攻关.
type Bottleneck struct {
	ID          int64     `json:"id"`
	Chain       string    `json:"chain"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Status      string    `json:"status"` // open, tackling, solved
	CreatedAt   time.Time `json:"created_at"`
}

// BottleneckStatusZH names the statuses.
var BottleneckStatusZH = map[string]string{"open": "待攻关", "tackling": "攻关中", "solved": "已突破"}

// Validate names the first bad field of a bottleneck.
func (b *Bottleneck) Validate(cat *Catalog) error {
	b.Title = strings.TrimSpace(b.Title)
	if b.Status == "" {
		b.Status = "open"
	}
	switch {
	case !cat.IsChain(b.Chain):
		return apperr.Errorf(apperr.EINVALID, "产业链“%s”不在重点产业链中 (chain: one of the key industrial chains)", b.Chain)
	case b.Title == "" || utf8.RuneCountInString(b.Title) > 100:
		return apperr.Errorf(apperr.EINVALID, "攻关事项名称必填，且不超过 100 字 (title: required, at most 100 characters)")
	case BottleneckStatusZH[b.Status] == "":
		return apperr.Errorf(apperr.EINVALID, "攻关状态无效 (status: open, tackling or solved)")
	}
	return nil
}

// JointProject is a 联合攻关 project on a bottleneck: the chain leader, SMEs,
// universities and institutes, with milestones and results.
type JointProject struct {
	ID           int64         `json:"id"`
	BottleneckID int64         `json:"bottleneck_id,omitempty"`
	Title        string        `json:"title"`
	Status       string        `json:"status"` // running, done, stopped
	Result       string        `json:"result,omitempty"`
	Participants []Participant `json:"participants"`
	Milestones   []Milestone   `json:"milestones"`
	Version      int64         `json:"version"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// Participant is an enterprise or institution in a joint project.
type Participant struct {
	EnterpriseID  int64  `json:"enterprise_id,omitempty"`
	InstitutionID int64  `json:"institution_id,omitempty"`
	Name          string `json:"name,omitempty"`
	Role          string `json:"role"` // chain_leader, sme, university, institute
}

// ParticipantRoleZH names the roles.
var ParticipantRoleZH = map[string]string{"chain_leader": "链主企业", "sme": "中小企业", "university": "高校", "institute": "科研院所"}

// Milestone is a step of a joint project.
type Milestone struct {
	Title  string `json:"title"`
	DueOn  string `json:"due_on"`
	DoneOn string `json:"done_on,omitempty"`
}

// Validate names the first bad field of a new joint project.
func (p *JointProject) Validate() error {
	p.Title = strings.TrimSpace(p.Title)
	if p.Status == "" {
		p.Status = "running"
	}
	if p.Title == "" || utf8.RuneCountInString(p.Title) > 100 {
		return apperr.Errorf(apperr.EINVALID, "攻关项目名称必填，且不超过 100 字 (title: required, at most 100 characters)")
	}
	if len(p.Participants) == 0 {
		return apperr.Errorf(apperr.EINVALID, "攻关项目至少有一个参与方 (participants: at least one)")
	}
	for i, x := range p.Participants {
		if ParticipantRoleZH[x.Role] == "" || (x.EnterpriseID == 0) == (x.InstitutionID == 0) {
			return apperr.Errorf(apperr.EINVALID, "第 %d 个参与方：须为一家企业或一家机构，角色为链主企业、中小企业、高校或科研院所 (participants[%d]: one of enterprise_id or institution_id, role chain_leader, sme, university or institute)", i+1, i)
		}
	}
	for i, m := range p.Milestones {
		if _, err := time.Parse(time.DateOnly, m.DueOn); err != nil || strings.TrimSpace(m.Title) == "" {
			return apperr.Errorf(apperr.EINVALID, "第 %d 个里程碑：名称必填，日期应为 年-月-日 (milestones[%d]: title required, due_on YYYY-MM-DD)", i+1, i)
		}
	}
	return nil
}
