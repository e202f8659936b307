package sqlstore_test

import (
	"testing"

	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// BenchmarkBackupListRefresh measures one profile change of a demo
// enterprise (full profiles, three data years) in a store of 3,000 with its
// lists: with the lists kept (the engine's report with gap plans, the
// inclusion rules and the entry written with its audit row, all in the
// write's transaction) and without, so the difference is the refresh. Each
// change gives or takes the innovative title, so an entry of the 专精特新
// list is added or dropped every time.
func BenchmarkBackupListRefresh(b *testing.B) {
	for _, eng := range testdb.Engines() {
		b.Run(eng, func(b *testing.B) {
			s := MustOpen(b, testdb.Fresh(b, eng))
			s.Lists = includer(b)
			recs := demo.Records(3000, 0, 2025)
			if err := s.WithTx(city, func(tx *sqlstore.Tx) error {
				if err := tx.BulkCreateEnterprises(city, recs); err != nil {
					return err
				}
				for _, r := range recs {
					if err := tx.RefreshBackupListsOf(city, r); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			lists := s.Lists
			for _, mode := range []string{"WithLists", "WithoutLists"} {
				b.Run(mode, func(b *testing.B) {
					s.Lists = lists
					if mode == "WithoutLists" {
						s.Lists = nil
					}
					from, to := profile.MustDate("2025-01-01"), profile.MustDate("2027-12-31")
					i := 0
					for b.Loop() {
						r := recs[i%200]
						i++
						cur, err := s.GetEnterprise(city, r.ID)
						if err != nil {
							b.Fatal(err)
						}
						if _, err := s.ModifyEnterprise(city, r.ID, cur.Version, func(x *enterprise.Record) error {
							if len(x.Profile.Titles) > 0 {
								x.Profile.Titles = nil
							} else {
								x.Profile.Titles = []profile.Title{{Tier: "innovative", Recognized: &from, ValidTo: &to}}
							}
							return nil
						}); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
