package sqlstore

import "context"

// LockForRestore takes the server lock exclusively, as Restore does, for
// the black-box tests.
func (s *Store) LockForRestore(ctx context.Context) (func() error, error) { return s.lock(ctx, true) }

// MigrateTo applies the migrations up to version v, for the tests of a
// migration over rows an older schema holds.
func (s *Store) MigrateTo(ctx context.Context, v int64) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, v)
	return err
}

// ExecRaw runs one statement on the write pool, for those tests to lay rows
// down as the older schema held them.
func (s *Store) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := s.write.ExecContext(ctx, q, args...)
	return err
}
