//go:build unix

package xlsxtest

import (
	"syscall"
	"time"
)

// ProcessCPU returns the user and system time this process has used: the
// work of a test, however loaded the machine it runs on.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
