// Package cultivation holds the backup lists (后备清单) of the bureau's
// gradient-cultivation plan: one list per tier, its entries and their
// statuses, and the inclusion rules (rules/inclusion/*.yaml) that fill the
// lists from the profile and the engine's report. It knows no SQL and no
// HTTP: the store keeps the entries, the pages and the API show them.
package cultivation

import (
	"fmt"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Tiers are the tiers with a backup list, lowest first (the ladder of the
// plan: 创新型 → 专精特新 → 小巨人).
var Tiers = []string{profile.TierInnovative, profile.TierSRDI, profile.TierLittleGiant}

var tierNames = map[string]string{
	profile.TierInnovative:  "创新型中小企业",
	profile.TierSRDI:        "专精特新中小企业",
	profile.TierLittleGiant: "专精特新“小巨人”企业",
}

// IsTier reports whether t has a backup list.
func IsTier(t string) bool { _, ok := tierNames[t]; return ok }

// TierName is the tier's official Chinese name.
func TierName(t string) string { return tierNames[t] }

// tierRank orders titles on the ladder, so that a higher title counts as
// holding the lower tier (a 小巨人 is not put on the 专精特新 list).
var tierRank = map[string]int{
	profile.TierTechSME:        0,
	profile.TierInnovative:     1,
	profile.TierSRDI:           2,
	profile.TierLittleGiant:    3,
	profile.TierKeyLittleGiant: 4,
}

// Entry statuses: 储备 → 培育 → 拟申报 → 已申报 → 已认定 | 未通过 | 移出.
const (
	StatusReserve     = "reserve"
	StatusCultivating = "cultivating"
	StatusToApply     = "to_apply"
	StatusApplied     = "applied"
	StatusRecognized  = "recognized"
	StatusRejected    = "rejected"
	StatusRemoved     = "removed"
)

// Statuses in the order of the workflow.
var Statuses = []string{StatusReserve, StatusCultivating, StatusToApply, StatusApplied,
	StatusRecognized, StatusRejected, StatusRemoved}

var statusNames = map[string]string{
	StatusReserve: "储备", StatusCultivating: "培育", StatusToApply: "拟申报", StatusApplied: "已申报",
	StatusRecognized: "已认定", StatusRejected: "未通过", StatusRemoved: "移出",
}

// IsStatus reports whether s is an entry status.
func IsStatus(s string) bool { _, ok := statusNames[s]; return ok }

// StatusName is the status as officials write it.
func StatusName(s string) string { return statusNames[s] }

// SourceManual is the source of an entry an official added by hand.
const SourceManual = "manual"

// Entry is one enterprise on one tier's backup list.
type Entry struct {
	ID           int64
	EnterpriseID int64
	Tier         string
	Status       string
	Reason       string // why the enterprise is on the list, in Chinese
	Source       string // the inclusion rule's id, or SourceManual
	Note         string // the reason given with the last status change
	AddedBy      int64  // the official who added a manual entry
	DecidedBy    int64  // the official whose decision holds; 0: the rules own the entry
	Since        time.Time
	UpdatedAt    time.Time
	Version      int64

	// Read with the entry for lists, from the enterprise row.
	USCC, Name, Region, RegionName, Industry string
	Outcome                                  string // the latest assessment's outcome for the tier, "" none
	AddedByName                              string
}

// Decided reports whether an official decided the entry by hand: the
// rules leave it as it is until an official changes it again.
func (e *Entry) Decided() bool { return e.DecidedBy != 0 }

// Filter selects entries of one tier's list.
type Filter struct {
	Tier     string
	Status   string
	Region   string
	Industry string // a GB/T 4754 code prefix
	Source   string // a rule id or SourceManual
	Tag      string // a 进阶小巨人 申报难题 tag of the enterprise's plan for the tier (plan.Tags)
	IDs      []int64
	Limit    int
	Offset   int
}

// Change is an official's status change of an entry.
type Change struct {
	Status string
	Note   string // the reason, required for 移出
}

// Problem is one thing wrong with an official's input, naming its field.
type Problem struct {
	Path      string // the API field
	Message   string // Chinese, for pages and the API
	MessageEN string
}

// Problems says what is wrong with the change, field by field.
func (c Change) Problems() []Problem {
	var out []Problem
	if !IsStatus(c.Status) {
		out = append(out, Problem{"status", "status：状态无效，应为 reserve、cultivating、to_apply、applied、recognized、rejected、removed 之一",
			"status must be one of reserve, cultivating, to_apply, applied, recognized, rejected, removed"})
	}
	if c.Status == StatusRemoved && c.Note == "" {
		out = append(out, Problem{"reason", "reason：移出后备清单须注明原因", "reason is required to remove an entry"})
	}
	return append(out, reasonProblems(c.Note)...)
}

// ReasonProblems says what is wrong with a reason an official adds an
// enterprise with by hand: it is required.
func ReasonProblems(reason string) []Problem {
	if reason == "" {
		return []Problem{{"reason", "reason：请填写纳入后备清单的原因", "reason is required"}}
	}
	return reasonProblems(reason)
}

func reasonProblems(reason string) []Problem {
	if len([]rune(reason)) > MaxReason {
		return []Problem{{"reason", fmt.Sprintf("reason：原因不能超过 %d 个字", MaxReason), fmt.Sprintf("reason is longer than %d characters", MaxReason)}}
	}
	return nil
}

// Check is Problems as one EINVALID error, or nil; the store checks every
// change with it.
func (c Change) Check() error { return invalidAs(c.Problems()) }

func invalidAs(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Message
	}
	return apperr.Errorf(apperr.EINVALID, "%s", strings.Join(msgs, "；"))
}

// CheckReason is ReasonProblems as one EINVALID error, or nil.
func CheckReason(reason string) error { return invalidAs(ReasonProblems(reason)) }

// MaxReason bounds a reason an official types.
const MaxReason = 500
