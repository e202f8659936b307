//go:build !unix

package xlsxtest

import "time"

// processCPU is not measured here: Cost then reports no CPU time.
func processCPU() time.Duration { return 0 }
