package sqlstore

import "context"

// LockForRestore takes the server lock exclusively, as Restore does, for
// the black-box tests.
func (s *Store) LockForRestore(ctx context.Context) (func() error, error) { return s.lock(ctx, true) }
