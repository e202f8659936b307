package reward

import (
	"time"

	"zjtx/internal/profile"
)

// Run is one 免申即享 兑现批次: a dry run of a policy and its way through
// review, 公示, confirmation and payment.
type Run struct {
	ID            int64     `json:"id"`
	PolicyID      int64     `json:"policy_id"`
	PolicyName    string    `json:"policy_name"`
	DocNo         string    `json:"doc_no"`
	State         string    `json:"state"`
	TotalFen      int64     `json:"total_fen"` // the sum over the items still to be paid
	BudgetFen     int64     `json:"budget_fen"`
	DataHash      string    `json:"data_hash"`
	PreparedBy    int64     `json:"prepared_by"`
	PreparedAt    time.Time `json:"prepared_at"`
	ApprovedBy    int64     `json:"approved_by,omitempty"`
	ApprovedAt    time.Time `json:"approved_at,omitzero"`
	Opinion       string    `json:"opinion"`
	NoticeNo      string    `json:"notice_no"`
	PublicityFrom string    `json:"publicity_from,omitempty"`
	PublicityTo   string    `json:"publicity_to,omitempty"`
	CancelReason  string    `json:"cancel_reason,omitempty"`
	Version       int64     `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`

	Items []*RunItem `json:"items,omitempty"` // in the caller's scope
}

// RunItem is a stored item of a run.
type RunItem struct {
	ID            int64  `json:"id"`
	RunID         int64  `json:"run_id"`
	Subject       string `json:"subject"`    // the policy's object: enterprise, carrier, cluster, prize
	SubjectID     int64  `json:"subject_id"` // the enterprise, carrier, cluster or contest entry
	Award         string `json:"award"`      // what of the subject is rewarded
	Holder        string `json:"holder,omitempty"`
	EnterpriseID  int64  `json:"enterprise_id,omitempty"` // the payee; absent when there is none
	RecognitionID int64  `json:"recognition_id,omitempty"`
	Name          string `json:"name"` // the payee's name, or the subject's when there is no payee
	USCC          string `json:"uscc"`
	Region        string `json:"region"`
	AmountFen     int64  `json:"amount_fen"`
	Status        string `json:"status"`
	Reason        string `json:"reason"`
	ReasonText    string `json:"reason_text"`
	Explanation   string `json:"explanation"`
	Claimed       bool   `json:"claimed"`
	AccountMasked string `json:"account_masked,omitempty"` // the confirmed account, masked
	Bank          string `json:"bank,omitempty"`
	Version       int64  `json:"version"`

	// Read with the item for an enterprise's own view.
	PolicyName string `json:"policy_name,omitempty"`
	RunState   string `json:"run_state,omitempty"`
	Year       int    `json:"year,omitempty"`
}

// Objection is one 异议 raised during 公示.
type Objection struct {
	ID        int64     `json:"id"`
	ItemID    int64     `json:"item_id"`
	RaisedBy  string    `json:"raised_by"`
	Content   string    `json:"content"`
	Outcome   string    `json:"outcome"` // "", maintained, withdrawn
	Decision  string    `json:"decision"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
}

// Account is an enterprise's confirmed bank account for rewards.
type Account struct {
	ID           int64  `json:"id"`
	EnterpriseID int64  `json:"enterprise_id"`
	Holder       string `json:"holder"`
	Bank         string `json:"bank"`
	AccountNo    string `json:"-"` // never in JSON: only the payment list shows it
	Masked       string `json:"account_masked"`
	Version      int64  `json:"version"`
}

// PaymentRow is a line of the payment list (拨付清单), columns as
// spec/workflows.md §5 names them.
type PaymentRow struct {
	ItemID    int64
	Name      string // 企业名称
	USCC      string // 统一社会信用代码
	Bank      string // 开户行
	AccountNo string // 账号, in full
	AmountFen int64  // 金额
	Policy    string // 政策
	DocNo     string // 文号
	Region    string // 区县, by name
}

// EarlierPayment is a reward paid before or outside ZJTX, imported so that
// 从高不重复 holds across years and systems.
type EarlierPayment struct {
	Row         int // the sheet's row, for errors
	USCC        string
	Tier        string // the recognition it rewarded
	DedupeGroup string
	PolicyName  string
	Year        int
	AmountFen   int64
	PaidOn      profile.Date
	Voucher     string
}

// FlagKeys returns the credit flags of f that are set, as flags.* keys.
func FlagKeys(f *profile.Flags) []string {
	if f == nil {
		return nil
	}
	var out []string
	for k, v := range map[string]*bool{"serious_dishonesty": f.SeriousDishonesty, "abnormal_list": f.AbnormalList,
		"tax_violation_3y": f.TaxViolation3y, "major_incident_3y": f.MajorIncident3y,
		"research_misconduct": f.ResearchMisconduct} {
		if v != nil && *v {
			out = append(out, k)
		}
	}
	return out
}

// RowError is a bad row of an uploaded sheet, in Chinese and English.
type RowError struct {
	Row       int    `json:"row"`
	Field     string `json:"field"`
	Column    string `json:"column"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}
