package sqlstore_test

import (
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

func TestInstitutions(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		var bank, other *hub.Institution
		err := s.WithTx(city, func(tx *sqlstore.Tx) error {
			bank = &hub.Institution{Name: "合作银行甲", Kind: hub.KindFinancial, Status: hub.StatusApproved, PartnerBank: true}
			other = &hub.Institution{Name: "服务机构乙", Kind: hub.KindService}
			if err := tx.CreateInstitution(city, bank); err != nil {
				return err
			}
			return tx.CreateInstitution(city, other)
		})
		if err != nil {
			t.Fatal(err)
		}
		if other.Status != hub.StatusPending {
			t.Errorf("status %q, want pending by default", other.Status)
		}
		for _, tc := range []struct {
			name string
			ctx  any
			in   hub.Institution
			code string
		}{
			{"district may not register", "district", hub.Institution{Name: "丙", Kind: hub.KindService}, apperr.EFORBIDDEN},
			{"same name twice", "city", hub.Institution{Name: "合作银行甲", Kind: hub.KindFinancial}, apperr.ECONFLICT},
			{"unknown kind", "city", hub.Institution{Name: "丁", Kind: "bank"}, apperr.EINVALID},
			{"partner bank not financial", "city", hub.Institution{Name: "戊", Kind: hub.KindService, PartnerBank: true}, apperr.EINVALID},
			{"no name", "city", hub.Institution{Name: " ", Kind: hub.KindService}, apperr.EINVALID},
		} {
			ctx := city
			if tc.ctx == "district" {
				ctx = as(auth.Caller{UserID: 2, Username: "d", Role: auth.RoleDistrict, Region: "410105"})
			}
			in := tc.in
			err := s.WithTx(ctx, func(tx *sqlstore.Tx) error { return tx.CreateInstitution(ctx, &in) })
			if !apperr.Is(err, tc.code) {
				t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			}
		}
		// A bank account reads its own record and not another's.
		bankCtx := as(auth.Caller{UserID: 3, Username: "b", Role: auth.RoleBank, InstitutionID: bank.ID})
		err = s.WithTx(bankCtx, func(tx *sqlstore.Tx) error {
			if _, err := tx.GetInstitution(bankCtx, bank.ID); err != nil {
				t.Errorf("own institution: %v", err)
			}
			if _, err := tx.GetInstitution(bankCtx, other.ID); !apperr.Is(err, apperr.ENOTFOUND) {
				t.Errorf("another institution: %v, want not found", err)
			}
			banks, err := tx.PartnerBanks(bankCtx)
			if err != nil || len(banks) != 1 || banks[0].ID != bank.ID {
				t.Errorf("partner banks: %v %v", banks, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// An enterprise sees approved institutions only.
		entCtx := as(auth.Caller{UserID: 4, Username: "e", Role: auth.RoleEnterprise, EnterpriseID: 1})
		_ = s.WithTx(entCtx, func(tx *sqlstore.Tx) error {
			if _, err := tx.GetInstitution(entCtx, other.ID); !apperr.Is(err, apperr.ENOTFOUND) {
				t.Errorf("pending institution seen by an enterprise: %v", err)
			}
			return nil
		})
	})
}
