package finance

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/workday"
)

// CST is the bureau's time zone: working days are its calendar days.
var CST = time.FixedZone("CST", 8*3600)

// Demand is an enterprise's financing demand (融资需求), pushed to the banks
// it chose as referrals.
type Demand struct {
	ID            int64       `json:"id"`
	EnterpriseID  int64       `json:"enterprise_id"`
	EnterpriseNm  string      `json:"enterprise_name,omitempty"`
	AmountFen     int64       `json:"amount_fen"`
	TermMonths    int         `json:"term_months"`
	Purpose       string      `json:"purpose"`
	Mode          string      `json:"mode"`
	BankIDs       []int64     `json:"bank_ids"`
	Status        string      `json:"status"`
	MatchmakingID int64       `json:"matchmaking_id,omitempty"`
	CreatedAt     time.Time   `json:"created_at"`
	Version       int64       `json:"version"`
	Referrals     []*Referral `json:"referrals,omitempty"`
}

// Check validates the demand, naming the first bad field.
func (d *Demand) Check() error {
	d.Purpose = strings.TrimSpace(d.Purpose)
	switch {
	case d.AmountFen <= 0:
		return errField("amount_fen", "融资金额应大于 0（单位：分）", "must be positive, in fen")
	case d.TermMonths <= 0 || d.TermMonths > 120:
		return errField("term_months", "期限应为 1 至 120 个月", "between 1 and 120")
	case d.Purpose == "" || utf8.RuneCountInString(d.Purpose) > 200:
		return errField("purpose", "融资用途必填，不超过 200 字", "required, at most 200 characters")
	case ModeZH[d.Mode] == "":
		return errField("mode", "业务模式应为直贷、银担合作或投贷联动", "one of direct, guarantee, investment")
	case len(d.BankIDs) == 0:
		return errField("bank_ids", "请至少选择一家合作银行", "at least one bank")
	}
	slices.Sort(d.BankIDs)
	d.BankIDs = slices.Compact(d.BankIDs)
	return nil
}

// Referral is a demand pushed to one bank, with its two clocks.
type Referral struct {
	ID           int64      `json:"id"`
	DemandID     int64      `json:"demand_id"`
	EnterpriseID int64      `json:"enterprise_id"`
	EnterpriseNm string     `json:"enterprise_name,omitempty"`
	Region       string     `json:"region,omitempty"`
	BankID       int64      `json:"bank_id"`
	BankName     string     `json:"bank_name,omitempty"`
	AmountFen    int64      `json:"amount_fen"`
	Mode         string     `json:"mode"`
	Status       string     `json:"status"`
	PushedAt     time.Time  `json:"pushed_at"`
	ReplyDue     time.Time  `json:"reply_due"`
	LoanDue      time.Time  `json:"loan_due"`
	AnsweredAt   *time.Time `json:"answered_at,omitempty"`
	Reason       string     `json:"reason,omitempty"`
	LentAt       *time.Time `json:"lent_at,omitempty"`
	Version      int64      `json:"version"`
	Overdue      string     `json:"overdue,omitempty"` // "", reply, loan
}

// Clocks returns a referral's reply and loan deadlines: the end of the
// reply_workdays-th and loan_workdays-th working day after it was pushed,
// counted on the bureau's calendar (holidays and 调休 included).
func Clocks(p *Params, cal *workday.Calendar, pushed time.Time) (replyDue, loanDue time.Time) {
	t := pushed.In(CST)
	replyDue = workday.EndOfDay(cal.Add(t, p.Referral.ReplyWorkdays)).UTC()
	loanDue = workday.EndOfDay(cal.Add(t, p.Referral.LoanWorkdays)).UTC()
	return replyDue, loanDue
}

// OverdueAt says which clock of r has run out at now: "reply" when a
// pushed referral is not answered by its reply due, "loan" when an
// accepted one has not lent by its loan due, "" otherwise.
func (r *Referral) OverdueAt(now time.Time) string {
	switch {
	case r.Status == ReferralPushed && now.After(r.ReplyDue):
		return "reply"
	case (r.Status == ReferralPushed || r.Status == ReferralAccepted) && now.After(r.LoanDue):
		return "loan"
	}
	return ""
}

// CanAnswer checks a bank's answer: accepted or declined (with a reason),
// from pushed only.
func (r *Referral) CanAnswer(answer, reason string) error {
	switch {
	case r.Status != ReferralPushed:
		return errField("status", "该推送已答复（"+ReferralZH[r.Status]+"）", "already answered")
	case answer != ReferralAccepted && answer != ReferralDeclined:
		return errField("answer", "答复应为受理或不予受理", "accepted or declined")
	case answer == ReferralDeclined && strings.TrimSpace(reason) == "":
		return errField("reason", "不予受理须说明原因", "required when declined")
	}
	return nil
}

// Line is a credit line (授信) a bank granted.
type Line struct {
	ID            int64     `json:"id"`
	EnterpriseID  int64     `json:"enterprise_id"`
	EnterpriseNm  string    `json:"enterprise_name,omitempty"`
	BankID        int64     `json:"bank_id"`
	BankName      string    `json:"bank_name,omitempty"`
	ReferralID    int64     `json:"referral_id,omitempty"`
	MatchmakingID int64     `json:"matchmaking_id,omitempty"`
	AmountFen     int64     `json:"amount_fen"`
	Mode          string    `json:"mode"`
	Guarantor     string    `json:"guarantor,omitempty"`
	ValidTo       string    `json:"valid_to"` // YYYY-MM-DD
	Status        string    `json:"status"`
	CreatedAt     time.Time `json:"created_at"`
	Version       int64     `json:"version"`
}

// Check validates the line.
func (l *Line) Check() error {
	l.Guarantor = strings.TrimSpace(l.Guarantor)
	switch {
	case l.EnterpriseID <= 0:
		return errField("enterprise_id", "请指定企业", "required")
	case l.AmountFen <= 0:
		return errField("amount_fen", "授信金额应大于 0（单位：分）", "must be positive, in fen")
	case ModeZH[l.Mode] == "":
		return errField("mode", "业务模式应为直贷、银担合作或投贷联动", "one of direct, guarantee, investment")
	case l.Mode == ModeGuarantee && l.Guarantor == "":
		return errField("guarantor", "银担合作须填写担保机构", "required for mode guarantee")
	case !isDate(l.ValidTo):
		return errField("valid_to", "授信有效期至应为 YYYY-MM-DD", "a date YYYY-MM-DD")
	}
	return nil
}

// Loan is one drawing (借据).
type Loan struct {
	ID           int64     `json:"id"`
	EnterpriseID int64     `json:"enterprise_id"`
	EnterpriseNm string    `json:"enterprise_name,omitempty"`
	BankID       int64     `json:"bank_id"`
	LineID       int64     `json:"line_id,omitempty"`
	NoteNo       string    `json:"note_no"`
	AmountFen    int64     `json:"amount_fen"`
	SpreadBP     int       `json:"spread_bp"` // over LPR
	TermMonths   int       `json:"term_months"`
	Renewal      bool      `json:"renewal"`
	LongTerm     bool      `json:"long_term"`
	DrawnOn      string    `json:"drawn_on"`
	Status       string    `json:"status"`
	CreatedAt    time.Time `json:"created_at"`
	Version      int64     `json:"version"`
}

// Check validates the loan.
func (l *Loan) Check() error {
	l.NoteNo = strings.TrimSpace(l.NoteNo)
	switch {
	case l.EnterpriseID <= 0:
		return errField("enterprise_id", "请指定企业", "required")
	case l.NoteNo == "" || utf8.RuneCountInString(l.NoteNo) > 64:
		return errField("note_no", "借据号必填，不超过 64 字符", "required, at most 64 characters")
	case l.AmountFen <= 0:
		return errField("amount_fen", "放款金额应大于 0（单位：分）", "must be positive, in fen")
	case l.SpreadBP < -500 || l.SpreadBP > 1000:
		return errField("spread_bp", "利率加点应在 -500 至 1000 个基点之间", "between -500 and 1000 basis points")
	case l.TermMonths <= 0 || l.TermMonths > 120:
		return errField("term_months", "期限应为 1 至 120 个月", "between 1 and 120")
	case !isDate(l.DrawnOn):
		return errField("drawn_on", "放款日期应为 YYYY-MM-DD", "a date YYYY-MM-DD")
	}
	if l.TermMonths > 12 {
		l.LongTerm = true // 中长期: over one year, by definition
	}
	return nil
}

// CheckRoom refuses an amount that would take the enterprise over its
// tier cap across all banks: usedFen is every bank's active lines and
// loans outside a line.
func CheckRoom(capFen, usedFen, amountFen int64) error {
	if capFen == 0 {
		return errField("enterprise_id", "该企业未持有有效的梯度称号，不属于专精特新贷支持范围", "not eligible: no valid title")
	}
	if usedFen+amountFen > capFen {
		return errField("amount_fen", "超出该企业专精特新贷剩余额度 "+WanText(RoomFen(capFen, usedFen)),
			"over the remaining room under the tier cap")
	}
	return nil
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
