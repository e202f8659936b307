package enterprise_test

import (
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

func TestFieldAuthority(t *testing.T) {
	for _, tt := range []struct {
		path       string
		enterprise bool // the enterprise may write it
	}{
		{"titles", false},
		{"titles[0].tier", false},
		{"honors", false},
		{"flags.serious_dishonesty", false},
		{"flags.data_fraud_ban_until", false},
		{"years.2026.platform_score", false},
		{"years.2025.revenue", true},
		{"years.2025", true},
		{"ip", true},
		{"rd_institutions", true},
		{"product.market_share", true},
		{"local_score", false},
		{"uscc", false},
		{"chain", false},
		{"status", false},
	} {
		if got := enterprise.MayWrite(auth.RoleEnterprise, tt.path); got != tt.enterprise {
			t.Errorf("enterprise may write %s = %v, want %v", tt.path, got, tt.enterprise)
		}
		if !enterprise.MayWrite(auth.RoleDistrict, tt.path) || !enterprise.MayWrite(auth.RoleCity, tt.path) {
			t.Errorf("officials may not write %s", tt.path)
		}
		if enterprise.MayWrite(auth.RoleBank, tt.path) {
			t.Errorf("a bank may write %s", tt.path)
		}
	}
	if !enterprise.MayWriteAll(auth.RoleCity) || !enterprise.MayWriteAll(auth.RoleDistrict) || enterprise.MayWriteAll(auth.RoleEnterprise) {
		t.Errorf("MayWriteAll: officials write everything, an enterprise not")
	}
	err := enterprise.CheckWrite(auth.RoleEnterprise, []string{"years.2025.revenue", "titles", "status"})
	if !apperr.Is(err, apperr.EFORBIDDEN) {
		t.Fatalf("CheckWrite = %v, want EFORBIDDEN", err)
	}
	fields := httpx.Fields(err)
	if len(fields) != 2 || fields[0].Path != "titles" || fields[1].Path != "status" || fields[0].MessageEN == "" {
		t.Errorf("fields %+v, want titles and status with both messages", fields)
	}
	if err := enterprise.CheckWrite(auth.RoleEnterprise, []string{"years.2025.revenue", "ip"}); err != nil {
		t.Errorf("declared fields refused: %v", err)
	}
}
