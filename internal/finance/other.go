package finance

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Matchmaking is a 政银企对接会: invited enterprises and banks, who came,
// and the demands and lines that arose from it.
type Matchmaking struct {
	ID        int64      `json:"id"`
	Title     string     `json:"title"`
	HeldOn    string     `json:"held_on"`
	Venue     string     `json:"venue,omitempty"`
	Region    string     `json:"region,omitempty"`
	Status    string     `json:"status"` // planned, held, cancelled
	Outcome   string     `json:"outcome,omitempty"`
	Invitees  []*Invitee `json:"invitees,omitempty"`
	Demands   int        `json:"demands"`   // demands that arose
	Lines     int        `json:"lines"`     // credit lines that arose
	LinesFen  int64      `json:"lines_fen"` // their amount
	CreatedAt time.Time  `json:"created_at"`
	Version   int64      `json:"version"`
}

// Check validates the meeting.
func (m *Matchmaking) Check() error {
	m.Title = strings.TrimSpace(m.Title)
	switch {
	case m.Title == "" || utf8.RuneCountInString(m.Title) > 100:
		return errField("title", "对接会名称必填，不超过 100 字", "required, at most 100 characters")
	case !isDate(m.HeldOn):
		return errField("held_on", "举办日期应为 YYYY-MM-DD", "a date YYYY-MM-DD")
	}
	if m.Status == "" {
		m.Status = "planned"
	}
	return nil
}

// Invitee is an enterprise or a bank invited to a meeting.
type Invitee struct {
	ID           int64  `json:"id"`
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
	BankID       int64  `json:"bank_id,omitempty"`
	Name         string `json:"name"`
	Attended     bool   `json:"attended"`
}

// InsuranceProduct is a 专精特新险 product.
type InsuranceProduct struct {
	ID          int64  `json:"id"`
	Insurer     string `json:"insurer"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Description string `json:"description,omitempty"`
}

// InsurancePolicy is a policy an enterprise took.
type InsurancePolicy struct {
	ID           int64  `json:"id"`
	ProductID    int64  `json:"product_id"`
	ProductName  string `json:"product_name,omitempty"`
	EnterpriseID int64  `json:"enterprise_id"`
	EnterpriseNm string `json:"enterprise_name,omitempty"`
	PolicyNo     string `json:"policy_no"`
	InsuredFen   int64  `json:"insured_fen"`
	PremiumFen   int64  `json:"premium_fen"`
	ValidFrom    string `json:"valid_from"`
	ValidTo      string `json:"valid_to"`
}

// Check validates the policy.
func (p *InsurancePolicy) Check() error {
	p.PolicyNo = strings.TrimSpace(p.PolicyNo)
	switch {
	case p.ProductID <= 0:
		return errField("product_id", "请选择保险产品", "required")
	case p.PolicyNo == "":
		return errField("policy_no", "保单号必填", "required")
	case p.InsuredFen <= 0:
		return errField("insured_fen", "保险金额应大于 0（单位：分）", "must be positive, in fen")
	case p.PremiumFen < 0:
		return errField("premium_fen", "保费不能为负", "must not be negative")
	case !isDate(p.ValidFrom) || !isDate(p.ValidTo) || p.ValidTo < p.ValidFrom:
		return errField("valid_to", "保险期间应为 YYYY-MM-DD，且止期不早于起期", "dates YYYY-MM-DD, to not before from")
	}
	return nil
}

// Fund project stages (基金项目储备库).
var FundStageZH = map[string]string{"reserve": "储备", "due_diligence": "尽职调查", "invested": "已投资", "exited": "已退出"}

// FundProject is an enterprise in the fund project reserve.
type FundProject struct {
	ID           int64     `json:"id"`
	EnterpriseID int64     `json:"enterprise_id"`
	EnterpriseNm string    `json:"enterprise_name,omitempty"`
	Fund         string    `json:"fund"`
	Stage        string    `json:"stage"`
	AmountFen    int64     `json:"amount_fen"`
	Note         string    `json:"note,omitempty"`
	UpdatedAt    time.Time `json:"updated_at"`
	Version      int64     `json:"version"`
}

// Check validates the project.
func (f *FundProject) Check() error {
	f.Fund = strings.TrimSpace(f.Fund)
	switch {
	case f.Fund == "":
		return errField("fund", "基金名称必填", "required")
	case FundStageZH[f.Stage] == "":
		return errField("stage", "阶段应为储备、尽职调查、已投资或已退出", "one of reserve, due_diligence, invested, exited")
	case f.AmountFen < 0:
		return errField("amount_fen", "金额不能为负", "must not be negative")
	}
	return nil
}

// BridgeZH names the states of an emergency bridging request (应急周转资金).
var BridgeZH = map[string]string{"pending": "待审批", "approved": "已批准", "rejected": "未批准", "repaid": "已归还"}

// BridgeRequest is a request to the emergency bridging fund.
type BridgeRequest struct {
	ID           int64      `json:"id"`
	EnterpriseID int64      `json:"enterprise_id"`
	EnterpriseNm string     `json:"enterprise_name,omitempty"`
	AmountFen    int64      `json:"amount_fen"`
	TermDays     int        `json:"term_days"`
	Purpose      string     `json:"purpose"`
	Status       string     `json:"status"`
	Outcome      string     `json:"outcome,omitempty"`
	DecidedAt    *time.Time `json:"decided_at,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	Version      int64      `json:"version"`
}

// Check validates a new request.
func (b *BridgeRequest) Check() error {
	b.Purpose = strings.TrimSpace(b.Purpose)
	switch {
	case b.AmountFen <= 0:
		return errField("amount_fen", "申请金额应大于 0（单位：分）", "must be positive, in fen")
	case b.TermDays <= 0 || b.TermDays > 90:
		return errField("term_days", "周转期限应为 1 至 90 天", "between 1 and 90")
	case b.Purpose == "":
		return errField("purpose", "用途必填（如续贷过桥）", "required")
	}
	return nil
}

// NextBridge checks a move of a bridging request: pending to approved or
// rejected, approved to repaid.
func NextBridge(from, to string) error {
	if (from == "pending" && (to == "approved" || to == "rejected")) || (from == "approved" && to == "repaid") {
		return nil
	}
	return errField("status", "不能从“"+BridgeZH[from]+"”改为“"+BridgeZH[to]+"”", "not allowed from "+from+" to "+to)
}

// CentralProject is a 重点小巨人 project supported by central funds, paid
// in stages, each after its review.
type CentralProject struct {
	ID           int64           `json:"id"`
	EnterpriseID int64           `json:"enterprise_id"`
	EnterpriseNm string          `json:"enterprise_name,omitempty"`
	Name         string          `json:"name"`
	Year         int             `json:"year"`
	TotalFen     int64           `json:"total_fen"`
	PaidFen      int64           `json:"paid_fen"`
	Stages       []*CentralStage `json:"stages"`
	Version      int64           `json:"version"`
}

// CentralStage is one payment stage.
type CentralStage struct {
	ID         int64      `json:"id"`
	Seq        int        `json:"seq"`
	AmountFen  int64      `json:"amount_fen"`
	Review     string     `json:"review"` // "", passed, failed
	ReviewedAt *time.Time `json:"reviewed_at,omitempty"`
	PaidAt     *time.Time `json:"paid_at,omitempty"`
	Version    int64      `json:"version"`
}

// Check validates a new project: the stages add up to the total exactly.
func (c *CentralProject) Check() error {
	c.Name = strings.TrimSpace(c.Name)
	var sum int64
	for _, s := range c.Stages {
		if s.AmountFen <= 0 {
			return errField("stages", "每期金额应大于 0（单位：分）", "each stage's amount must be positive")
		}
		sum += s.AmountFen
	}
	switch {
	case c.Name == "":
		return errField("name", "项目名称必填", "required")
	case c.Year < 2000 || c.Year > 2100:
		return errField("year", "年度无效", "a year")
	case len(c.Stages) == 0:
		return errField("stages", "至少一期拨付", "at least one stage")
	case sum != c.TotalFen:
		return errField("stages", "各期金额之和应等于项目支持资金总额", "the stages must add up to total_fen")
	}
	return nil
}

// CanPay checks that stage seq of stages may be paid: its review passed,
// it is unpaid, and every earlier stage is paid.
func CanPay(stages []*CentralStage, seq int) error {
	for _, s := range stages {
		switch {
		case s.Seq < seq && s.PaidAt == nil:
			return errField("seq", "须先拨付前一期", "an earlier stage is unpaid")
		case s.Seq == seq && s.PaidAt != nil:
			return errField("seq", "该期已拨付", "already paid")
		case s.Seq == seq && s.Review != "passed":
			return errField("seq", "该期评审未通过，不能拨付", "its review has not passed")
		case s.Seq == seq:
			return nil
		}
	}
	return errField("seq", "没有这一期", "no such stage")
}

// Invoice is a declared invoice of equipment or software bought.
type Invoice struct {
	InvoiceNo  string `json:"invoice_no"`
	Kind       string `json:"kind"` // equipment, software
	IssuedOn   string `json:"issued_on"`
	AmountFen  int64  `json:"amount_fen"`
	Qualifying bool   `json:"qualifying"`
	Reason     string `json:"reason,omitempty"`
}

// Subsidy is an enterprise's declaration of the equipment and software
// subsidy for one year, with what it qualifies for.
type Subsidy struct {
	ID            int64      `json:"id"`
	EnterpriseID  int64      `json:"enterprise_id"`
	EnterpriseNm  string     `json:"enterprise_name,omitempty"`
	Year          int        `json:"year"`
	QualifyingFen int64      `json:"qualifying_fen"`
	SubsidyFen    int64      `json:"subsidy_fen"`
	Rule          string     `json:"rule"`
	Status        string     `json:"status"`
	Invoices      []*Invoice `json:"invoices"`
	Version       int64      `json:"version"`
}

// Compute marks each invoice qualifying or not and computes the subsidy:
// rate of the qualifying spend, rounded down to the 分, at most the cap.
// An invoice qualifies when it is equipment or software, issued in the
// declared year (the 年度投资计算区间), and not declared twice; the holder
// must be a 小巨人 in validity (checked by the caller, who knows titles).
func (s *Subsidy) Compute(p *Params) error {
	if s.Year < 2000 || s.Year > 2100 {
		return errField("year", "年度无效", "a year")
	}
	if len(s.Invoices) == 0 {
		return errField("invoices", "至少申报一张发票", "at least one invoice")
	}
	seen := map[string]bool{}
	s.QualifyingFen = 0
	for i, inv := range s.Invoices {
		inv.InvoiceNo = strings.TrimSpace(inv.InvoiceNo)
		switch {
		case inv.InvoiceNo == "":
			return errField("invoices", "第 "+strconv.Itoa(i+1)+" 张发票缺少发票号", "invoice_no required")
		case inv.Kind != "equipment" && inv.Kind != "software":
			return errField("invoices", "第 "+strconv.Itoa(i+1)+" 张发票类别应为设备或软件", "kind equipment or software")
		case inv.AmountFen <= 0:
			return errField("invoices", "第 "+strconv.Itoa(i+1)+" 张发票金额应大于 0", "amount_fen must be positive")
		case !isDate(inv.IssuedOn):
			return errField("invoices", "第 "+strconv.Itoa(i+1)+" 张发票开票日期应为 YYYY-MM-DD", "issued_on a date")
		}
		inv.Qualifying, inv.Reason = true, ""
		switch {
		case seen[inv.InvoiceNo]:
			inv.Qualifying, inv.Reason = false, "发票重复申报"
		case inv.IssuedOn[:4] != strconv.Itoa(s.Year):
			inv.Qualifying, inv.Reason = false, "不在年度投资计算区间内"
		}
		seen[inv.InvoiceNo] = true
		if inv.Qualifying {
			s.QualifyingFen += inv.AmountFen
		}
	}
	s.SubsidyFen = SubsidyFen(p, s.QualifyingFen)
	s.Rule = p.Name
	if s.Status == "" {
		s.Status = "declared"
	}
	return nil
}

// SubsidyFen is rate_bp/10000 of qualifying, rounded down to the 分 (the
// state never pays a fraction it did not owe), capped.
func SubsidyFen(p *Params, qualifyingFen int64) int64 {
	v := qualifyingFen / 10000 * p.Subsidy.RateBP
	v += qualifyingFen % 10000 * p.Subsidy.RateBP / 10000
	if p.Subsidy.CapFen > 0 && v > p.Subsidy.CapFen {
		return p.Subsidy.CapFen
	}
	return v
}
