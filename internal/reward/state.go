package reward

import (
	"slices"

	"zjtx/internal/apperr"
)

// Run states (spec/workflows.md §5): 试算 → 待审核 → 已审核 → 公示中 → 公示结束 →
// 确认中 → 已出清单 → 已拨付, cancellable before the list is exported.
const (
	RunDraft         = "draft"
	RunPendingReview = "pending_review"
	RunApproved      = "approved"
	RunPublicizing   = "publicizing"
	RunPublicized    = "publicized"
	RunConfirming    = "confirming"
	RunExported      = "exported"
	RunPaid          = "paid"
	RunCancelled     = "cancelled"
)

// RunStates lists the run states in order.
var RunStates = []string{RunDraft, RunPendingReview, RunApproved, RunPublicizing, RunPublicized,
	RunConfirming, RunExported, RunPaid, RunCancelled}

// RunZH names the run states as officials do.
var RunZH = map[string]string{RunDraft: "试算", RunPendingReview: "待审核", RunApproved: "已审核",
	RunPublicizing: "公示中", RunPublicized: "公示结束", RunConfirming: "确认中", RunExported: "已出清单",
	RunPaid: "已拨付", RunCancelled: "已撤销"}

// Item statuses: 拟兑付 | 不予兑付 (reason) → 异议 (维持 / 撤销) → 已确认 | 放弃 |
// 逾期 → 已导出 → 已拨付 | 拨付失败.
const (
	ItemProposed  = "proposed"
	ItemExcluded  = "excluded"
	ItemWithdrawn = "withdrawn" // an objection upheld against it: 撤销
	ItemConfirmed = "confirmed"
	ItemWaived    = "waived"
	ItemLapsed    = "lapsed"
	ItemExported  = "exported"
	ItemPaid      = "paid"
	ItemFailed    = "failed"
)

// ItemZH names the item statuses.
var ItemZH = map[string]string{ItemProposed: "拟兑付", ItemExcluded: "不予兑付", ItemWithdrawn: "异议撤销",
	ItemConfirmed: "已确认", ItemWaived: "放弃", ItemLapsed: "逾期未确认", ItemExported: "已导出",
	ItemPaid: "已拨付", ItemFailed: "拨付失败"}

// Claiming reports whether an item in status s holds its claim on the
// recognition once its run is approved: the items that may still be paid,
// or were. A withdrawn, waived or lapsed item frees it for a later run.
func Claiming(s string) bool {
	switch s {
	case ItemProposed, ItemConfirmed, ItemExported, ItemPaid, ItemFailed:
		return true
	}
	return false
}

// Actions on a run and the states they lead from and to.
const (
	ActSubmit     = "submit"
	ActApprove    = "approve"
	ActReturn     = "return"
	ActPublicize  = "publicize"
	ActClose      = "close_publicity"
	ActConfirming = "start_confirmation"
	ActExport     = "export"
	ActPaid       = "paid"
	ActCancel     = "cancel"
)

type move struct {
	from []string
	to   string
	zh   string
}

var moves = map[string]move{
	ActSubmit:     {[]string{RunDraft}, RunPendingReview, "提交审核"},
	ActApprove:    {[]string{RunPendingReview}, RunApproved, "审核通过"},
	ActReturn:     {[]string{RunPendingReview}, RunDraft, "退回"},
	ActPublicize:  {[]string{RunApproved}, RunPublicizing, "发布公示"},
	ActClose:      {[]string{RunPublicizing}, RunPublicized, "结束公示"},
	ActConfirming: {[]string{RunPublicized}, RunConfirming, "开始账户确认"},
	ActExport:     {[]string{RunConfirming}, RunExported, "导出拨付清单"},
	ActPaid:       {[]string{RunExported}, RunPaid, "拨付完成"},
	ActCancel:     {[]string{RunDraft, RunPendingReview, RunApproved, RunPublicizing, RunPublicized, RunConfirming}, RunCancelled, "撤销"},
}

// Next returns the state action leads a run in state to, or the reason it
// cannot.
func Next(state, action string) (string, error) {
	m, ok := moves[action]
	if !ok {
		return "", apperr.Errorf(apperr.EINVALID, "未知的操作：%s", action)
	}
	if !slices.Contains(m.from, state) {
		return "", apperr.Errorf(apperr.ECONFLICT, "兑现批次处于“%s”，不能%s", RunZH[state], m.zh)
	}
	return m.to, nil
}

// Claimed reports whether a run in state holds its items' claims: from 已审核
// until it is cancelled.
func Claimed(state string) bool {
	switch state {
	case RunApproved, RunPublicizing, RunPublicized, RunConfirming, RunExported, RunPaid:
		return true
	}
	return false
}

// Publicity windows run 5 to 7 working days (spec/workflows.md §5).
const (
	MinPublicityDays     = 5
	MaxPublicityDays     = 7
	DefaultPublicityDays = 5
)

// Objection outcomes: 维持 keeps the item as it is, 撤销 withdraws it.
const (
	ObjectionOpen     = ""
	ObjectionUpheld   = "maintained" // 维持
	ObjectionWithdraw = "withdrawn"  // 撤销
)

// ObjectionZH names the outcomes.
var ObjectionZH = map[string]string{ObjectionOpen: "待处理", ObjectionUpheld: "维持", ObjectionWithdraw: "撤销"}
