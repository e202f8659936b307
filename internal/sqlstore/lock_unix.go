//go:build unix

package sqlstore

import (
	"errors"
	"os"
	"syscall"
)

// flockFile locks the file at path (creating it) without waiting, shared or
// exclusive, and returns the release. The lock belongs to this open file:
// another open of the same file, in this process or another, conflicts.
func flockFile(path string, exclusive bool) (func() error, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	// Closing the file releases the lock.
	return f.Close, nil
}
