package demo

import (
	"context"

	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// seedInstitutions registers the institution and the bank the demo's
// institution and bank accounts belong to.
func seedInstitutions(ctx context.Context, tx *sqlstore.Tx) (inst, bank *hub.Institution, err error) {
	inst = &hub.Institution{Name: "郑州中小企业公共服务平台（演示机构）", Kind: hub.KindPlatform, Level: "municipal",
		ContactName: "王敏", ContactPhone: "0371-60000001", Status: hub.StatusApproved}
	bank = &hub.Institution{Name: "演示银行郑州分行", Kind: hub.KindFinancial, Level: "municipal",
		ContactName: "李强", ContactPhone: "0371-60000002", Status: hub.StatusApproved, PartnerBank: true}
	for _, in := range []*hub.Institution{inst, bank} {
		if err := tx.CreateInstitution(ctx, in); err != nil {
			return nil, nil, err
		}
	}
	return inst, bank, nil
}
