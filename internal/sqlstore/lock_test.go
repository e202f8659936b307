package sqlstore_test

import (
	"context"
	"errors"
	"testing"

	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// TestServerLock: servers share the lock; restore's exclusive hold keeps a
// server from starting, and a server's hold keeps restore out; releasing
// frees it at once.
func TestServerLock(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			ctx := context.Background()
			dsn := testdb.Fresh(t, eng)
			open := func() *sqlstore.Store {
				s, err := sqlstore.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			a, b := open(), open()
			release, err := a.LockForRestore(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.LockForServe(ctx); !errors.Is(err, sqlstore.ErrInUse) {
				t.Errorf("server start during a restore: %v, want ErrInUse", err)
			}
			if err := release(); err != nil {
				t.Fatal(err)
			}
			l1, err := a.LockForServe(ctx)
			if err != nil {
				t.Fatal(err)
			}
			l2, err := b.LockForServe(ctx)
			if err != nil {
				t.Fatalf("second server: %v", err)
			}
			if _, err := a.LockForRestore(ctx); err == nil {
				t.Errorf("restore under servers: %v, want a refusal", err)
			}
			l1.Release()
			l2.Release()
			release, err = b.LockForRestore(ctx)
			if err != nil {
				t.Errorf("restore after the servers released: %v", err)
			} else {
				release()
			}
		})
	}
}
