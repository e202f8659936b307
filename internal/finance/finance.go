// Package finance is 专精特新贷 and the other money the plan brings to
// enterprises: consents (授权) to partner banks, financing demands and
// their referrals with the 5/15-working-day clocks, credit lines and loans
// under the tier caps, 政银企对接会, 专精特新险, the fund project reserve, the
// emergency bridging fund, central funds for 重点小巨人 paid in stages and
// the equipment and software subsidy. Money is int64 分; the parameters are
// data (Params). The package knows nothing of SQL or HTTP.
package finance

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Modes of 专精特新贷 (业务模式).
const (
	ModeDirect     = "direct"     // 直贷
	ModeGuarantee  = "guarantee"  // 银担合作
	ModeInvestment = "investment" // 投贷联动
)

// Modes lists the modes in the order forms offer them.
var Modes = []string{ModeDirect, ModeGuarantee, ModeInvestment}

// ModeZH names the modes as the scheme writes them.
var ModeZH = map[string]string{ModeDirect: "直贷", ModeGuarantee: "银担合作", ModeInvestment: "投贷联动"}

// Referral statuses.
const (
	ReferralPushed    = "pushed"    // 已推送，待答复
	ReferralAccepted  = "accepted"  // 已受理
	ReferralDeclined  = "declined"  // 不予受理
	ReferralLent      = "lent"      // 已放款/授信
	ReferralWithdrawn = "withdrawn" // 企业撤回
)

// ReferralZH names the referral statuses.
var ReferralZH = map[string]string{ReferralPushed: "待答复", ReferralAccepted: "已受理", ReferralDeclined: "不予受理",
	ReferralLent: "已授信", ReferralWithdrawn: "已撤回"}

// Consent is an enterprise's authorisation (授权) for a partner bank, or for
// every partner bank (BankID 0), to read the named scopes of its data for a
// purpose until ExpiresAt; revoking it ends it at once.
type Consent struct {
	ID           int64      `json:"id"`
	EnterpriseID int64      `json:"enterprise_id"`
	BankID       int64      `json:"bank_id,omitempty"` // 0: all partner banks
	BankName     string     `json:"bank_name,omitempty"`
	All          bool       `json:"all"`
	Scope        []string   `json:"scope"`
	Purpose      string     `json:"purpose"`
	TextHash     string     `json:"text_hash"`
	GrantedBy    int64      `json:"granted_by"`
	GrantedAt    time.Time  `json:"granted_at"`
	ExpiresAt    time.Time  `json:"expires_at"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	RevokedBy    int64      `json:"revoked_by,omitempty"`
	Version      int64      `json:"version"`
}

// Live reports whether the consent holds at t.
func (c *Consent) Live(t time.Time) bool { return c.RevokedAt == nil && t.Before(c.ExpiresAt) }

// ConsentRequest is what an enterprise grants: a bank or all, the scopes,
// the purpose and the days it lasts (0: the default).
type ConsentRequest struct {
	BankID  int64
	All     bool
	Scope   []string
	Purpose string
	Days    int
}

// Check validates r against p, naming the first bad field, and fills the
// defaults: the basic scope is always part of a consent (a bank cannot
// even list an enterprise without its name), and the days default.
func (r *ConsentRequest) Check(p *Params) error {
	switch {
	case r.All && r.BankID != 0:
		return errField("bank_id", "指定银行与“全部合作银行”只能选其一", "give bank_id or all, not both")
	case !r.All && r.BankID <= 0:
		return errField("bank_id", "请选择授权的合作银行，或授权全部合作银行", "required unless all is true")
	case r.Days < 0 || r.Days > p.Consent.MaxDays:
		return errField("days", fmt.Sprintf("授权有效期应为 1 至 %d 天", p.Consent.MaxDays), fmt.Sprintf("between 1 and %d", p.Consent.MaxDays))
	}
	for _, s := range r.Scope {
		if p.ScopeLabel(s) == "" {
			return errField("scope", "数据范围 "+s+" 无效", "one of "+strings.Join(p.ScopeNames(), ", "))
		}
	}
	if !slices.Contains(r.Scope, "basic") {
		r.Scope = append([]string{"basic"}, r.Scope...)
	}
	r.Scope = sortedScopes(p, r.Scope)
	r.Purpose = strings.TrimSpace(r.Purpose)
	if r.Purpose == "" {
		r.Purpose = "专精特新贷融资对接"
	}
	if utf8.RuneCountInString(r.Purpose) > 200 {
		return errField("purpose", "授权用途不超过 200 字", "at most 200 characters")
	}
	if r.Days == 0 {
		r.Days = p.Consent.DefaultDays
	}
	return nil
}

// sortedScopes returns the distinct scopes in the parameters' order, so one
// set of scopes is always stored the same way.
func sortedScopes(p *Params, in []string) []string {
	var out []string
	for _, n := range p.ScopeNames() {
		if slices.Contains(in, n) {
			out = append(out, n)
		}
	}
	return out
}

// ConsentText is the text an enterprise is shown and agrees to; its hash is
// kept with the consent so that what was agreed can be proved later.
func ConsentText(p *Params, enterpriseName, bankName string, scope []string, purpose string, days int) string {
	labels := make([]string, len(scope))
	for i, s := range scope {
		labels[i] = p.ScopeLabel(s)
	}
	return fmt.Sprintf("本企业（%s）授权%s在%d天内，为“%s”之目的，查询本企业在郑州市专精特新企业梯度培育平台中的以下数据：%s。"+
		"本授权可随时撤回，撤回后立即生效；每次查询均记入操作日志。",
		enterpriseName, bankName, days, purpose, strings.Join(labels, "、"))
}

// TextHash is the SHA-256 of text, in hex.
func TextHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// RoomFen is what remains under the cap: never negative.
func RoomFen(capFen, usedFen int64) int64 {
	if usedFen >= capFen {
		return 0
	}
	return capFen - usedFen
}

// YuanText writes an amount in 分 as 元 with two decimals and thousands
// separators ("12,345.67"), exactly: no float is involved.
func YuanText(fen int64) string {
	neg := fen < 0
	if neg {
		fen = -fen
	}
	s := fmt.Sprint(fen / 100)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := fmt.Sprintf("%s.%02d", b.String(), fen%100)
	if neg {
		return "-" + out
	}
	return out
}

// WanText writes an amount in 分 as 万元, exact to the 分 (4 + 2 decimals
// trimmed of trailing zeros): 1000000000 分 is "1000 万元".
func WanText(fen int64) string {
	w, r := fen/1000000, fen%1000000
	if r == 0 {
		return fmt.Sprintf("%d 万元", w)
	}
	frac := strings.TrimRight(fmt.Sprintf("%06d", r), "0")
	return fmt.Sprintf("%d.%s 万元", w, frac)
}

// BankEnterprise is an enterprise as a bank's list shows it: who it is,
// its tier, its cap and what all banks together have used of it (no bank's
// own share is shown to another).
type BankEnterprise struct {
	EnterpriseID int64  `json:"enterprise_id"`
	USCC         string `json:"uscc"`
	Name         string `json:"name"`
	Tier         string `json:"tier"`
	CapFen       int64  `json:"cap_fen"`
	UsedFen      int64  `json:"used_fen"`
	Region       string `json:"-"`
}

// RoomFen is the room left under the cap.
func (b *BankEnterprise) RoomFen() int64 { return RoomFen(b.CapFen, b.UsedFen) }

// ParseWan reads an amount typed in 万元 ("300", "12.5", "1,000.000001")
// into 分, exactly: at most six decimals (one 分 is 0.000001 万元), no sign.
func ParseWan(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(frac) > 6 || len(whole) > 9 {
		return 0, false
	}
	frac += strings.Repeat("0", 6-len(frac))
	var n int64
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int64(r-'0')
	}
	return n, true
}
