package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
	"zjtx/internal/reward"
)

// SheetRewardPayments is the sheet of a run's payment list.
const SheetRewardPayments = "拨付清单"

// RewardPaymentList writes the payment list (拨付清单) with the columns of
// spec/workflows.md §5. The account and the amount are text: a bank's
// account number is longer than a spreadsheet number keeps, and the amount
// is exact to the 分 as written ("2000000.00"), never a float.
func RewardPaymentList(w io.Writer, rows []reward.PaymentRow) error {
	cols := []TableColumn{{Header: "企业名称", Width: 36}, {Header: "统一社会信用代码", Width: 24}, {Header: "开户行", Width: 28},
		{Header: "账号", Width: 26}, {Header: "金额", Width: 16}, {Header: "政策", Width: 36}, {Header: "文号", Width: 36},
		{Header: "区县", Width: 16}}
	return Table(w, SheetRewardPayments, cols, func(yield func([]any, error) bool) {
		for _, r := range rows {
			amount := strings.ReplaceAll(reward.FormatFen(r.AmountFen), ",", "")
			if !yield([]any{r.Name, r.USCC, r.Bank, r.AccountNo, amount, r.Policy, r.DocNo, r.Region}, nil) {
				return
			}
		}
	})
}

// earlierPaymentColumns are the columns of a sheet of earlier payments.
var earlierPaymentColumns = []Column{
	{Header: "统一社会信用代码", Path: "uscc", Kind: KindCode},
	{Header: "企业名称", Path: "name"},
	{Header: "梯度", Path: "tier"},
	{Header: "政策", Path: "policy_name"},
	{Header: "年度", Path: "year"},
	{Header: "金额", Path: "amount"},
	{Header: "拨付日期", Path: "paid_on", Kind: KindDate},
	{Header: "凭证号", Path: "voucher"},
}

// EarlierPaymentList writes a sheet of earlier payments (the import's
// template, and the tests' input), each row the cells of 统一社会信用代码,
// 企业名称, 梯度, 政策, 年度, 金额, 拨付日期, 凭证号.
func EarlierPaymentList(w io.Writer, rows ...[]any) error {
	cols := make([]TableColumn, len(earlierPaymentColumns))
	for i, c := range earlierPaymentColumns {
		cols[i] = TableColumn{Header: c.Header, Width: 20}
	}
	return Table(w, "历史兑付", cols, func(yield func([]any, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	})
}

// ReadEarlierPayments reads a sheet of earlier payments (the first sheet)
// within the upload limits. Every bad cell is an error naming its row and
// column, in Chinese and English; a row with one is not returned.
func ReadEarlierPayments(r io.Reader) ([]reward.EarlierPayment, []RowError, error) {
	f, err := openReader(r, ImportLimits)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	im := &importer{res: &Result{}}
	var out []reward.EarlierPayment
	err = im.scan(f, sheet, earlierPaymentColumns, []string{"uscc", "tier", "year", "amount"}, func(row int, cells []string) {
		ok := true
		bad := func(path, en, zh string) {
			im.add(sheet, row, path, profile.CodeFormat, en, zh, false)
			ok = false
		}
		text := func(i int) string { return strings.TrimSpace(cells[i]) }
		p := reward.EarlierPayment{Row: row, USCC: strings.ToUpper(strings.Join(strings.Fields(cells[0]), "")),
			PolicyName: text(3), Voucher: text(7)}
		if p.USCC == "" {
			bad("uscc", "uscc is required", "统一社会信用代码不能为空")
		} else if fe := profile.CheckUSCC(p.USCC); fe != nil {
			bad("uscc", fe.Message, "统一社会信用代码"+strings.TrimPrefix(fe.MessageZH, "uscc（统一社会信用代码）"))
		}
		if p.Tier = TierByText(text(2)); p.Tier == "" {
			bad("tier", fmt.Sprintf("unknown tier %q", text(2)), fmt.Sprintf("梯度“%s”无法识别，应为专精特新中小企业、专精特新“小巨人”企业等", text(2)))
		}
		if y, err := strconv.Atoi(text(4)); err != nil || y < 2000 || y > 2100 {
			bad("year", fmt.Sprintf("year %q is not a year", text(4)), fmt.Sprintf("年度“%s”有误，应为四位年份", text(4)))
		} else {
			p.Year = y
		}
		if fen, err := reward.ParseYuan(text(5)); err != nil {
			bad("amount", err.Error(), apperr.Message(err))
		} else if fen == 0 {
			bad("amount", "amount must be above zero", "金额须大于零")
		} else {
			p.AmountFen = fen
		}
		if s := text(6); s != "" {
			if v, ce := parseDate(s); ce != nil {
				bad("paid_on", ce.en, ce.zh)
			} else {
				p.PaidOn = profile.MustDate(v)
			}
		}
		if ok {
			out = append(out, p)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return out, im.res.Errors, nil
}
