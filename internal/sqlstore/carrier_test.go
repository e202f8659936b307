package sqlstore_test

import (
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

func TestCarriersAndClusters(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		zy := mustCreate(t, s, zhongyuan, "中原孵化企业", 1)
		eq := mustCreate(t, s, erqi, "二七孵化企业", 2)
		kZY := &carrier.Carrier{Name: "中原区众创空间", Kind: carrier.KindMakerSpace, Level: cultivation.LevelMunicipal, Region: zhongyuan, AreaSqm: 5000}
		kEQ := &carrier.Carrier{Name: "二七区科技企业孵化器", Kind: carrier.KindIncubator, Level: cultivation.LevelNational, Region: erqi}
		g := &carrier.Cluster{Name: "中原区智能装备特色产业集群", Level: cultivation.LevelNational, Region: zhongyuan, Industry: "智能装备"}
		err := s.WithTx(city, func(tx *sqlstore.Tx) error {
			for _, k := range []*carrier.Carrier{kZY, kEQ} {
				if err := tx.CreateCarrier(city, k); err != nil {
					return err
				}
			}
			return tx.CreateCluster(city, g)
		})
		if err != nil {
			t.Fatal(err)
		}
		// Each call in its own transaction: on PostgreSQL a refused statement
		// ends the transaction it ran in, as a request's does.
		zyTx := func(fn func(tx *sqlstore.Tx) error) error {
			return s.WithTx(districtZY, fn)
		}
		add := func(group string, gid, eid int64) error {
			return zyTx(func(tx *sqlstore.Tx) error { return tx.AddMember(districtZY, group, gid, eid, "2025-03-01") })
		}
		// A district registers its own enterprises, in any carrier.
		if err := add("carrier", kZY.ID, zy.ID); err != nil {
			t.Errorf("own tenant: %v", err)
		}
		if err := add("carrier", kEQ.ID, zy.ID); err != nil {
			t.Errorf("own enterprise in another district's carrier: %v", err)
		}
		if err := add("carrier", kZY.ID, eq.ID); !apperr.Is(err, apperr.ENOTFOUND) {
			t.Errorf("another district's enterprise: %v", err)
		}
		if err := add("carrier", kZY.ID, zy.ID); !apperr.Is(err, apperr.ECONFLICT) {
			t.Errorf("twice: %v", err)
		}
		if err := add("cluster", g.ID, zy.ID); err != nil {
			t.Errorf("cluster member: %v", err)
		}
		err = zyTx(func(tx *sqlstore.Tx) error {
			return tx.CreateCarrier(districtZY, &carrier.Carrier{Name: "区载体", Kind: carrier.KindMakerSpace,
				Level: cultivation.LevelMunicipal, Region: zhongyuan})
		})
		if !apperr.Is(err, apperr.EFORBIDDEN) {
			t.Errorf("a district registers a carrier: %v", err)
		}
		err = zyTx(func(tx *sqlstore.Tx) error {
			list, err := tx.ListCarriers(districtZY, "", "")
			if err != nil || len(list) != 1 || list[0].ID != kZY.ID || list[0].Tenants != 1 {
				t.Errorf("district's carriers: %v %v", list, err)
			}
			if _, err := tx.GetCarrier(districtZY, kEQ.ID); !apperr.Is(err, apperr.ENOTFOUND) {
				t.Errorf("another district's carrier: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.WithTx(city, func(tx *sqlstore.Tx) error {
			if err := tx.AddMember(city, "cluster", g.ID, eq.ID, ""); err != nil {
				return err
			}
			// Two members: one innovative titled (the test records hold the
			// innovative title), none on a list yet.
			shares, err := tx.ClusterShares(city, g.ID)
			if err != nil {
				return err
			}
			if shares[0].Tier != "innovative" || shares[0].Titled != 2 || shares[0].Either != 2 || shares[0].Share() != 1000 {
				t.Errorf("innovative share: %+v", shares[0])
			}
			if shares[1].Tier != "srdi" || shares[1].Either != 0 || shares[1].Members != 2 {
				t.Errorf("srdi share: %+v", shares[1])
			}
			members, err := tx.Members(districtEQ, "cluster", g.ID)
			if err != nil || len(members) != 1 || members[0].ID != eq.ID {
				t.Errorf("members seen by 二七: %v %v", members, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := auditCount(t, s, auth.AuditFilter{Entity: "carrier"}); n != 4 {
			t.Errorf("%d carrier audit rows, want 4 (two created, two tenants)", n)
		}
	})
}

func TestParkApplications(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		zy := mustCreate(t, s, zhongyuan, "中原用地企业", 1)
		eq := mustCreate(t, s, erqi, "二七用地企业", 2)
		p := &carrier.Park{Name: "郑州专精特新产业园", Region: zhongyuan, LandMu: 300 * profile.DecScale, Places: 5, Year: 2025}
		if err := s.WithTx(city, func(tx *sqlstore.Tx) error { return tx.CreatePark(city, p) }); err != nil {
			t.Fatal(err)
		}
		mu := func(n int64) profile.Dec { return profile.Dec(n * profile.DecScale) }
		app := func(eid int64) *carrier.Application {
			return &carrier.Application{ParkID: p.ID, EnterpriseID: eid, NeedMu: mu(20), UsedMu: mu(10), Revenue: mu(6000), Tax: mu(300)}
		}
		own := app(zy.ID)
		entTx := func(a *carrier.Application) error {
			return s.WithTx(enterpriseCtx(zy.ID), func(tx *sqlstore.Tx) error { return tx.CreateApplication(enterpriseCtx(zy.ID), a) })
		}
		if err := entTx(own); err != nil {
			t.Errorf("own application: %v", err)
		}
		if err := entTx(app(eq.ID)); !apperr.Is(err, apperr.ENOTFOUND) {
			t.Errorf("applying for another enterprise: %v", err)
		}
		bad := app(zy.ID)
		bad.UsedMu = 0
		if err := entTx(bad); !apperr.Is(err, apperr.EINVALID) {
			t.Errorf("no land used: %v", err)
		}
		var err error
		err = s.WithTx(districtEQ, func(tx *sqlstore.Tx) error { return tx.CreateApplication(districtEQ, app(eq.ID)) })
		if err != nil {
			t.Errorf("district applies for its enterprise: %v", err)
		}
		err = s.WithTx(districtEQ, func(tx *sqlstore.Tx) error {
			list, err := tx.ListApplications(districtEQ, p.ID)
			if err != nil || len(list) != 1 || list[0].EnterpriseID != eq.ID {
				t.Fatalf("二七 sees: %v %v", list, err)
			}
			if _, err := tx.DecideApplication(districtEQ, list[0].ID, list[0].Version, carrier.AppGranted); !apperr.Is(err, apperr.EFORBIDDEN) {
				t.Errorf("a district grants a place: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		decide := func(status string) (got *carrier.Application, err error) {
			err = s.WithTx(city, func(tx *sqlstore.Tx) error {
				got, err = tx.DecideApplication(city, own.ID, own.Version, status)
				return err
			})
			return got, err
		}
		if got, err := decide(carrier.AppGranted); err != nil || got.Status != carrier.AppGranted {
			t.Errorf("grant: %v %v", got, err)
		}
		if _, err := decide(carrier.AppRefused); !apperr.Is(err, apperr.ECONFLICT) {
			t.Errorf("stale decision: %v", err)
		}
	})
}
