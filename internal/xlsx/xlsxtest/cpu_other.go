//go:build !unix

package xlsxtest

import "time"

// ProcessCPU is not measured here: it reports no CPU time.
func ProcessCPU() time.Duration { return 0 }
