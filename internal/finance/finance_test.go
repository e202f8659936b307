package finance_test

import (
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/finance"
	"zjtx/internal/workday"
)

func TestCapsByTier(t *testing.T) {
	p := finance.Default()
	for tier, want := range map[string]int64{
		"innovative": 1_000_000_000, "srdi": 3_000_000_000, "little_giant": 5_000_000_000,
		"key_little_giant": 5_000_000_000, "tech_sme": 0, "": 0,
	} {
		if got := p.CapFen(tier); got != want {
			t.Errorf("cap of %q = %d 分, want %d", tier, got, want)
		}
	}
}

// TestClocksAcrossHolidays: the 5 and 15 working days skip 国庆节 (1–8
// October 2025) and count the 调休 Saturday 11 October.
func TestClocksAcrossHolidays(t *testing.T) {
	p, cal := finance.Default(), workday.Default()
	for _, tc := range []struct{ pushed, reply, loan string }{
		{"2025-09-30 10:00", "2025-10-14", "2025-10-28"}, // 9, 10, 11 (调休), 13, 14
		{"2025-09-26 17:00", "2025-10-10", "2025-10-23"}, // 28 (调休 Sunday), 29, 30, 9, 10
		{"2026-09-01 08:00", "2026-09-08", "2026-09-21"}, // the 15th is Monday 21: Sunday 20 is worked (调休)
	} {
		pushed, _ := time.ParseInLocation("2006-01-02 15:04", tc.pushed, finance.CST)
		reply, loan := finance.Clocks(p, cal, pushed)
		if got := reply.In(finance.CST).Format("2006-01-02 15:04:05"); got != tc.reply+" 23:59:59" {
			t.Errorf("pushed %s: reply due %s, want %s end of day", tc.pushed, got, tc.reply)
		}
		if got := loan.In(finance.CST).Format("2006-01-02"); got != tc.loan {
			t.Errorf("pushed %s: loan due %s, want %s", tc.pushed, got, tc.loan)
		}
		r := &finance.Referral{Status: finance.ReferralPushed, ReplyDue: reply, LoanDue: loan}
		if r.OverdueAt(reply) != "" || r.OverdueAt(reply.Add(time.Second)) != "reply" {
			t.Errorf("pushed %s: the reply clock runs out after its last second", tc.pushed)
		}
		r.Status = finance.ReferralAccepted
		if r.OverdueAt(reply.Add(time.Second)) != "" || r.OverdueAt(loan.Add(time.Second)) != "loan" {
			t.Errorf("pushed %s: an accepted referral is late only after the loan clock", tc.pushed)
		}
	}
}

func TestSubsidyExactInFen(t *testing.T) {
	p := finance.Default()
	for _, tc := range []struct{ qualifying, want int64 }{
		{0, 0}, {9, 0}, {10, 1}, {19, 1}, {123_456_789, 12_345_678},
		{4_999_999_999, 499_999_999}, {5_000_000_000, 500_000_000}, {9_000_000_000_00, 500_000_000}, // capped at 500 万元
	} {
		if got := finance.SubsidyFen(p, tc.qualifying); got != tc.want {
			t.Errorf("subsidy of %d 分 = %d, want %d", tc.qualifying, got, tc.want)
		}
	}
	s := &finance.Subsidy{Year: 2025, Invoices: []*finance.Invoice{
		{InvoiceNo: "A1", Kind: "equipment", IssuedOn: "2025-03-01", AmountFen: 100_000_01},
		{InvoiceNo: "A2", Kind: "software", IssuedOn: "2025-12-31", AmountFen: 50_000_00},
		{InvoiceNo: "A1", Kind: "equipment", IssuedOn: "2025-03-01", AmountFen: 100_000_01}, // declared twice
		{InvoiceNo: "A3", Kind: "equipment", IssuedOn: "2024-12-31", AmountFen: 70_000_00},  // another year
	}}
	if err := s.Compute(p); err != nil {
		t.Fatal(err)
	}
	if s.QualifyingFen != 150_000_01 || s.SubsidyFen != 15_000_00 {
		t.Errorf("qualifying %d subsidy %d, want 15000001 and 1500000 (rounded down)", s.QualifyingFen, s.SubsidyFen)
	}
	if s.Invoices[2].Qualifying || s.Invoices[3].Qualifying || s.Invoices[3].Reason == "" {
		t.Errorf("repeat and out-of-year invoices qualified: %+v %+v", s.Invoices[2], s.Invoices[3])
	}
	bad := &finance.Subsidy{Year: 2025, Invoices: []*finance.Invoice{{InvoiceNo: "B", Kind: "car", IssuedOn: "2025-01-01", AmountFen: 1}}}
	if err := bad.Compute(p); !apperr.Is(err, apperr.EINVALID) {
		t.Errorf("a car invoice: %v, want invalid", err)
	}
}

func TestRoomAndMoneyText(t *testing.T) {
	if err := finance.CheckRoom(1_000_000_000, 999_999_999, 1); err != nil {
		t.Errorf("the last 分: %v", err)
	}
	if err := finance.CheckRoom(1_000_000_000, 999_999_999, 2); !apperr.Is(err, apperr.EINVALID) {
		t.Errorf("one 分 over: %v", err)
	}
	if err := finance.CheckRoom(0, 0, 1); !apperr.Is(err, apperr.EINVALID) {
		t.Errorf("no title: %v", err)
	}
	for fen, want := range map[int64]string{1_000_000_000: "1000 万元", 1_234_567_891: "1234.567891 万元", 50_000: "0.05 万元"} {
		if got := finance.WanText(fen); got != want {
			t.Errorf("WanText(%d) = %q, want %q", fen, got, want)
		}
	}
	for fen, want := range map[int64]string{0: "0.00", 5: "0.05", 123_456_789: "1,234,567.89", -100: "-1.00"} {
		if got := finance.YuanText(fen); got != want {
			t.Errorf("YuanText(%d) = %q, want %q", fen, got, want)
		}
	}
}

func TestCentralStagesInOrder(t *testing.T) {
	paid := time.Now()
	stages := []*finance.CentralStage{{Seq: 1, Review: "passed", PaidAt: &paid}, {Seq: 2, Review: ""}, {Seq: 3, Review: "passed"}}
	for seq, ok := range map[int]bool{1: false, 2: false, 3: false, 4: false} {
		if err := finance.CanPay(stages, seq); (err == nil) != ok {
			t.Errorf("pay stage %d: %v", seq, err)
		}
	}
	stages[1].Review = "passed"
	if err := finance.CanPay(stages, 2); err != nil {
		t.Errorf("stage 2 after its review: %v", err)
	}
	p := &finance.CentralProject{Name: "x", Year: 2025, TotalFen: 100, Stages: []*finance.CentralStage{{AmountFen: 60}, {AmountFen: 39}}}
	if err := p.Check(); !apperr.Is(err, apperr.EINVALID) {
		t.Errorf("stages one 分 short of the total: %v", err)
	}
}

func TestParseWan(t *testing.T) {
	for s, want := range map[string]int64{"300": 300_000_000, "12.5": 12_500_000, "1,000.000001": 1_000_000_001, "0.01": 10_000, ".5": 500_000} {
		if got, ok := finance.ParseWan(s); !ok || got != want {
			t.Errorf("ParseWan(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "-1", "1.0000001", "abc", "1e3", "."} {
		if _, ok := finance.ParseWan(s); ok {
			t.Errorf("ParseWan(%q) accepted", s)
		}
	}
}
