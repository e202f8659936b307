package sqlstore_test

import (
	"context"
	"testing"
	"time"
	"zjtx/internal/testdb"

	"zjtx/internal/sqlstore"
)

func TestOpen(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		t.Run("MigratesOnce", func(t *testing.T) {
			if err := s.Migrate(ctx); err != nil {
				t.Fatalf("second Migrate: %v", err)
			}
			v, err := s.SchemaVersion(ctx)
			if got, want := v, int64(7); err != nil || got != want {
				t.Errorf("SchemaVersion = %d, %v; want %d", got, err, want)
			}
		})
		t.Run("RegionsSeeded", func(t *testing.T) {
			rs, err := s.ListRegions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(rs), 16; got != want {
				t.Fatalf("regions = %d, want %d", got, want)
			}
			if got, want := rs[0].Name, "中原区"; got != want {
				t.Errorf("first region = %s, want %s", got, want)
			}
			last := rs[len(rs)-1]
			if last.Code != "410199" || last.Name != "郑东新区" || last.National {
				t.Errorf("last region = %+v, want 410199 郑东新区 with a platform code", last)
			}
		})
		t.Run("Pings", func(t *testing.T) {
			if err := s.Ping(ctx); err != nil {
				t.Error(err)
			}
		})
	})
}

func TestOpenRefusesMemory(t *testing.T) {
	if _, err := sqlstore.Open(context.Background(), ":memory:"); err == nil {
		t.Error("Open(:memory:) succeeded; want an error (two pools cannot share a memory database)")
	}
}

func TestWithTxFixesNow(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		var ticks int
		s.Now = func() time.Time { ticks++; return t0.Add(time.Duration(ticks) * time.Second) }
		var a, b time.Time
		err := s.WithTx(city, func(tx *sqlstore.Tx) error {
			r1, r2 := newRecord(zhongyuan, "甲公司", 1), newRecord(zhongyuan, "乙公司", 2)
			if err := tx.CreateEnterprise(city, r1); err != nil {
				return err
			}
			if err := tx.CreateEnterprise(city, r2); err != nil {
				return err
			}
			a, b = r1.CreatedAt, r2.CreatedAt
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Equal(b) || ticks != 1 {
			t.Errorf("timestamps %v and %v after %d clock reads; want equal after 1", a, b, ticks)
		}
	})
}

// Two handles on one database, as two servers on one PostgreSQL: what one
// writes, the other reads, sessions included.
func TestTwoStoresShareOneDatabase(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			dsn := FreshDSN(t, eng)
			s1, s2 := MustOpen(t, dsn), MustOpen(t, dsn)
			r := mustCreate(t, s1, zhongyuan, "郑州共享测试有限公司", 1)
			got, err := s2.GetEnterprise(city, r.ID)
			if err != nil {
				t.Fatalf("read through the second store: %v", err)
			}
			if got.Name != r.Name || got.Version != 1 {
				t.Errorf("second store read %q v%d, want %q v1", got.Name, got.Version, r.Name)
			}
			got.Chain = "装备制造"
			if err := s2.UpdateEnterprise(city, got); err != nil {
				t.Fatal(err)
			}
			back, err := s1.GetEnterprise(city, r.ID)
			if err != nil || back.Chain != "装备制造" || back.Version != 2 {
				t.Errorf("first store read %+v, %v; want chain 装备制造 v2", back, err)
			}
			u := mustUser(t, s1, "shared", cityRole())
			_, token, err := s1.Login(context.Background(), u.Username, password, sqlstore.SessionMeta{})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := s2.Authenticate(context.Background(), token); err != nil {
				t.Errorf("session made on one store refused by the other: %v", err)
			}
		})
	}
}
