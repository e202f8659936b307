// Package hub is the service hub (一张网): institutions, their products and
// packages, enterprises' demands and their matching. Partner banks of
// 专精特新贷 are institutions too (kind financial, PartnerBank set), so a
// bank account belongs to one record like an institution account does.
package hub

import (
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
)

// Kinds of institution (机构类型).
const (
	KindPlatform    = "platform"    // 公共服务平台
	KindService     = "service"     // 服务机构
	KindAcademic    = "academic"    // 高校/科研院所
	KindAssociation = "association" // 行业协会
	KindFinancial   = "financial"   // 金融机构
	KindOverseas    = "overseas"    // 出海服务平台
)

// Kinds lists the kinds in the order pages offer them.
var Kinds = []string{KindPlatform, KindService, KindAcademic, KindAssociation, KindFinancial, KindOverseas}

// KindZH names the kinds as the plan writes them.
var KindZH = map[string]string{
	KindPlatform: "公共服务平台", KindService: "服务机构", KindAcademic: "高校/科研院所",
	KindAssociation: "行业协会", KindFinancial: "金融机构", KindOverseas: "出海服务平台",
}

// Statuses of an institution on the platform (入驻).
const (
	StatusPending   = "pending"   // 待审核
	StatusApproved  = "approved"  // 已入驻
	StatusSuspended = "suspended" // 已暂停
)

// StatusZH names the statuses.
var StatusZH = map[string]string{StatusPending: "待审核", StatusApproved: "已入驻", StatusSuspended: "已暂停"}

// Institution is a service institution or a partner bank.
type Institution struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Level        string `json:"level,omitempty"`  // national, provincial, municipal, district
	Region       string `json:"region,omitempty"` // district code; "" for city-wide
	USCC         string `json:"uscc,omitempty"`
	ContactName  string `json:"contact_name,omitempty"`
	ContactPhone string `json:"contact_phone,omitempty"`
	Status       string `json:"status"`
	PartnerBank  bool   `json:"partner_bank"` // a 专精特新贷 partner bank (合作银行)
	// RegionsServed are the districts it serves; empty for the whole city.
	RegionsServed []string  `json:"regions_served"`
	Intro         string    `json:"intro,omitempty"`
	Version       int64     `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Validate checks the fields a store needs, naming the first bad one.
func (in *Institution) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "" || utf8.RuneCountInString(in.Name) > 100:
		return apperr.Errorf(apperr.EINVALID, "机构名称必填，且不超过 100 字 (name: required, at most 100 characters)")
	case KindZH[in.Kind] == "":
		return apperr.Errorf(apperr.EINVALID, "机构类型无效 (kind: one of %s)", strings.Join(Kinds, ", "))
	case in.Status != "" && StatusZH[in.Status] == "":
		return apperr.Errorf(apperr.EINVALID, "入驻状态无效 (status: pending, approved or suspended)")
	case in.PartnerBank && in.Kind != KindFinancial:
		return apperr.Errorf(apperr.EINVALID, "只有金融机构可以是合作银行 (partner_bank: only a financial institution)")
	}
	if in.Status == "" {
		in.Status = StatusPending
	}
	return nil
}
